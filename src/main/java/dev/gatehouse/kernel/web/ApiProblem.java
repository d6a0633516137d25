package dev.gatehouse.kernel.web;

import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An expected HTTP failure, raised at the edge and rendered once as {@code
 * application/problem+json} with the request's {@code ref}. {@code code} is stable and documented;
 * {@code detail} is a safe, human sentence and never carries driver, SQL, stack or upstream text.
 */
public final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final Pattern MEMBER = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    private static final Set<String> STANDARD =
            Set.of("type", "title", "status", "code", "detail", "ref", "errors", "instance");

    /** One field message of a 400 answer. */
    public record FieldMessage(String field, String message) {}

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldMessage> errors;
    private final @Nullable Long retryAfterSeconds;
    private final Map<String, Object> members;

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
        this.members = Map.of();
    }

    private ApiProblem(ApiProblem base, Map<String, Object> members) {
        super(base.detail(), null, false, false);
        this.status = base.status;
        this.code = base.code;
        this.title = base.title;
        this.errors = base.errors;
        this.retryAfterSeconds = base.retryAfterSeconds;
        this.members = Map.copyOf(members);
    }

    /**
     * This problem with one more extension member (RFC 9457 §3.2), such as {@code
     * next_window_start}: a snake_case name that is not a standard member, and a value that is safe
     * to show (it is rendered as is).
     */
    public ApiProblem with(String member, Object value) {
        if (!MEMBER.matcher(member).matches() || STANDARD.contains(member)) {
            throw new IllegalArgumentException(
                    "a problem member must be snake_case and not a standard member, was " + member);
        }
        Map<String, Object> more = new LinkedHashMap<>(members);
        more.put(member, Objects.requireNonNull(value, "value"));
        return new ApiProblem(this, more);
    }

    /** The extension members, in no particular order. */
    public Map<String, Object> members() {
        return members;
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
