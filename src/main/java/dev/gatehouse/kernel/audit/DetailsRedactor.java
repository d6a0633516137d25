package dev.gatehouse.kernel.audit;

import dev.gatehouse.kernel.redaction.Redaction;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;

/**
 * Redacts what goes into an audit row, before it is stored.
 *
 * <p>In {@code details}: a field whose name says it holds a secret ({@link Redaction#isSecretName})
 * becomes {@value Redaction#MASK} at any depth, whatever its value; inside an object named like
 * {@code headers} ({@code request_headers}, {@code Headers}…) secret headers ({@link
 * Redaction#isSecretHeader}) are masked too; every string value goes through {@link
 * Redaction#maskSecrets} and is then cut to the preview limit (UTF-8 bytes) with the {@value
 * #TRUNCATED} marker. Nesting deeper than {@value #MAX_DEPTH} is replaced by {@value #TOO_DEEP}.
 * Free-text columns are masked and cut to their column limits.
 *
 * <p>Thread-safe.
 */
final class DetailsRedactor {

    static final String TRUNCATED = "…[truncated]";
    static final String TOO_DEEP = "[too deep]";
    static final int MAX_DEPTH = 32;

    private final JsonMapper json;
    private final int previewBytes;

    DetailsRedactor(JsonMapper json, int previewBytes) {
        if (previewBytes < 64) {
            throw new IllegalArgumentException(
                    "preview limit must be at least 64 bytes, was " + previewBytes);
        }
        this.json = json;
        this.previewBytes = previewBytes;
    }

    /** The redacted details as JSON object text. */
    String details(Map<String, ?> details) {
        JsonNode tree;
        try {
            tree = json.valueToTree(details);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "audit details must be serializable to JSON: " + e.getMessage(), e);
        }
        return json.writeValueAsString(redact(tree, 0, false));
    }

    /** A free-text column: masked, then cut to {@code maxChars}. */
    @Nullable String text(@Nullable String value, int maxChars) {
        if (value == null) {
            return null;
        }
        String masked = Redaction.maskSecrets(value);
        return masked.length() <= maxChars ? masked : masked.substring(0, maxChars);
    }

    private JsonNode redact(JsonNode node, int depth, boolean headers) {
        if (depth >= MAX_DEPTH) {
            return JsonNodeFactory.instance.stringNode(TOO_DEEP);
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey();
                boolean secret =
                        Redaction.isSecretName(name) || (headers && Redaction.isSecretHeader(name));
                out.set(
                        name,
                        secret
                                ? JsonNodeFactory.instance.stringNode(Redaction.MASK)
                                : redact(field.getValue(), depth + 1, isHeaderMap(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node.values()) {
                out.add(redact(item, depth + 1, false));
            }
            return out;
        }
        if (node.isString()) {
            return JsonNodeFactory.instance.stringNode(
                    preview(Redaction.maskSecrets(node.stringValue())));
        }
        return node;
    }

    private static boolean isHeaderMap(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith("headers");
    }

    /**
     * Cuts {@code text} to the preview limit in UTF-8 bytes, marker included, never inside a
     * character.
     */
    String preview(String text) {
        if (text.length() * 3L <= previewBytes
                || text.getBytes(StandardCharsets.UTF_8).length <= previewBytes) {
            return text;
        }
        int limit = previewBytes - TRUNCATED.getBytes(StandardCharsets.UTF_8).length;
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > limit) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text.substring(0, i) + TRUNCATED;
    }
}
