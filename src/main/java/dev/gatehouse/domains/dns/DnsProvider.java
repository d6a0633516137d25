package dev.gatehouse.domains.dns;

import dev.gatehouse.domains.DnsRecord;

import java.util.List;

/**
 * Writes a connection's records at the customer's DNS provider (delegated DNS). Each record set
 * (name and type) is replaced as a whole, so applying twice gives the same zone. Thread-safe
 * implementations hold one credential each and are short-lived.
 */
public interface DnsProvider {

    /** Writes {@code records}; never throws for provider trouble. */
    Result apply(List<DnsRecord> records);

    /** What the provider did. */
    sealed interface Result permits Written, Failed {}

    record Written() implements Result {}

    /**
     * The provider refused or could not be reached.
     *
     * @param reason for the server log only: names the step and status, never the secret or the raw
     *     upstream body
     */
    record Failed(String reason) implements Result {}
}
