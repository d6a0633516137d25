package dev.gatehouse.kernel.web;

import java.util.List;

/**
 * The problems of the HTTP surface itself, beside the product-level factories of {@link
 * ApiProblem}.
 */
public final class Problems {

    /** The only detail a 500 ever carries. */
    public static final String INTERNAL_DETAIL =
            "An internal error occurred. Quote the ref when reporting it.";

    private Problems() {}

    public static ApiProblem internalError() {
        return new ApiProblem(
                500, "internal_error", "Internal error", INTERNAL_DETAIL, List.of(), null);
    }

    /** The database cannot be reached: a dependency is down, so 503 and a hint to retry. */
    public static ApiProblem databaseUnavailable() {
        return new ApiProblem(
                503,
                "database_unavailable",
                "Service unavailable",
                "The service cannot reach its database. Retry shortly; quote the ref if it"
                        + " persists.",
                List.of(),
                5L);
    }

    /**
     * A request the servlet container refused before the application saw it: an encoded slash, a
     * NUL byte, a backslash or a bad percent-encoding in the path, or a malformed request line.
     */
    public static ApiProblem malformedRequest() {
        return ApiProblem.badRequest(
                "The request line or path is malformed: check for an encoded slash (%2F), a NUL"
                        + " byte, a backslash or an invalid percent-encoding in the path.",
                List.of());
    }

    public static ApiProblem routeNotFound() {
        return ApiProblem.notFound("No such route.");
    }

    public static ApiProblem methodNotAllowed() {
        return new ApiProblem(
                405,
                "method_not_allowed",
                "Method not allowed",
                "This route does not support the request method.",
                List.of(),
                null);
    }

    public static ApiProblem notAcceptable() {
        return new ApiProblem(
                406,
                "not_acceptable",
                "Not acceptable",
                "This route cannot answer in any media type the Accept header allows.",
                List.of(),
                null);
    }

    public static ApiProblem unsupportedMediaType() {
        return new ApiProblem(
                415,
                "unsupported_media_type",
                "Unsupported media type",
                "Send the request body as application/json.",
                List.of(),
                null);
    }

    public static ApiProblem payloadTooLarge(long maxBytes) {
        return new ApiProblem(
                413,
                "payload_too_large",
                "Payload too large",
                "The request body exceeds " + maxBytes + " bytes.",
                List.of(),
                null);
    }

    public static ApiProblem originNotAllowed() {
        return ApiProblem.forbidden("This origin may not call the API.");
    }

    /** A problem for a bare status, as the servlet container reports it to {@code /error}. */
    public static ApiProblem forStatus(int status) {
        return switch (status) {
            case 400 -> ApiProblem.badRequest("The request is not valid.", List.of());
            case 401 -> ApiProblem.unauthorized();
            case 403 -> ApiProblem.forbidden("This request is not allowed.");
            case 404 -> routeNotFound();
            case 405 -> methodNotAllowed();
            case 406 -> notAcceptable();
            case 413 ->
                    new ApiProblem(
                            413,
                            "payload_too_large",
                            "Payload too large",
                            "The request is too large.",
                            List.of(),
                            null);
            case 415 -> unsupportedMediaType();
            case 429 -> ApiProblem.rateLimited(1);
            default ->
                    status >= 400 && status < 500
                            ? ApiProblem.badRequest("The request is not valid.", List.of())
                            : internalError();
        };
    }
}
