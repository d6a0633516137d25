package dev.gatehouse.domains;

import dev.gatehouse.kernel.config.SettingsReader;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Connect Domain's settings, read with the kernel's before the service starts ({@code DOMAINS_*},
 * {@code WEBHOOKS_ALLOW_PRIVATE_TARGETS}); every problem is reported with the kernel's.
 *
 * @param nameservers {@code host[:port]} the DNS checker asks; empty means the system resolvers
 * @param dnsTimeoutMillis per query, 500–30000
 * @param challengeLabel the label in front of the hostname for the ownership TXT record
 * @param verifyDeadline {@code pending}/{@code verified} connections fail after this
 * @param monitorInterval how often {@code live} connections are re-checked
 * @param reservedSuffixes hostnames equal to or under these are refused
 * @param defaultMaxConnections the connection limit new tenants are given
 * @param webhooksAllowPrivateTargets whether webhooks may go to private and loopback addresses
 * @param allowedCas the CAA identifiers (domain names, lower case) of the certificate authorities
 *     the TLS server may use; the CAA preflight reports hostnames whose CAA records permit none
 */
public record DomainsSettings(
        List<String> nameservers,
        int dnsTimeoutMillis,
        String challengeLabel,
        Duration verifyDeadline,
        Duration monitorInterval,
        List<String> reservedSuffixes,
        int defaultMaxConnections,
        boolean webhooksAllowPrivateTargets,
        List<String> allowedCas) {

    /**
     * The documented default of {@code DOMAINS_DEFAULT_MAX_CONNECTIONS}, and the limit of a tenant
     * that has no stored one.
     */
    public static final int DOCUMENTED_MAX_CONNECTIONS = 100;

    /** The range of a tenant's connection limit. */
    public static final int MAX_CONNECTIONS_CEILING = 1_000_000;

    /**
     * The default of {@code DOMAINS_ALLOWED_CAS}: Caddy's default issuers, Let's Encrypt and
     * ZeroSSL (whose CAA identifier is {@code sectigo.com}).
     */
    public static final List<String> DEFAULT_ALLOWED_CAS =
            List.of("letsencrypt.org", "sectigo.com");

    private static final Pattern CA_DOMAIN =
            Pattern.compile(
                    "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    private static final Pattern NAMESERVER =
            Pattern.compile(
                    "^([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?$|^[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*$");

    public DomainsSettings {
        nameservers = List.copyOf(nameservers);
        reservedSuffixes = List.copyOf(reservedSuffixes);
        allowedCas = List.copyOf(allowedCas);
    }

    /** Reads and checks every setting, recording problems in {@code raw}. */
    static DomainsSettings read(SettingsReader raw) {
        List<String> nameservers = raw.list("DOMAINS_DNS_NAMESERVERS");
        nameservers.stream()
                .filter(n -> !NAMESERVER.matcher(n).matches())
                .findFirst()
                .ifPresent(
                        n ->
                                raw.problem(
                                        "DOMAINS_DNS_NAMESERVERS",
                                        "\"" + n + "\" is not host[:port] such as 127.0.0.1:5353"));
        String label = raw.string("DOMAINS_CHALLENGE_LABEL", "_gatehouse-challenge");
        if (!label.matches("^_?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")) {
            raw.problem(
                    "DOMAINS_CHALLENGE_LABEL",
                    "must be one DNS label such as _gatehouse-challenge");
        }
        List<String> reserved =
                raw.list("DOMAINS_RESERVED_SUFFIXES").stream()
                        .map(r -> r.toLowerCase(Locale.ROOT).replaceAll("^\\.+|\\.+$", ""))
                        .toList();
        reserved.stream()
                .filter(r -> !r.matches("^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$"))
                .findFirst()
                .ifPresent(
                        r ->
                                raw.problem(
                                        "DOMAINS_RESERVED_SUFFIXES",
                                        "\"" + r + "\" is not a domain name"));
        return new DomainsSettings(
                nameservers,
                raw.integer("DOMAINS_DNS_TIMEOUT_MS", 3000, 500, 30_000),
                label,
                raw.duration(
                        "DOMAINS_VERIFY_DEADLINE",
                        Duration.ofHours(72),
                        Duration.ofMinutes(1),
                        Duration.ofDays(365)),
                raw.duration(
                        "DOMAINS_MONITOR_INTERVAL",
                        Duration.ofHours(1),
                        Duration.ofSeconds(10),
                        Duration.ofDays(7)),
                reserved,
                raw.integer(
                        "DOMAINS_DEFAULT_MAX_CONNECTIONS",
                        DOCUMENTED_MAX_CONNECTIONS,
                        0,
                        MAX_CONNECTIONS_CEILING),
                raw.bool("WEBHOOKS_ALLOW_PRIVATE_TARGETS", !raw.production()),
                allowedCas(raw));
    }

    private static List<String> allowedCas(SettingsReader raw) {
        List<String> cas =
                raw.list("DOMAINS_ALLOWED_CAS").stream()
                        .map(c -> c.toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList();
        cas.stream()
                .filter(c -> c.length() > 253 || !CA_DOMAIN.matcher(c).matches())
                .findFirst()
                .ifPresent(
                        c ->
                                raw.problem(
                                        "DOMAINS_ALLOWED_CAS",
                                        "\""
                                                + c
                                                + "\" is not a CA's domain name such as"
                                                + " letsencrypt.org"));
        return cas.isEmpty() ? DEFAULT_ALLOWED_CAS : cas;
    }
}
