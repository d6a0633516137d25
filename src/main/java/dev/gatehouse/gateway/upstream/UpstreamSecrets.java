package dev.gatehouse.gateway.upstream;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secret part of an upstream's auth: a basic or session {@code password}, a header {@code
 * value}, a session {@code api_key}. Stored as one sealed JSON object in {@code
 * gateway_upstreams.auth_secret}; never shown, logged or audited ({@link #toString()} prints only
 * which secrets are set).
 */
public record UpstreamSecrets(
        @Nullable String password, @Nullable String value, @Nullable String apiKey) {

    public static final String PASSWORD = "password";
    public static final String VALUE = "value";
    public static final String API_KEY = "api_key";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static UpstreamSecrets empty() {
        return new UpstreamSecrets(null, null, null);
    }

    /** The names of the secrets that are set, in a fixed order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(3);
        if (password != null) {
            names.add(PASSWORD);
        }
        if (value != null) {
            names.add(VALUE);
        }
        if (apiKey != null) {
            names.add(API_KEY);
        }
        return List.copyOf(names);
    }

    public boolean isEmpty() {
        return names().isEmpty();
    }

    /** {@code this}, with each secret it lacks taken from {@code stored}. */
    UpstreamSecrets orElse(UpstreamSecrets stored) {
        return new UpstreamSecrets(
                password != null ? password : stored.password,
                value != null ? value : stored.value,
                apiKey != null ? apiKey : stored.apiKey);
    }

    /** The UTF-8 JSON that is sealed; the caller zeroes it after sealing. */
    byte[] toJsonBytes() {
        Map<String, String> m = new LinkedHashMap<>();
        if (password != null) {
            m.put(PASSWORD, password);
        }
        if (value != null) {
            m.put(VALUE, value);
        }
        if (apiKey != null) {
            m.put(API_KEY, apiKey);
        }
        return JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the opened JSON back. */
    static UpstreamSecrets fromJson(String json) {
        JsonNode n = JSON.readTree(json);
        return new UpstreamSecrets(text(n, PASSWORD), text(n, VALUE), text(n, API_KEY));
    }

    private static @Nullable String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isString() ? v.asString() : null;
    }

    @Override
    public String toString() {
        return "UpstreamSecrets" + names() + " [redacted]";
    }
}
