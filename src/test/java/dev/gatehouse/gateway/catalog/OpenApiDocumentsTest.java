package dev.gatehouse.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

class OpenApiDocumentsTest {

    static final String JSON_DOC =
            """
            {"openapi": "3.0.3", "info": {"title": "ERP", "version": "1"},
             "paths": {
               "/customers": {"get": {"summary": "List customers", "responses": {"200": {"description": "ok"}}},
                              "post": {"operationId": "createCustomer", "responses": {"201": {"description": "ok"}}}},
               "/customers/{id}/": {"get": {"responses": {"200": {"description": "ok"}}},
                                   "trace": {"responses": {"200": {"description": "ok"}}}},
               "/customers/{key}": {"get": {"responses": {"200": {"description": "ok"}}}},
               "/BusinessPartners('{CardCode}')": {"patch": {"responses": {"204": {"description": "ok"}}}},
               "/orders": {"$ref": "#/components/pathItems/Orders"}
             },
             "components": {"schemas": {"Customer": {"type": "object"}}}}
            """;

    static final String YAML_DOC =
            """
            openapi: 3.1.0
            info: {title: ERP, version: "1"}
            paths:
              /items/{code}:
                get:
                  summary: One item
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Item"}
                delete:
                  responses: {"204": {description: gone}}
            components:
              schemas:
                Item: {type: object}
            """;

    @Test
    void readsEveryOperationOfAJsonDocumentAndSaysWhyOthersAreSkipped() {
        var read = (OpenApiDocuments.Read) OpenApiDocuments.read(JSON_DOC);

        assertThat(read.candidates())
                .extracting(c -> c.method() + " " + c.pathTemplate() + " " + c.summary())
                .containsExactly(
                        "GET /customers List customers",
                        "POST /customers createCustomer",
                        "GET /customers/{id} null");
        assertThat(read.skipped())
                .extracting(s -> s.method() + " " + s.path() + " " + s.reason())
                .containsExactlyInAnyOrder(
                        "TRACE /customers/{id}/ unsupported_method",
                        "GET /customers/{key} duplicate_in_document",
                        "PATCH /BusinessPartners('{CardCode}') invalid_path",
                        "* /orders path_item_reference");
    }

    @Test
    void readsYaml() {
        var read = (OpenApiDocuments.Read) OpenApiDocuments.read(YAML_DOC);
        assertThat(read.candidates())
                .extracting(c -> c.method() + " " + c.pathTemplate())
                .containsExactly("GET /items/{code}", "DELETE /items/{code}");
    }

    @Test
    void refusesTextThatIsNotAnOpenApi3Document() {
        assertThat(OpenApiDocuments.read("not: [a document"))
                .isEqualTo(
                        new OpenApiDocuments.Refused(
                                "invalid_document", "The text is not a JSON or YAML object."));
        assertThat(OpenApiDocuments.read("[1, 2]")).isInstanceOf(OpenApiDocuments.Refused.class);
        assertThat(
                        OpenApiDocuments.read(
                                "{\"swagger\": \"2.0\", \"info\": {\"title\": \"x\", \"version\":"
                                        + " \"1\"}, \"paths\": {}}"))
                .extracting(r -> ((OpenApiDocuments.Refused) r).code())
                .isEqualTo("invalid_document");
    }

    @Test
    void refusesRemoteReferencesAndFetchesNothing() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    hits.incrementAndGet();
                    byte[] body =
                            "openapi: 3.0.0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            for (String ref :
                    new String[] {
                        base + "/schemas.yaml#/Customer",
                        "other.yaml#/Customer",
                        "file:///etc/passwd"
                    }) {
                String doc =
                        """
                        openapi: 3.0.0
                        info: {title: x, version: "1"}
                        paths:
                          /a:
                            get:
                              responses:
                                "200":
                                  description: ok
                                  content:
                                    application/json:
                                      schema: {$ref: "%s"}
                        """
                                .formatted(ref);
                var refused = (OpenApiDocuments.Refused) OpenApiDocuments.read(doc);
                assertThat(refused.code()).isEqualTo("external_reference");
                assertThat(refused.detail()).contains(ref);
            }
            assertThat(hits).as("nothing was fetched").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesMoreOperationsThanTheLimit() {
        var paths = new StringBuilder();
        for (int i = 0; i <= OpenApiDocuments.MAX_OPERATIONS; i++) {
            paths.append("  /r")
                    .append(i)
                    .append(": {get: {responses: {\"200\": {description: ok}}}}\n");
        }
        String doc = "openapi: 3.0.0\ninfo: {title: x, version: \"1\"}\npaths:\n" + paths;
        assertThat(OpenApiDocuments.read(doc))
                .extracting(r -> ((OpenApiDocuments.Refused) r).code())
                .isEqualTo("too_many_operations");
    }

    @Test
    void refusesDocumentsOverFiveMebibytes() {
        String doc =
                "openapi: 3.0.0\ninfo: {title: x, version: \"1\", description: \""
                        + "x".repeat(OpenApiDocuments.MAX_DOCUMENT_BYTES)
                        + "\"}\npaths: {}\n";
        assertThat(OpenApiDocuments.read(doc))
                .extracting(r -> ((OpenApiDocuments.Refused) r).code())
                .isEqualTo("document_too_large");
    }

    @Test
    void aDocumentAboveTheParsersDefaultYamlLimitButUnderOursIsRead() {
        // swagger-parser refuses YAML over 3 MiB by default; this import accepts 5 MiB.
        var paths = new StringBuilder();
        String description = "      description: " + "lorem ipsum ".repeat(180) + "\n";
        int n = 0;
        while (paths.length() < 3_300_000) {
            paths.append("  /r")
                    .append(n++)
                    .append(":\n    get:\n")
                    .append(description)
                    .append("      responses: {\"200\": {description: ok}}\n");
        }
        String doc = "openapi: 3.0.0\ninfo: {title: x, version: \"1\"}\npaths:\n" + paths;
        var read = (OpenApiDocuments.Read) OpenApiDocuments.read(doc);
        assertThat(read.candidates()).hasSize(n);
    }
}
