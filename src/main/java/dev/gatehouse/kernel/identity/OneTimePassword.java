package dev.gatehouse.kernel.identity;

import java.util.Objects;

/**
 * A generated password shown once to whoever hands it to the user (an invitation, a CLI reset); the
 * user must change it at first sign-in. {@link #toString()} prints {@code [redacted]}.
 */
public final class OneTimePassword {

    private final String value;

    OneTimePassword(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The password, for the one screen or terminal line that shows it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
