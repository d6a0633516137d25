package dev.gatehouse.gateway.policy;

import java.util.Objects;

/**
 * A request path refused by check 4 (answered as 400 {@code invalid_path}).
 *
 * @param reason an internal reason for the audit, such as {@code dot_segment}, {@code
 *     encoded_slash} or {@code invalid_utf8}; never shown to the client beyond the code
 */
public record InvalidPath(String reason) implements PathCheck {

    public InvalidPath {
        Objects.requireNonNull(reason, "reason");
    }
}
