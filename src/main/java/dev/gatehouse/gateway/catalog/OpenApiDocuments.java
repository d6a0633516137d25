package dev.gatehouse.gateway.catalog;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.DeserializationUtils;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the operations of an OpenAPI 3 document (JSON or YAML text) with swagger-parser, nothing by
 * hand. Pure: no Spring, no database, no network.
 *
 * <p>Design: the text is at most {@value #MAX_DOCUMENT_BYTES} bytes of UTF-8 and is deserialized by
 * the parser's own YAML/JSON reader (which bounds YAML depth, aliases and code points). Before the
 * document is parsed, every {@code $ref} in it is checked: only references inside the document
 * ({@code #/…}) are accepted; a reference to a URL or another file refuses the whole document, so
 * the parser is never in a position to fetch anything (server-side request forgery). The parser
 * then runs with resolution off and external-reference validation off: nothing is resolved, loaded
 * or fetched. {@code servers} are ignored: catalog paths are relative to the upstream's {@code
 * base_url}, which should carry the API's base path. Each operation (path + method) becomes a
 * candidate; more than {@value #MAX_OPERATIONS} refuses the document. A candidate is skipped, with
 * its reason, when its method is not relayed (TRACE), its path item is a {@code $ref}, its path
 * breaks {@link PathTemplates#problem}, or it repeats an earlier one of the same shape.
 */
final class OpenApiDocuments {

    /** The largest document accepted: 5 MiB of UTF-8. */
    static final int MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

    /** The most operations one document may hold. */
    static final int MAX_OPERATIONS = 2_000;

    /** The most parser messages returned with a read document. */
    static final int MAX_WARNINGS = 20;

    static final int MAX_SUMMARY = 500;

    static {
        // The parser's YAML reader refuses documents above its code-point limit (3 MiB by default);
        // raise it to this import's documented limit. A code point is at least one UTF-8 byte.
        DeserializationUtils.getOptions().setMaxYamlCodePoints(MAX_DOCUMENT_BYTES);
    }

    /** An operation of the document, in catalog form. */
    record Candidate(String method, String pathTemplate, @Nullable String summary) {}

    /**
     * An operation not taken, and why ({@code reason} is a stable code, {@code detail} a sentence).
     */
    record Skipped(String method, String path, String reason, String detail) {}

    /** What reading a document gave. */
    sealed interface Reading permits Read, Refused {}

    /** The document's operations, those skipped while reading, and the parser's messages. */
    record Read(List<Candidate> candidates, List<Skipped> skipped, List<String> warnings)
            implements Reading {}

    /**
     * The document as a whole is refused; nothing of it may be added.
     *
     * @param code {@code document_too_large}, {@code invalid_document}, {@code external_reference}
     *     or {@code too_many_operations}
     */
    record Refused(String code, String detail) implements Reading {}

    private OpenApiDocuments() {}

    static Reading read(String text) {
        int bytes = utf8Length(text);
        if (bytes > MAX_DOCUMENT_BYTES) {
            return new Refused(
                    "document_too_large",
                    "The document is "
                            + bytes
                            + " bytes; at most "
                            + MAX_DOCUMENT_BYTES
                            + " (5 MiB) are accepted.");
        }
        ParseOptions options = options();
        SwaggerParseResult messages = new SwaggerParseResult();
        JsonNode tree;
        try {
            tree = DeserializationUtils.deserializeIntoTree(text, "import", options, messages);
        } catch (RuntimeException e) {
            tree = null;
        }
        if (tree == null || !tree.isObject()) {
            return new Refused("invalid_document", "The text is not a JSON or YAML object.");
        }
        JsonNode version = tree.get("openapi");
        if (version == null || !version.isTextual() || !version.asText().startsWith("3.")) {
            return new Refused(
                    "invalid_document",
                    "Only OpenAPI 3.x documents are accepted (the openapi field must be 3.x;"
                            + " Swagger 2.0 is not).");
        }
        List<String> external = externalReferences(tree);
        if (!external.isEmpty()) {
            return new Refused(
                    "external_reference",
                    "The document refers outside itself ("
                            + String.join(", ", external)
                            + "); only references inside the document (#/…) are accepted, and"
                            + " nothing is ever fetched.");
        }
        SwaggerParseResult parsed = new OpenAPIV3Parser().parseJsonNode(null, tree, options);
        OpenAPI api = parsed.getOpenAPI();
        if (api == null) {
            return new Refused("invalid_document", "The document could not be read as OpenAPI 3.");
        }
        return operations(api, warnings(messages, parsed));
    }

    private static ParseOptions options() {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        options.setResolveFully(false);
        options.setValidateExternalRefs(false);
        options.setSafelyResolveURL(true);
        return options;
    }

    private static Reading operations(OpenAPI api, List<String> warnings) {
        List<Candidate> candidates = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Set<String> shapes = new LinkedHashSet<>();
        int count = 0;
        Map<String, PathItem> paths = api.getPaths() == null ? Map.of() : api.getPaths();
        for (Map.Entry<String, PathItem> entry : paths.entrySet()) {
            String raw = entry.getKey();
            PathItem item = entry.getValue();
            if (item == null) {
                continue;
            }
            if (item.get$ref() != null) {
                count++;
                skipped.add(
                        new Skipped(
                                "*",
                                raw,
                                "path_item_reference",
                                "A path item given as $ref is not read; list its operations"
                                        + " under the path."));
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op :
                    item.readOperationsMap().entrySet()) {
                if (++count > MAX_OPERATIONS) {
                    return new Refused(
                            "too_many_operations",
                            "The document has more than "
                                    + MAX_OPERATIONS
                                    + " operations; split it.");
                }
                String method = op.getKey().name().toUpperCase(Locale.ROOT);
                candidate(method, raw, op.getValue(), shapes, candidates, skipped);
            }
        }
        return new Read(List.copyOf(candidates), List.copyOf(skipped), warnings);
    }

    private static void candidate(
            String method,
            String raw,
            Operation operation,
            Set<String> shapes,
            List<Candidate> candidates,
            List<Skipped> skipped) {
        String methodProblem = PathTemplates.methodProblem(method);
        if (methodProblem != null) {
            skipped.add(
                    new Skipped(
                            method,
                            raw,
                            "unsupported_method",
                            "The gateway does not relay " + method + "."));
            return;
        }
        String path = PathTemplates.normalizeImported(raw);
        String pathProblem = PathTemplates.problem(path);
        if (pathProblem != null) {
            skipped.add(new Skipped(method, raw, "invalid_path", "The path " + pathProblem + "."));
            return;
        }
        if (!shapes.add(method + " " + PathTemplates.shape(path))) {
            skipped.add(
                    new Skipped(
                            method,
                            raw,
                            "duplicate_in_document",
                            "The document lists this method and path more than once."));
            return;
        }
        candidates.add(new Candidate(method, path, summary(operation)));
    }

    private static @Nullable String summary(Operation operation) {
        String s = operation.getSummary();
        if (s == null || s.isBlank()) {
            s = operation.getOperationId();
        }
        if (s == null || s.isBlank()) {
            return null;
        }
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= MAX_SUMMARY ? one : one.substring(0, MAX_SUMMARY - 1) + "…";
    }

    /** The values of {@code $ref} fields that point outside the document, at most ten. */
    static List<String> externalReferences(JsonNode root) {
        Set<String> found = new LinkedHashSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty() && found.size() < 10) {
            JsonNode node = todo.pop();
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    JsonNode value = field.getValue();
                    if (field.getKey().equals("$ref") && value.isTextual()) {
                        String ref = value.asText();
                        if (!ref.startsWith("#")) {
                            found.add(shorten(ref));
                        }
                    } else if (value.isContainerNode()) {
                        todo.push(value);
                    }
                }
            } else if (node.isArray()) {
                for (JsonNode item : node) {
                    if (item.isContainerNode()) {
                        todo.push(item);
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    private static List<String> warnings(SwaggerParseResult... results) {
        List<String> out = new ArrayList<>();
        for (SwaggerParseResult r : results) {
            if (r.getMessages() == null) {
                continue;
            }
            for (String m : r.getMessages()) {
                if (out.size() < MAX_WARNINGS && m != null) {
                    out.add(shorten(m));
                }
            }
        }
        return List.copyOf(out);
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }

    private static int utf8Length(String text) {
        if ((long) text.length() * 3 <= MAX_DOCUMENT_BYTES) {
            return text.length();
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
