package dev.gatehouse.kernel.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.ApiContract;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI document against the API: its shape (snake_case, named schemas, problem answers on
 * every route), every route walked through its success and main refusals (each exchange checked by
 * {@link ApiContract} inside {@link Http}), and proof that the check is strict enough to catch
 * drift: a camelCase or unknown field, a missing required one, an undeclared code.
 */
class ApiContractIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestNode node;
    private static Http http;
    private static String base;
    private static String key;
    private static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.shared();
        http = node.http();
        base = node.env().get("PUBLIC_URL");
        key = node.bootstrapAdminKey();
        String text = ApiContract.document(base);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), text);
        doc = JSON.readTree(text);
    }

    @Test
    void theDocumentNamesPropertiesInSnakeCaseAndSchemasAfterTheirMeaning() {
        assertThat(doc.get("openapi").asString()).startsWith("3.0.");
        List<String> camel = new ArrayList<>();
        doc.get("components")
                .get("schemas")
                .properties()
                .forEach(
                        s -> {
                            JsonNode props = s.getValue().path("properties");
                            props.propertyNames()
                                    .forEach(
                                            p -> {
                                                if (!p.equals(p.toLowerCase())) {
                                                    camel.add(s.getKey() + "." + p);
                                                }
                                            });
                        });
        assertThat(camel).isEmpty();
        assertThat(doc.get("components").get("schemas").propertyNames())
                .doesNotContain("Body", "TargetBody", "MultiValueMapStringString")
                .contains(
                        "ApplicationCreateRequest",
                        "ApplicationUpdateRequest",
                        "ConnectionCreateRequest",
                        "TenantUpdateRequest");
        JsonNode create = doc.get("components").get("schemas").get("ApplicationCreateRequest");
        assertThat(create.get("required").values().stream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("name", "target", "origin");
        assertThat(create.get("properties").get("allowed_origins").get("maxItems").asInt())
                .isEqualTo(32);
    }

    @Test
    void everyOperationAnswersJsonAndDocumentsItsProblemCodes() {
        List<String> wrong = new ArrayList<>();
        doc.get("paths")
                .properties()
                .forEach(
                        path ->
                                path.getValue()
                                        .properties()
                                        .forEach(
                                                op -> {
                                                    String name =
                                                            op.getKey().toUpperCase()
                                                                    + " "
                                                                    + path.getKey();
                                                    JsonNode responses =
                                                            op.getValue().get("responses");
                                                    responses
                                                            .properties()
                                                            .forEach(
                                                                    r -> {
                                                                        JsonNode content =
                                                                                r.getValue()
                                                                                        .path(
                                                                                                "content");
                                                                        if (content.has("*/*")) {
                                                                            wrong.add(
                                                                                    name
                                                                                            + " "
                                                                                            + r
                                                                                                    .getKey()
                                                                                            + " */*");
                                                                        }
                                                                        if (r.getKey()
                                                                                        .startsWith(
                                                                                                "4")
                                                                                && !content.has(
                                                                                        "application/problem+json")) {
                                                                            wrong.add(
                                                                                    name
                                                                                            + " "
                                                                                            + r
                                                                                                    .getKey());
                                                                        }
                                                                    });
                                                    if (!responses.has("401")) {
                                                        wrong.add(name + " has no 401");
                                                    }
                                                }));
        assertThat(wrong).isEmpty();
        JsonNode conflict =
                doc.at("/paths/~1v1~1applications~1{id}~1connections/post/responses/409");
        assertThat(
                        conflict
                                .at(
                                        "/content/application~1problem+json/schema/properties/code/enum")
                                .values()
                                .stream()
                                .map(JsonNode::asString))
                .containsExactly("hostname_taken");
        assertThat(
                        doc.at(
                                        "/paths/~1v1~1tenants~1{id}/patch/requestBody/content/application~1json/schema/$ref")
                                .asString())
                .endsWith("/TenantUpdateRequest");
    }

    @Test
    void theCheckReportsACamelCaseFieldAnUnknownFieldAMissingOneAndAnUndeclaredCode() {
        String body =
                Http.json(
                        "name",
                        "Contract",
                        "target",
                        Map.of("cname", "edge.example.net"),
                        "origin",
                        "https://contract.example.com");
        Http.Response created = http.post("/v1/applications", key, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map<String, String> headers =
                Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json");
        Map<String, List<String>> json = Map.of("Content-Type", List.of("application/json"));

        assertThat(findings(body, 201, json, created.body())).isEmpty();

        ObjectNode camel = (ObjectNode) created.json().deepCopy();
        camel.set("allowedOrigins", camel.remove("allowed_origins"));
        assertThat(findings(body, 201, json, JSON.writeValueAsString(camel)))
                .anySatisfy(f -> assertThat(f).contains("allowedOrigins"));

        ObjectNode unknown = (ObjectNode) created.json().deepCopy();
        unknown.put("tenant_id", 7);
        assertThat(findings(body, 201, json, JSON.writeValueAsString(unknown)))
                .anySatisfy(f -> assertThat(f).contains("tenant_id"));

        ObjectNode missing = (ObjectNode) created.json().deepCopy();
        missing.remove("webhook_secret");
        assertThat(findings(body, 201, json, JSON.writeValueAsString(missing)))
                .anySatisfy(f -> assertThat(f).contains("webhook_secret"));

        String camelRequest = body.replace("\"origin\"", "\"allowedOrigins\":[],\"origin\"");
        assertThat(findings(camelRequest, 201, json, created.body()))
                .anySatisfy(f -> assertThat(f).contains("allowedOrigins"));

        String undeclared =
                "{\"type\":\"https://gatehouse.dev/problems/hostname-taken\",\"title\":\"x\","
                        + "\"status\":409,\"code\":\"hostname_taken\",\"detail\":\"x\"}";
        assertThat(
                        findings(
                                body,
                                409,
                                Map.of("Content-Type", List.of("application/problem+json")),
                                undeclared))
                .isNotEmpty();
        assertThat(ApiContract.findings(base, "GET", "/v1/whoami", headers, null, 418, json, "{}"))
                .isNotEmpty();
    }

    private static List<String> findings(
            String request, int status, Map<String, List<String>> headers, String response) {
        return ApiContract.findings(
                base,
                "POST",
                "/v1/applications",
                Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"),
                request,
                status,
                headers,
                response);
    }
}
