package dev.gatehouse.gateway.upstream;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's upstream as stored, without any secret in the clear.
 *
 * @param baseUrl absolute http(s) URL without a trailing slash, query or fragment
 * @param secretsSet the names of the secrets stored sealed in {@code sealedSecret}
 * @param sealedSecret the sealed {@link UpstreamSecrets} JSON, or null when none is stored
 * @param timeoutMs the connect timeout and the longest wait for upstream bytes
 */
public record Upstream(
        long id,
        String publicId,
        TenantId tenant,
        String baseUrl,
        UpstreamAuth auth,
        List<String> secretsSet,
        @Nullable String sealedSecret,
        int timeoutMs,
        long maxRequestBytes,
        long maxResponseBytes,
        Instant createdAt,
        Instant updatedAt) {

    public Upstream {
        secretsSet = List.copyOf(secretsSet);
    }

    @Override
    public String toString() {
        return "Upstream[" + publicId + " " + baseUrl + " auth=" + auth.type() + "]";
    }
}
