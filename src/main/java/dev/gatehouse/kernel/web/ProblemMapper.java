package dev.gatehouse.kernel.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.Locale;

/**
 * Maps any exception that reaches the edge to the {@link ApiProblem} the client sees. Expected
 * failures keep their meaning (400, 404, 405, 406, 413, 415); everything else becomes a 500 {@code
 * internal_error} whose detail is fixed, so no exception text ever reaches a client. Pure and
 * thread-safe.
 */
public final class ProblemMapper {

    private final long maxBodyBytes;
    private final int maxJsonDepth;

    public ProblemMapper(long maxBodyBytes, int maxJsonDepth) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxJsonDepth = maxJsonDepth;
    }

    /** The problem for {@code failure} raised while serving {@code request}. */
    public ApiProblem toProblem(Throwable failure, HttpServletRequest request) {
        if (BodySizeLimitFilter.wasExceeded(request)
                || BodyErrors.find(failure, BodyTooLarge.class) != null) {
            return Problems.payloadTooLarge(maxBodyBytes);
        }
        ApiProblem nested = BodyErrors.find(failure, ApiProblem.class);
        if (nested != null) {
            return nested;
        }
        if (BodyErrors.find(failure, CannotGetJdbcConnectionException.class) != null
                || BodyErrors.find(failure, CannotCreateTransactionException.class) != null) {
            return Problems.databaseUnavailable();
        }
        return switch (failure) {
            case HttpMessageNotReadableException e ->
                    BodyErrors.problemFor(e.getCause() == null ? e : e.getCause(), maxJsonDepth);
            case BindException e ->
                    ApiProblem.badRequest("Some fields are not valid.", fieldErrors(e));
            case HandlerMethodValidationException e ->
                    ApiProblem.badRequest(
                            "Some parameters are not valid.",
                            e.getParameterValidationResults().stream()
                                    .map(
                                            r ->
                                                    field(
                                                            String.valueOf(
                                                                    r.getMethodParameter()
                                                                            .getParameterName()),
                                                            "is not valid"))
                                    .toList());
            case ConstraintViolationException e ->
                    ApiProblem.badRequest(
                            "Some fields are not valid.",
                            e.getConstraintViolations().stream()
                                    .map(
                                            v ->
                                                    field(
                                                            lastNode(
                                                                    v.getPropertyPath().toString()),
                                                            v.getMessage()))
                                    .toList());
            case MissingServletRequestParameterException e ->
                    ApiProblem.badRequest(e.getParameterName(), "is required");
            case MissingRequestHeaderException e ->
                    ApiProblem.badRequest(e.getHeaderName(), "is required");
            case MethodArgumentTypeMismatchException e ->
                    ApiProblem.badRequest(
                            e.getName(),
                            e.getRequiredType() == null
                                    ? "has the wrong type"
                                    : "expected " + ExpectedTypes.describe(e.getRequiredType()));
            case ServletRequestBindingException _ ->
                    ApiProblem.badRequest("The request is not valid.", List.of());
            case NoHandlerFoundException _, NoResourceFoundException _ -> Problems.routeNotFound();
            case HttpRequestMethodNotSupportedException _ -> Problems.methodNotAllowed();
            case HttpMediaTypeNotAcceptableException _ -> Problems.notAcceptable();
            case HttpMediaTypeNotSupportedException _ -> Problems.unsupportedMediaType();
            case MaxUploadSizeExceededException _ -> Problems.payloadTooLarge(maxBodyBytes);
            default -> Problems.internalError();
        };
    }

    private static List<ApiProblem.FieldMessage> fieldErrors(BindException e) {
        var fields = e.getFieldErrors().stream().map(f -> field(f.getField(), message(f)));
        var globals =
                e.getGlobalErrors().stream()
                        .map(
                                g ->
                                        field(
                                                g.getObjectName(),
                                                g.getDefaultMessage() == null
                                                        ? "is not valid"
                                                        : g.getDefaultMessage()));
        return java.util.stream.Stream.concat(fields, globals).toList();
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage();
    }

    private static ApiProblem.FieldMessage field(String name, String message) {
        return new ApiProblem.FieldMessage(snakeCase(name), message);
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** {@code unitPrice} → {@code unit_price}; the JSON spelling of a Java property path. */
    static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
