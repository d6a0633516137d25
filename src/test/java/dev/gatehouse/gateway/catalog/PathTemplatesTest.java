package dev.gatehouse.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTemplatesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/orders",
                "/customers/{id}",
                "/customers/{customer-id}/orders/{order_id}",
                "/v1/items/{item.code}",
                "/b1s/v1/Login",
                "/odata/$metadata"
            })
    void acceptsCatalogTemplates(String template) {
        assertThat(PathTemplates.problem(template)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "orders",
                "//orders",
                "/orders/",
                "/a//b",
                "/a/../b",
                "/a/./b",
                "/..",
                "/a/%2e%2e/b",
                "/a%2Fb",
                "/BusinessPartners('{CardCode}')",
                "/a/{id}x",
                "/a/{}",
                "/a/{i d}",
                "/a/*",
                "/a/**",
                "/a;jsessionid=1",
                "/a?b=1",
                "/a#b",
                "/a\\b",
                "/a b",
                "/a/\u0000",
                "/caf\u00e9"
            })
    void refusesEverythingElse(String template) {
        assertThat(PathTemplates.problem(template)).as(template).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "CONNECT", "get", "FOO", ""})
    void onlyRelayedMethods(String method) {
        assertThat(PathTemplates.methodProblem(method)).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void overLongTemplatesAreRefused() {
        assertThat(PathTemplates.problem("/" + "a".repeat(PathTemplates.MAX_LENGTH))).isNotNull();
        assertThat(PathTemplates.problem("/" + "a".repeat(PathTemplates.MAX_LENGTH - 1))).isNull();
    }

    @org.junit.jupiter.api.Test
    void parameterNamesDoNotChangeTheShape() {
        assertThat(PathTemplates.shape("/a/{id}/b/{x}"))
                .isEqualTo(PathTemplates.shape("/a/{key}/b/{y}"));
        assertThat(PathTemplates.shape("/a/{id}")).isNotEqualTo(PathTemplates.shape("/a/id"));
    }

    @org.junit.jupiter.api.Test
    void importedPathsLoseOneTrailingSlashAndNothingElse() {
        assertThat(PathTemplates.normalizeImported(" /orders/ ")).isEqualTo("/orders");
        assertThat(PathTemplates.normalizeImported("/")).isEqualTo("/");
        assertThat(PathTemplates.normalizeImported("/a//")).isEqualTo("/a/");
        assertThat(PathTemplates.problem(PathTemplates.normalizeImported("/a//"))).isNotNull();
    }
}
