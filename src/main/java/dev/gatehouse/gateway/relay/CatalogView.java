package dev.gatehouse.gateway.relay;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.gatehouse.gateway.catalog.Catalog;
import dev.gatehouse.gateway.catalog.CatalogEndpoint;
import dev.gatehouse.gateway.policy.Endpoint;
import dev.gatehouse.gateway.policy.PathTemplate;
import dev.gatehouse.gateway.policy.Validated;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's catalog as the decision core reads it. {@link Catalog} caches each tenant's stored
 * endpoints as one immutable list until a change evicts it on every node; this keeps the parsed
 * form of each such list, keyed by the list itself (by identity, weakly), so a relay parses nothing
 * while the catalog is unchanged and a changed catalog is parsed once. An endpoint whose stored
 * template the core refuses is left out (fail closed) and logged.
 */
final class CatalogView {

    private static final Logger log = LoggerFactory.getLogger(CatalogView.class);

    private final Catalog catalog;
    private final Cache<List<CatalogEndpoint>, dev.gatehouse.gateway.policy.Catalog> parsed =
            Caffeine.newBuilder().weakKeys().build();

    CatalogView(Catalog catalog) {
        this.catalog = catalog;
    }

    dev.gatehouse.gateway.policy.Catalog forRelay(TenantId tenant) {
        return parsed.get(catalog.endpoints(tenant), CatalogView::parse);
    }

    static dev.gatehouse.gateway.policy.Catalog parse(List<CatalogEndpoint> stored) {
        List<Endpoint> endpoints = new ArrayList<>(stored.size());
        for (CatalogEndpoint e : stored) {
            switch (PathTemplate.parse(e.pathTemplate())) {
                case Validated.Valid<PathTemplate>(PathTemplate template) ->
                        endpoints.add(new Endpoint(e.publicId(), e.method(), template));
                case Validated.Invalid<PathTemplate> invalid ->
                        log.warn(
                                "Catalog endpoint {} left out of relays: {}",
                                e.publicId(),
                                invalid.problems());
            }
        }
        return new dev.gatehouse.gateway.policy.Catalog(endpoints);
    }
}
