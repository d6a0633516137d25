package dev.gatehouse.gateway.catalog;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** {@code /v1/gateway/endpoints}: one test per HTTP outcome of each route, on a real node. */
class EndpointCatalogIT {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
    }

    private static Http.Response create(String key, String method, String path) {
        return node.http()
                .post(
                        "/v1/gateway/endpoints",
                        key,
                        Http.json("method", method, "path_template", path, "summary", "A route"));
    }

    private static Http.Response importDoc(String key, String doc, Boolean dryRun) {
        return node.http()
                .post(
                        "/v1/gateway/endpoints:import",
                        key,
                        dryRun == null
                                ? Http.json("openapi", doc)
                                : Http.json("openapi", doc, "dry_run", dryRun));
    }

    private static List<String> listed(String key) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response r =
                    node.http()
                            .get(
                                    "/v1/gateway/endpoints?limit=2"
                                            + (cursor == null ? "" : "&cursor=" + cursor),
                                    key);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            for (JsonNode e : r.json().get("data")) {
                out.add(e.get("method").asString() + " " + e.get("path_template").asString());
            }
            JsonNode next = r.json().get("next_cursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return out;
    }

    static TenantId internalId(TestNode on, String publicId) {
        return on.bean(Tenants.class)
                .findByPublicId(new SystemScope("test: tenant id"), publicId)
                .orElseThrow()
                .id();
    }

    @Test
    void createdEndpointsAreListedAndAudited() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        Http.Response r = create(tenant.adminKey(), "GET", "/customers/{id}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("id").asString()).startsWith("ep_");
        assertThat(r.json().get("method").asString()).isEqualTo("GET");
        assertThat(r.json().get("source").asString()).isEqualTo("manual");
        create(tenant.adminKey(), "POST", "/orders");
        create(tenant.adminKey(), "DELETE", "/orders/{n}");

        assertThat(listed(tenant.adminKey()))
                .containsExactly("GET /customers/{id}", "POST /orders", "DELETE /orders/{n}");
        Http.Response audit =
                node.http()
                        .get("/v1/audit-events?action=gateway.endpoint.created", tenant.adminKey());
        assertThat(audit.json().get("data")).hasSize(3);
    }

    @Test
    void theSameMethodAndPathShapeTwiceIsAConflict() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String id = create(tenant.adminKey(), "GET", "/customers/{id}").json().get("id").asString();

        Http.Response again = create(tenant.adminKey(), "GET", "/customers/{key}");
        assertProblem(again, 409, "endpoint_exists");
        assertThat(again.json().get("detail").asString()).contains(id);
        assertThat(create(tenant.adminKey(), "PUT", "/customers/{id}").status()).isEqualTo(201);
    }

    @Test
    void invalidMethodsAndTemplatesAreRefusedWithEveryField() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        Http.Response r = create(tenant.adminKey(), "TRACE", "/a/../b");
        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("errors").toString()).contains("method", "path_template");
        assertProblem(create(tenant.adminKey(), "GET", "/a/%2e%2e"), 400, "invalid_request");
        assertProblem(create(tenant.adminKey(), "GET", "/a/{id}x"), 400, "invalid_request");
        assertProblem(create(tenant.adminKey(), "get", "/a"), 400, "invalid_request");
        assertProblem(
                node.http()
                        .post(
                                "/v1/gateway/endpoints",
                                tenant.adminKey(),
                                Http.json("method", "GET")),
                400,
                "invalid_request");
        assertThat(listed(tenant.adminKey())).isEmpty();
    }

    @Test
    void readersListButCannotChange() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String reader = Tenancy.newKey(node, tenant, List.of("gateway:read"))[1];
        String id = create(tenant.adminKey(), "GET", "/orders").json().get("id").asString();

        assertThat(node.http().get("/v1/gateway/endpoints", reader).status()).isEqualTo(200);
        assertProblem(create(reader, "GET", "/other"), 403, "forbidden");
        assertProblem(node.http().delete("/v1/gateway/endpoints/" + id, reader), 403, "forbidden");
        assertProblem(importDoc(reader, OpenApiDocumentsTest.YAML_DOC, true), 403, "forbidden");
        String none = Tenancy.newKey(node, tenant, List.of("apps:read"))[1];
        assertProblem(node.http().get("/v1/gateway/endpoints", none), 403, "forbidden");
        assertProblem(node.http().get("/v1/gateway/endpoints", null), 401, "unauthorized");
    }

    @Test
    void deleteRemovesItAndAnotherTenantsEndpointIsNotFound() {
        Tenancy.TestTenant mine = Tenancy.newTenant(node);
        Tenancy.TestTenant other = Tenancy.newTenant(node);
        String id = create(mine.adminKey(), "GET", "/orders").json().get("id").asString();

        assertProblem(
                node.http().delete("/v1/gateway/endpoints/" + id, other.adminKey()),
                404,
                "not_found");
        assertThat(listed(mine.adminKey())).containsExactly("GET /orders");
        assertThat(listed(other.adminKey())).isEmpty();

        assertThat(node.http().delete("/v1/gateway/endpoints/" + id, mine.adminKey()).status())
                .isEqualTo(204);
        assertProblem(
                node.http().delete("/v1/gateway/endpoints/" + id, mine.adminKey()),
                404,
                "not_found");
        assertProblem(
                node.http().delete("/v1/gateway/endpoints/not-an-id", mine.adminKey()),
                404,
                "not_found");
        assertThat(listed(mine.adminKey())).isEmpty();
    }

    @Test
    void importDryRunByDefaultShowsWhatWouldBeAddedAndAddsNothing() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        create(tenant.adminKey(), "GET", "/customers");

        Http.Response r = importDoc(tenant.adminKey(), OpenApiDocumentsTest.JSON_DOC, null);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("dry_run").asBoolean()).isTrue();
        assertThat(r.json().get("added").toString())
                .contains("\"POST\"", "\"/customers/{id}\"")
                .doesNotContain("\"id\":\"ep_");
        assertThat(r.json().get("skipped").toString())
                .contains(
                        "already_present",
                        "unsupported_method",
                        "invalid_path",
                        "duplicate_in_document",
                        "path_item_reference");
        assertThat(listed(tenant.adminKey())).containsExactly("GET /customers");
    }

    @Test
    void importAddsEveryNewOperationOnceAndTheRelaysViewFollows() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        TenantId id = internalId(node, tenant.id());
        Catalog catalog = node.bean(Catalog.class);
        assertThat(catalog.endpoints(id)).isEmpty(); // now cached on this node

        Http.Response r = importDoc(tenant.adminKey(), OpenApiDocumentsTest.YAML_DOC, false);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("dry_run").asBoolean()).isFalse();
        assertThat(r.json().get("added")).hasSize(2);
        assertThat(r.json().get("added").get(0).get("id").asString()).startsWith("ep_");
        assertThat(catalog.endpoints(id))
                .extracting(e -> e.method() + " " + e.pathTemplate() + " " + e.source())
                .containsExactly("GET /items/{code} import", "DELETE /items/{code} import");

        Http.Response again = importDoc(tenant.adminKey(), OpenApiDocumentsTest.YAML_DOC, false);
        assertThat(again.json().get("added")).isEmpty();
        assertThat(again.json().get("skipped")).hasSize(2);

        String first = r.json().get("added").get(0).get("id").asString();
        node.http().delete("/v1/gateway/endpoints/" + first, tenant.adminKey());
        assertThat(catalog.endpoints(id))
                .extracting(CatalogEndpoint::publicId)
                .doesNotContain(first)
                .hasSize(1);
        Http.Response audit =
                node.http()
                        .get(
                                "/v1/audit-events?action=gateway.endpoints.imported",
                                tenant.adminKey());
        assertThat(audit.json().get("data")).hasSize(2);
    }

    @Test
    void importRefusesDocumentsAsAWhole() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        assertProblem(importDoc(tenant.adminKey(), "just text", false), 400, "invalid_document");
        assertProblem(
                importDoc(
                        tenant.adminKey(),
                        "openapi: 3.0.0\n"
                                + "info: {title: x, version: '1'}\n"
                                + "paths:\n"
                                + "  /a: {get: {responses: {'200': {$ref:"
                                + " 'http://127.0.0.1:9/r.yaml'}}}}\n",
                        false),
                400,
                "external_reference");
        assertProblem(
                node.http()
                        .post(
                                "/v1/gateway/endpoints:import",
                                tenant.adminKey(),
                                Http.json("dry_run", false)),
                400,
                "invalid_request");
        assertThat(listed(tenant.adminKey())).isEmpty();
    }

    @Test
    void anEndpointDeletedOnOneNodeIsGoneFromTheOtherNodesCatalog() {
        TestNode first = TestNode.start(java.util.Map.of());
        try (first;
                TestNode second = first.peer()) {
            second.awaitCachesTrusted(java.time.Duration.ofSeconds(10));
            first.awaitCachesTrusted(java.time.Duration.ofSeconds(10));
            Tenancy.TestTenant tenant = Tenancy.newTenant(first);
            TenantId id = internalId(first, tenant.id());
            for (int i = 0; i < 20; i++) {
                String ep =
                        first.http()
                                .post(
                                        "/v1/gateway/endpoints",
                                        tenant.adminKey(),
                                        Http.json("method", "GET", "path_template", "/r/" + i))
                                .json()
                                .get("id")
                                .asString();
                assertThat(second.bean(Catalog.class).endpoints(id))
                        .as("the peer sees the addition")
                        .extracting(CatalogEndpoint::publicId)
                        .contains(ep);
                assertThat(
                                first.http()
                                        .delete("/v1/gateway/endpoints/" + ep, tenant.adminKey())
                                        .status())
                        .isEqualTo(204);
                assertThat(second.bean(Catalog.class).endpoints(id))
                        .as("the peer's cached catalog no longer has it")
                        .extracting(CatalogEndpoint::publicId)
                        .doesNotContain(ep);
            }
        }
    }

    @Test
    void aFullCatalogRefusesMoreByHandAndByImport() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        int perDocument = OpenApiDocuments.MAX_OPERATIONS;
        int documents = CatalogAdministration.MAX_ENDPOINTS / perDocument;
        for (int d = 0; d < documents; d++) {
            StringBuilder doc =
                    new StringBuilder("openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths:\n");
            for (int i = 0; i < perDocument; i++) {
                doc.append("  /d")
                        .append(d)
                        .append("/r")
                        .append(i)
                        .append(": {get: {responses: {'200': {description: ok}}}}\n");
            }
            Http.Response r = importDoc(tenant.adminKey(), doc.toString(), false);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }

        assertProblem(create(tenant.adminKey(), "GET", "/one-more"), 409, "catalog_full");
        assertProblem(
                importDoc(
                        tenant.adminKey(),
                        "openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths:\n"
                                + "  /one-more: {get: {responses: {'200': {description: ok}}}}\n",
                        true),
                409,
                "catalog_full");
        assertThat(node.bean(Catalog.class).endpoints(internalId(node, tenant.id())))
                .hasSize(CatalogAdministration.MAX_ENDPOINTS);
    }

    @Test
    void inDevelopmentTheDocumentMayBeNamedByUrl() throws Exception {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        var hits = new java.util.concurrent.atomic.AtomicInteger();
        var server =
                com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    hits.incrementAndGet();
                    boolean found = exchange.getRequestURI().getPath().equals("/openapi.yaml");
                    byte[] body =
                            (found ? OpenApiDocumentsTest.YAML_DOC : "no")
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (exchange.getRequestURI().getPath().equals("/moved")) {
                        exchange.getResponseHeaders().add("Location", "/openapi.yaml");
                        exchange.sendResponseHeaders(302, -1);
                    } else {
                        exchange.sendResponseHeaders(found ? 200 : 404, body.length);
                        exchange.getResponseBody().write(body);
                    }
                    exchange.close();
                });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Http.Response r =
                    node.http()
                            .post(
                                    "/v1/gateway/endpoints:import",
                                    tenant.adminKey(),
                                    Http.json("url", base + "/openapi.yaml"));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("added")).hasSize(2);

            assertProblem(
                    node.http()
                            .post(
                                    "/v1/gateway/endpoints:import",
                                    tenant.adminKey(),
                                    Http.json("url", base + "/moved")),
                    400,
                    "document_unavailable");
            assertThat(hits).as("the redirect was not followed").hasValue(2);
            assertProblem(
                    node.http()
                            .post(
                                    "/v1/gateway/endpoints:import",
                                    tenant.adminKey(),
                                    Http.json("url", "file:///etc/passwd")),
                    400,
                    "url_not_allowed");
            assertProblem(
                    node.http()
                            .post(
                                    "/v1/gateway/endpoints:import",
                                    tenant.adminKey(),
                                    Http.json("url", base + "/openapi.yaml", "openapi", "x")),
                    400,
                    "invalid_request");
        } finally {
            server.stop(0);
        }
    }
}
