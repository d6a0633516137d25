package dev.gatehouse.kernel.web;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.ArrayDeque;
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
                    bad("A field has the wrong type or format.", path(e), expected(e));
            case MismatchedInputException e ->
                    bad("A field has the wrong type or format.", path(e), expected(e));
            case StreamReadException e when isDuplicateField(e) ->
                    bad(
                            "A field appears more than once.",
                            duplicatePath(e),
                            "appears more than once");
            case StreamReadException _ ->
                    bad("The request body is not valid JSON.", "body", "is not valid JSON");
            default ->
                    bad("The request body could not be read.", path(jackson), "could not be read");
        };
    }

    /**
     * Jackson's strict duplicate detection has no exception type of its own; its message is the one
     * sign, and {@code ProblemHandlingTest} keeps that true across upgrades.
     */
    private static boolean isDuplicateField(StreamReadException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Duplicate Object property");
    }

    /**
     * The path of the repeated field, like {@code metadata.labels.team}, from the parser's context
     * when it is there (the databind path stops at the enclosing object).
     */
    private static String duplicatePath(StreamReadException e) {
        JsonParser parser = e.processor();
        if (parser == null) {
            return path(e);
        }
        var parts = new ArrayDeque<String>();
        for (TokenStreamContext c = parser.streamReadContext(); c != null; c = c.getParent()) {
            if (c.inObject() && c.currentName() != null) {
                parts.addFirst("." + c.currentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                parts.addFirst("[" + c.getCurrentIndex() + "]");
            }
        }
        String joined = String.join("", parts);
        joined = joined.startsWith(".") ? joined.substring(1) : joined;
        return joined.isEmpty() ? "body" : truncate(joined);
    }

    /** {@code expected a whole number}, from the type Jackson was reading. */
    private static String expected(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        return target == null ? "has the wrong type" : "expected " + ExpectedTypes.describe(target);
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

    @SuppressWarnings("ReferenceEquality") // a cause that is itself ends the walk
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
