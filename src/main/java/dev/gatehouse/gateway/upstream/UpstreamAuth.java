package dev.gatehouse.gateway.upstream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the gateway authenticates to the upstream: the non-secret part, as stored in {@code
 * gateway_upstreams.auth_config} and shown by the API. The secrets (passwords, header values, API
 * keys) are never part of it; see {@link UpstreamSecrets}.
 */
public sealed interface UpstreamAuth
        permits UpstreamAuth.None, UpstreamAuth.Basic, UpstreamAuth.Header, UpstreamAuth.Session {

    String NONE = "none";
    String BASIC = "basic";
    String HEADER = "header";
    String SESSION = "session";

    /** {@code none}, {@code basic}, {@code header} or {@code session}. */
    String type();

    /** The fields in their stored (snake_case) form, without {@code type}. */
    Map<String, Object> wire();

    /** The secrets this type must have: {@code password}, {@code value}. */
    List<String> requiredSecrets();

    /** Nothing is added to relayed requests. */
    record None() implements UpstreamAuth {
        @Override
        public String type() {
            return NONE;
        }

        @Override
        public Map<String, Object> wire() {
            return Map.of();
        }

        @Override
        public List<String> requiredSecrets() {
            return List.of();
        }
    }

    /** {@code Authorization: Basic base64(username:password)} on every relayed request. */
    record Basic(String username) implements UpstreamAuth {
        @Override
        public String type() {
            return BASIC;
        }

        @Override
        public Map<String, Object> wire() {
            return Map.of("username", username);
        }

        @Override
        public List<String> requiredSecrets() {
            return List.of(UpstreamSecrets.PASSWORD);
        }
    }

    /** A fixed header {@code name: value} on every relayed request. */
    record Header(String name) implements UpstreamAuth {
        @Override
        public String type() {
            return HEADER;
        }

        @Override
        public Map<String, Object> wire() {
            return Map.of("name", name);
        }

        @Override
        public List<String> requiredSecrets() {
            return List.of(UpstreamSecrets.VALUE);
        }
    }

    /**
     * A login that yields a token: {@code bodyTemplate} (JSON with {@code {username}}, {@code
     * {password}}, {@code {api_key}} inside string values) is POSTed to {@code loginPath}, the
     * token read at the JSON pointer {@code tokenPointer}, and sent on every relay as {@code
     * tokenHeader: tokenPrefix + token}. The token is kept for {@code ttlSeconds}.
     */
    record Session(
            String loginPath,
            String bodyTemplate,
            String username,
            String tokenPointer,
            String tokenHeader,
            String tokenPrefix,
            int ttlSeconds)
            implements UpstreamAuth {
        @Override
        public String type() {
            return SESSION;
        }

        @Override
        public Map<String, Object> wire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("login_path", loginPath);
            m.put("body_template", bodyTemplate);
            m.put("username", username);
            m.put("token_pointer", tokenPointer);
            m.put("token_header", tokenHeader);
            m.put("token_prefix", tokenPrefix);
            m.put("ttl_seconds", ttlSeconds);
            return m;
        }

        @Override
        public List<String> requiredSecrets() {
            return List.of(UpstreamSecrets.PASSWORD);
        }
    }

    /** Reads a stored config back; it was validated when it was written. */
    static UpstreamAuth fromStored(String type, Map<String, Object> m) {
        return switch (type) {
            case NONE -> new None();
            case BASIC -> new Basic(text(m, "username"));
            case HEADER -> new Header(text(m, "name"));
            case SESSION ->
                    new Session(
                            text(m, "login_path"),
                            text(m, "body_template"),
                            text(m, "username"),
                            text(m, "token_pointer"),
                            text(m, "token_header"),
                            text(m, "token_prefix"),
                            m.get("ttl_seconds") instanceof Number n
                                    ? n.intValue()
                                    : failStored("ttl_seconds"));
            default -> throw new IllegalStateException("unknown stored upstream auth " + type);
        };
    }

    private static String text(Map<String, Object> m, String key) {
        return m.get(key) instanceof String s ? s : failStored(key);
    }

    private static <T> T failStored(String key) {
        throw new IllegalStateException("a stored upstream auth config has no " + key);
    }
}
