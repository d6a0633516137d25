package dev.gatehouse.domains;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A tenant's product that customers put on their own hostnames. The webhook secret is not here: it
 * stays sealed until a delivery needs it.
 *
 * @param id internal key, never shown
 * @param origin the upstream URL the TLS proxy routes live hostnames to
 * @param allowedOrigins web origins allowed to embed the widget, exact scheme://host[:port]
 */
public record Application(
        long id,
        String publicId,
        TenantId tenant,
        String name,
        Target target,
        String origin,
        List<String> allowedOrigins,
        @Nullable String webhookUrl,
        @Nullable Instant webhookDisabledAt,
        Status status,
        Instant createdAt,
        Instant updatedAt) {

    public Application {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public enum Status {
        ACTIVE,
        DISABLED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static java.util.Optional<Status> fromWire(String s) {
            return java.util.Arrays.stream(values()).filter(v -> v.wire().equals(s)).findFirst();
        }
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }
}
