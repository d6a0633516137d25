package dev.gatehouse.kernel.audit;

import java.util.Objects;

/**
 * What the action was done to.
 *
 * @param type the kind of object, e.g. {@code api_key}, {@code connection}; 1–64 characters
 * @param id its public id; 1–200 characters
 */
public record Target(String type, String id) {

    public Target {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (type.isBlank() || type.length() > 64) {
            throw new IllegalArgumentException(
                    "target type must be 1 to 64 characters, was " + type.length());
        }
        if (id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException(
                    "target id must be 1 to 200 characters, was " + id.length());
        }
    }
}
