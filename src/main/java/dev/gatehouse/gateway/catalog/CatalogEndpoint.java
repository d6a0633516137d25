package dev.gatehouse.gateway.catalog;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One entry of a tenant's endpoint catalog: what may be relayed at all.
 *
 * @param id the internal key (never shown)
 * @param publicId {@code ep_…}
 * @param method an upper-case method of {@link PathTemplates#METHODS}
 * @param pathTemplate a path template that passes {@link PathTemplates#problem}, e.g. {@code
 *     /customers/{id}}
 * @param summary a human note, at most 500 characters
 * @param source {@code manual} or {@code import}
 */
public record CatalogEndpoint(
        long id,
        String publicId,
        String method,
        String pathTemplate,
        @Nullable String summary,
        String source,
        Instant createdAt) {}
