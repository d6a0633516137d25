package dev.gatehouse.portal;

import dev.gatehouse.gateway.catalog.CatalogEndpoint;
import dev.gatehouse.gateway.policy.Rule;

import java.util.List;

/**
 * What one policy rule grants of the catalog, as the rule editor shows it.
 *
 * @param full endpoints every request to which the rule grants
 * @param partial endpoints some requests to which the rule grants ({@code GET /customers/42} of
 *     {@code /customers/{id}})
 */
public record GatewayGrants(Rule rule, List<CatalogEndpoint> full, List<CatalogEndpoint> partial) {

    public GatewayGrants {
        full = List.copyOf(full);
        partial = List.copyOf(partial);
    }
}
