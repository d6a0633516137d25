package dev.gatehouse.gateway.policy;

import java.util.Objects;

/**
 * Why an input was refused: the field it is about (a JSON field name such as {@code path} or {@code
 * days}) and a sentence a client can act on. The admin API turns these into 400 field errors.
 *
 * @param field the field the message is about
 * @param message what is wrong and what is expected
 */
public record Problem(String field, String message) {

    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The same problem about a field nested under {@code parent} ({@code rules[2].path}). */
    public Problem under(String parent) {
        return new Problem(parent + "." + field, message);
    }
}
