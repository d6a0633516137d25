package dev.gatehouse.kernel.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds every route's problem answers to its operation: the ones all routes share (401, 403, 404,
 * 406, 429, 500, 503), the body's (400, 413, 415) when it takes one, 400 when it takes query
 * parameters, and its own {@link ProblemResponse}s. Each status gets an {@code
 * application/problem+json} schema whose {@code code} is an enum of that route's codes, and a
 * description saying when each happens, so a client can switch on {@code code} and the contract
 * test refuses a code the document does not name.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // swagger-core's Schema model is raw
public final class ProblemResponses implements OperationCustomizer {

    public static final String MEDIA_TYPE = "application/problem+json";

    private record Entry(int status, String code, String when) {}

    private static final List<Entry> EVERY_ROUTE =
            List.of(
                    new Entry(
                            401,
                            "unauthorized",
                            "The credential is missing, malformed, unknown, expired or revoked."),
                    new Entry(
                            403,
                            "forbidden",
                            "The credential lacks the route's scope, or may not act here."),
                    new Entry(
                            404,
                            "not_found",
                            "An id in the path names nothing of the caller's tenant, or the"
                                    + " product is switched off."),
                    new Entry(406, "not_acceptable", "The Accept header excludes JSON."),
                    new Entry(
                            429,
                            "rate_limited",
                            "Too many requests; retry after the Retry-After header's seconds."),
                    new Entry(
                            500,
                            "internal_error",
                            "A defect; the answer's ref finds it in the logs."),
                    new Entry(
                            503,
                            "database_unavailable",
                            "The database did not answer in time; retry shortly."));

    private static final List<Entry> WITH_BODY =
            List.of(
                    new Entry(
                            400,
                            "invalid_request",
                            "The body is not the JSON object described, or a field breaks its"
                                    + " rule; errors lists every field."),
                    new Entry(413, "payload_too_large", "The body is larger than allowed."),
                    new Entry(
                            415,
                            "unsupported_media_type",
                            "The body is not sent as application/json."));

    private static final Entry BAD_PARAMETER =
            new Entry(
                    400,
                    "invalid_request",
                    "A query parameter breaks its rule; errors lists every parameter.");

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        List<Entry> entries = new ArrayList<>(EVERY_ROUTE);
        if (operation.getRequestBody() != null) {
            entries.addAll(WITH_BODY);
        } else if (hasQueryParameters(operation)) {
            entries.add(BAD_PARAMETER);
        }
        for (ProblemResponse p :
                AnnotatedElementUtils.findMergedRepeatableAnnotations(
                        handler.getMethod(), ProblemResponse.class)) {
            entries.add(new Entry(p.status(), p.code(), p.when()));
        }
        Map<Integer, Map<String, String>> byStatus = new TreeMap<>();
        for (Entry e : entries) {
            byStatus.computeIfAbsent(e.status(), s -> new LinkedHashMap<>())
                    .merge(e.code(), e.when(), (a, b) -> a + " " + b);
        }
        ApiResponses responses =
                operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach(
                (status, codes) -> responses.addApiResponse(status.toString(), answer(codes)));
        return operation.responses(responses);
    }

    private static boolean hasQueryParameters(Operation operation) {
        List<Parameter> parameters = operation.getParameters();
        return parameters != null && parameters.stream().anyMatch(p -> "query".equals(p.getIn()));
    }

    private static ApiResponse answer(Map<String, String> codes) {
        StringBuilder description = new StringBuilder();
        codes.forEach(
                (code, when) -> {
                    if (!description.isEmpty()) {
                        description.append('\n');
                    }
                    description.append("- `").append(code).append("`: ").append(when);
                });
        return new ApiResponse()
                .description(description.toString())
                .content(
                        new Content()
                                .addMediaType(
                                        MEDIA_TYPE,
                                        new MediaType().schema(problem(codes.keySet()))));
    }

    /** The problem body ({@code ProblemRenderer}'s), with this answer's codes as the enum. */
    static Schema problem(Iterable<String> codes) {
        StringSchema code = new StringSchema();
        codes.forEach(code::addEnumItem);
        Schema field =
                new ObjectSchema()
                        .addProperty("field", new StringSchema().description("snake_case path"))
                        .addProperty("message", new StringSchema())
                        .required(List.of("field", "message"));
        return new ObjectSchema()
                .description("RFC 9457 problem details with a stable code and the request's ref.")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("code", code)
                .addProperty("detail", new StringSchema())
                .addProperty("ref", new StringSchema().description("This request's id, req_…"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(field)
                                .description("Every refused field or parameter (400 only)."))
                .required(List.of("type", "title", "status", "code", "detail"));
    }
}
