package dev.gatehouse.domains;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a hostname's CAA records let the certificate authorities the operator configures ({@code
 * DOMAINS_ALLOWED_CAS}) issue its certificate: the CAA preflight of a connection's latest check.
 * Reported, never blocking (ADR 0025).
 *
 * @param reason why the status is what it is; it implies the {@link #status()}
 * @param domain where the relevant CAA records were found (the hostname or a parent); null when
 *     there were none, or when DNS did not answer
 * @param records the relevant CAA records in master-file form ({@code 0 issue "letsencrypt.org"})
 * @param allowedCas the CA domain names that were checked for, as configured at the time
 */
public record CaaCheck(
        Reason reason, @Nullable String domain, List<String> records, List<String> allowedCas) {

    public CaaCheck {
        records = List.copyOf(records);
        allowedCas = List.copyOf(allowedCas);
    }

    public enum Status {
        /** A configured CA may issue. */
        ALLOWED,
        /** No configured CA may issue: certificates for the hostname will fail. */
        FORBIDDEN,
        /** DNS did not answer: not known. */
        UNKNOWN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Reason {
        /** No CAA records at the hostname or any parent: every CA may issue. */
        NO_CAA(Status.ALLOWED),
        /** CAA records, but no {@code issue} property among them: every CA may issue. */
        NO_ISSUE_PROPERTY(Status.ALLOWED),
        /** An {@code issue} property names a configured CA. */
        CA_PERMITTED(Status.ALLOWED),
        /** {@code issue} properties name only other CAs, or none ({@code ";"}). */
        CA_NOT_PERMITTED(Status.FORBIDDEN),
        /** A property flagged critical that CAs do not know: no CA may issue. */
        UNKNOWN_CRITICAL_PROPERTY(Status.FORBIDDEN),
        /** The DNS servers reported an error or did not answer. */
        DNS_UNAVAILABLE(Status.UNKNOWN);

        private final Status status;

        Reason(Status status) {
            this.status = status;
        }

        public Status status() {
            return status;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Reason> fromWire(String wire) {
            for (Reason r : values()) {
                if (r.wire().equals(wire)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    public Status status() {
        return reason.status();
    }

    public boolean forbidden() {
        return status() == Status.FORBIDDEN;
    }
}
