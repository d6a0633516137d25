package dev.gatehouse.gateway.upstream;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session login's request body and the token in its answer. Pure, thread-safe.
 *
 * <p>Injection-proof by construction: the template is parsed as JSON first, the placeholders {@code
 * {username}}, {@code {password}} and {@code {api_key}} are replaced only inside string values of
 * the parsed tree (never in keys, never as raw text), and the tree is written back by the JSON
 * writer, which escapes whatever the values hold. A password such as {@code ","Admin":true,"} stays
 * one string.
 */
final class LoginBodies {

    static final String USERNAME = "{username}";
    static final String PASSWORD = "{password}";
    static final String API_KEY = "{api_key}";

    /** The longest token accepted, in characters. */
    static final int MAX_TOKEN = 8192;

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{(?:username|password|api_key)\\}");
    private static final Pattern TOKEN_TEXT = Pattern.compile("^[\\x21-\\x7e]+$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LoginBodies() {}

    /** The body to POST: the template with its placeholders replaced as JSON string content. */
    static byte[] body(String template, String username, String password, @Nullable String apiKey) {
        Map<String, String> values =
                Map.of(
                        USERNAME,
                        username,
                        PASSWORD,
                        password,
                        API_KEY,
                        apiKey == null ? "" : apiKey);
        JsonNode tree = JSON.readTree(template);
        return JSON.writeValueAsBytes(replace(tree, values));
    }

    private static JsonNode replace(JsonNode node, Map<String, String> values) {
        if (node.isString()) {
            // One pass, so a value that itself looks like a placeholder is never expanded.
            return StringNode.valueOf(
                    PLACEHOLDER
                            .matcher(node.asString())
                            .replaceAll(m -> Matcher.quoteReplacement(values.get(m.group()))));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            object.properties().forEach(e -> copy.set(e.getKey(), replace(e.getValue(), values)));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JSON.createArrayNode();
            array.forEach(item -> copy.add(replace(item, values)));
            return copy;
        }
        return node;
    }

    /** Why a login answer gave no usable token. */
    enum TokenProblem {
        NOT_JSON,
        MISSING,
        INVALID
    }

    /** The token read from a login answer, or the reason there is none. */
    record Token(@Nullable String value, @Nullable TokenProblem problem) {
        @Override
        public String toString() {
            return "Token[" + (value == null ? problem : "[redacted]") + "]";
        }
    }

    /**
     * The token at {@code pointer} in {@code answer}: a non-empty string (or number) of at most
     * {@link #MAX_TOKEN} visible ASCII characters, so it can go into a header as it is.
     */
    static Token token(byte[] answer, String pointer) {
        JsonNode tree;
        try {
            tree = JSON.readTree(answer);
        } catch (JacksonException e) {
            return new Token(null, TokenProblem.NOT_JSON);
        }
        if (tree == null) {
            return new Token(null, TokenProblem.NOT_JSON);
        }
        JsonNode at = tree.at(JsonPointer.compile(pointer));
        Optional<String> text =
                at.isString() || at.isNumber() ? Optional.of(at.asString()) : Optional.empty();
        if (text.isEmpty() || text.get().isEmpty()) {
            return new Token(null, TokenProblem.MISSING);
        }
        String t = text.get();
        if (t.length() > MAX_TOKEN || !TOKEN_TEXT.matcher(t).matches()) {
            return new Token(null, TokenProblem.INVALID);
        }
        return new Token(t, null);
    }
}
