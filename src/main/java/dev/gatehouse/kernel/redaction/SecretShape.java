package dev.gatehouse.kernel.redaction;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shape of one kind of secret a product issues, for {@link Redaction} to mask.
 *
 * @param marker a literal that every match of {@code pattern} contains (its prefix, typically),
 *     compared case-sensitively: text without it is passed over without running the pattern, which
 *     is what keeps masking cheap on the relay's every audit event
 * @param pattern matches the whole secret and nothing ordinary
 */
public record SecretShape(String marker, Pattern pattern) {

    public SecretShape {
        Objects.requireNonNull(pattern, "pattern");
        if (marker == null || marker.isEmpty()) {
            throw new IllegalArgumentException("a secret shape needs a non-empty marker");
        }
    }

    /** A shape whose marker is the literal prefix every secret of this kind starts with. */
    public static SecretShape prefixed(String prefix, String regex) {
        return new SecretShape(prefix, Pattern.compile(regex));
    }
}
