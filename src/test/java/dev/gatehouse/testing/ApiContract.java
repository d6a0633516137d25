package dev.gatehouse.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The contract test's referee: every {@code /v1} and {@code /widget/v1} exchange that {@link Http}
 * makes is checked against the node's own {@code /v1/openapi.json} with Atlassian's
 * swagger-request-validator, so a document that drifts from the API fails the test that saw it.
 *
 * <p>A response is always checked: its status must be documented for the route, its body must match
 * that status's schema (unknown properties refused, required ones present, a problem's {@code code}
 * one the route declares). A request is checked when the API accepted it (2xx): the document must
 * then admit it too. A refused request may break the document on purpose, so only its answer is
 * checked. Exchanges on paths the document does not describe are checked only if the API did not
 * answer 404 or 405 (a route missing from the document is drift).
 */
public final class ApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, OpenApiInteractionValidator> BY_BASE =
            new ConcurrentHashMap<>();
    private static final Set<String> ROUTE_UNKNOWN =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private ApiContract() {}

    /** Whether {@code path} is under the API the document describes. */
    public static boolean covers(String method, String path) {
        if (method.equalsIgnoreCase("OPTIONS")) {
            return false; // CORS preflights are the filter's, not operations
        }
        String p = path.split("\\?", 2)[0];
        return (p.startsWith("/v1/") || p.startsWith("/widget/v1/"))
                && !p.equals("/v1/openapi.json");
    }

    /**
     * The validator's findings for one exchange; empty when it keeps to the document.
     *
     * @param base the node's base URL, whose document is the reference
     */
    public static List<String> findings(
            String base,
            String method,
            String pathAndQuery,
            Map<String, String> requestHeaders,
            String requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            String responseBody) {
        OpenApiInteractionValidator validator = BY_BASE.computeIfAbsent(base, ApiContract::load);
        String[] parts = pathAndQuery.split("\\?", 2);
        SimpleRequest.Builder request =
                new SimpleRequest.Builder(method.toUpperCase(java.util.Locale.ROOT), parts[0]);
        if (parts.length == 2) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(decode(kv[0]), kv.length == 2 ? decode(kv[1]) : "");
            }
        }
        requestHeaders.forEach(request::withHeader);
        if (requestBody != null) {
            request.withBody(requestBody);
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        responseHeaders.forEach(
                (name, values) -> {
                    if (!name.startsWith(":")) {
                        response.withHeader(name, values);
                    }
                });
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        ValidationReport report =
                status / 100 == 2
                        ? validator.validate(request.build(), response.build())
                        : validator.validateResponse(
                                parts[0],
                                Request.Method.valueOf(method.toUpperCase(java.util.Locale.ROOT)),
                                response.build());
        boolean routeUnknown =
                report.getMessages().stream().anyMatch(m -> ROUTE_UNKNOWN.contains(m.getKey()));
        if (routeUnknown && (status == 404 || status == 405 || !json(responseHeaders))) {
            return List.of(); // a refused path or method, or a static resource (connect.js)
        }
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }

    /** Fails with every finding of the exchange, naming it. */
    public static void check(
            String base,
            String method,
            String pathAndQuery,
            Map<String, String> requestHeaders,
            String requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            String responseBody) {
        List<String> found =
                findings(
                        base,
                        method,
                        pathAndQuery,
                        requestHeaders,
                        requestBody,
                        status,
                        responseHeaders,
                        responseBody);
        if (!found.isEmpty()) {
            throw new AssertionError(
                    "The API and /v1/openapi.json disagree on "
                            + method
                            + " "
                            + pathAndQuery
                            + " -> "
                            + status
                            + ":\n  "
                            + found.stream().collect(Collectors.joining("\n  "))
                            + "\nrequest: "
                            + requestBody
                            + "\nresponse: "
                            + responseBody);
        }
    }

    private static boolean json(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                .flatMap(e -> e.getValue().stream())
                .anyMatch(v -> v.contains("json"));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /**
     * One validator per distinct document: nodes with the same products serve the same document but
     * for its server URL, and a parsed document is large, so nodes share it (else every node a test
     * run starts would keep its own copy until the JVM ends).
     */
    private static final Map<String, OpenApiInteractionValidator> BY_DOCUMENT =
            new ConcurrentHashMap<>();

    private static OpenApiInteractionValidator load(String base) {
        String document = forValidator(document(base));
        return BY_DOCUMENT.computeIfAbsent(document, ApiContract::validator);
    }

    private static OpenApiInteractionValidator validator(String document) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withBasePathOverride("/")
                .withLevelResolver(
                        LevelResolver.create()
                                // A POST action without a body (verify, rotate) ignores one;
                                // clients often send {}.
                                .withLevel(
                                        "validation.request.body.unexpected",
                                        ValidationReport.Level.IGNORE)
                                // Routes ignore query parameters they do not read (the audit
                                // list refuses them, and says so in its 400).
                                .withLevel(
                                        "validation.request.parameter.query.unexpected",
                                        ValidationReport.Level.IGNORE)
                                .build())
                .build();
    }

    /** The served document, as text. */
    public static String document(String base) {
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> r =
                    client.send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/openapi.json")).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(
                        "GET /v1/openapi.json answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The document with each nullable object reference ({@code nullable} beside {@code allOf} of
     * one {@code $ref}, OpenAPI 3.0's only way to say it) inlined as the referenced schema plus
     * {@code nullable}: the validator's draft-4 engine applies {@code allOf} to null too.
     */
    static String forValidator(String document) {
        JsonNode doc = JSON.readTree(document);
        if (doc instanceof tools.jackson.databind.node.ObjectNode o) {
            o.remove("servers");
        }
        JsonNode schemas = doc.path("components").path("schemas");
        inline(doc, schemas);
        return JSON.writeValueAsString(doc);
    }

    private static void inline(JsonNode node, JsonNode schemas) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode child = object.get(name);
                JsonNode allOf = child.path("allOf");
                if (child.path("nullable").asBoolean(false)
                        && allOf.isArray()
                        && allOf.size() == 1
                        && allOf.get(0).has("$ref")) {
                    String ref = allOf.get(0).get("$ref").asString();
                    JsonNode target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
                    ObjectNode copy = (ObjectNode) target.deepCopy();
                    copy.put("nullable", true);
                    object.set(name, copy);
                }
                inline(object.get(name), schemas);
            }
        } else if (node != null && node.isArray()) {
            node.forEach(n -> inline(n, schemas));
        }
    }
}
