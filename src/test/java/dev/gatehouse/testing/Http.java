package dev.gatehouse.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small HTTP client for tests, speaking JSON to one base URL. Every API exchange it makes is held
 * to the node's OpenAPI document ({@link ApiContract}); {@link #withoutContract()} opts out a test
 * that breaks the contract on purpose.
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final boolean contract;

    public Http(String base) {
        this(base, true);
    }

    private Http(String base, boolean contract) {
        this.base = base;
        this.contract = contract;
    }

    /** The same client, its exchanges not checked against the OpenAPI document. */
    public Http withoutContract() {
        return new Http(base, false);
    }

    /** A response with its body parsed when it is JSON. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path, String key) {
        return send("GET", path, key, null, Map.of());
    }

    public Response post(String path, String key, String json) {
        return send("POST", path, key, json, Map.of());
    }

    public Response patch(String path, String key, String json) {
        return send("PATCH", path, key, json, Map.of());
    }

    public Response delete(String path, String key) {
        return send("DELETE", path, key, null, Map.of());
    }

    public Response send(
            String method, String path, String key, String json, Map<String, String> headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        Map<String, String> sent = new java.util.LinkedHashMap<>(headers);
        if (key != null) {
            sent.put("Authorization", "Bearer " + key);
        }
        if (json != null) {
            sent.putIfAbsent("Content-Type", "application/json");
        }
        b.method(
                method,
                json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (contract && ApiContract.covers(method, path)) {
                ApiContract.check(
                        base,
                        method,
                        path,
                        sent,
                        json,
                        r.statusCode(),
                        r.headers().map(),
                        r.body());
            }
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object... keyValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return JSON.writeValueAsString(map);
    }
}
