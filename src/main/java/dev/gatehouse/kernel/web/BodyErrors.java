package dev.gatehouse.kernel.web;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.List;

/**
 * Turns a Jackson failure to read a request body into a 400 that names the field but never echoes
 * the parser's own text (which may quote the input or name internal classes).
 */
final class BodyErrors {

    private BodyErrors() {}

    static ApiProblem problemFor(Throwable cause, int maxJsonDepth) {
        JacksonException jackson = find(cause, JacksonException.class);
        if (jackson == null) {
            return ApiProblem.badRequest(
                    "The request body is missing or is not valid JSON.",
                    List.of(new ApiProblem.FieldMessage("body", "is missing or not valid JSON")));
        }
        return switch (jackson) {
            case UnrecognizedPropertyException e ->
                    bad("Unknown field.", path(e), "is not a known field");
            case StreamConstraintsException _ ->
                    bad(
                            "The JSON body is nested too deeply or is too large.",
                            "body",
                            "exceeds the nesting depth of "
                                    + maxJsonDepth
                                    + " or another JSON limit");
            case InvalidFormatException e ->
                    bad("A field has an invalid value.", path(e), "has an invalid value");
            case MismatchedInputException e ->
                    bad("A field has the wrong type.", path(e), "has the wrong type");
            case StreamReadException _ ->
                    bad("The request body is not valid JSON.", "body", "is not valid JSON");
            default ->
                    bad("The request body could not be read.", path(jackson), "could not be read");
        };
    }

    private static ApiProblem bad(String detail, String field, String message) {
        return ApiProblem.badRequest(detail, List.of(new ApiProblem.FieldMessage(field, message)));
    }

    /** The JSON path of the failure, like {@code items[2].unit_price}, or {@code body}. */
    static String path(JacksonException e) {
        var sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : truncate(sb.toString());
    }

    private static String truncate(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200);
    }

    static <T extends Throwable> @Nullable T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
