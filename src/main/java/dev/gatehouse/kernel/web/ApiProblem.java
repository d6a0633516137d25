package dev.gatehouse.kernel.web;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Objects;

/**
 * An expected HTTP failure, raised at the edge and rendered once as {@code
 * application/problem+json} with the request's {@code ref}. {@code code} is stable and documented;
 * {@code detail} is a safe, human sentence and never carries driver, SQL, stack or upstream text.
 */
public final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One field message of a 400 answer. */
    public record FieldMessage(String field, String message) {}

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldMessage> errors;
    private final @Nullable Long retryAfterSeconds;

    public ApiProblem(
            int status,
            String code,
            String title,
            String detail,
            List<FieldMessage> errors,
            @Nullable Long retryAfterSeconds) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.title = Objects.requireNonNull(title, "title");
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiProblem badRequest(String detail, List<FieldMessage> errors) {
        return new ApiProblem(400, "invalid_request", "Invalid request", detail, errors, null);
    }

    public static ApiProblem badRequest(String field, String message) {
        return badRequest("The request is not valid.", List.of(new FieldMessage(field, message)));
    }

    /** Missing, malformed, unknown, expired or revoked credential: never says which. */
    public static ApiProblem unauthorized() {
        return new ApiProblem(
                401,
                "unauthorized",
                "Unauthorized",
                "A valid credential is required.",
                List.of(),
                null);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail, List.of(), null);
    }

    /** Missing or another tenant's object: the same answer for both. */
    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not_found", "Not found", detail, List.of(), null);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "conflict", "Conflict", detail, List.of(), null);
    }

    public static ApiProblem quotaExceeded(String detail) {
        return new ApiProblem(402, "quota_exceeded", "Quota exceeded", detail, List.of(), null);
    }

    public static ApiProblem rateLimited(long retryAfterSeconds) {
        return new ApiProblem(
                429,
                "rate_limited",
                "Too many requests",
                "Slow down and retry later.",
                List.of(),
                retryAfterSeconds);
    }

    public static ApiProblem unavailable(String code, String detail) {
        return new ApiProblem(503, code, "Service unavailable", detail, List.of(), null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return Objects.requireNonNull(getMessage());
    }

    public List<FieldMessage> errors() {
        return errors;
    }

    public @Nullable Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
