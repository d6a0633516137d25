package dev.gatehouse.domains;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.IDNA;

import org.jspecify.annotations.Nullable;

/**
 * Normalises and checks a customer hostname. Pure and thread-safe.
 *
 * <p>Order: trim, lower-case, drop one trailing dot, refuse IP literals and wildcards, convert
 * Unicode to punycode with UTS 46 (non-transitional, IDNA 2008), then the LDH rules (2+ labels,
 * 1–63 characters each, no leading or trailing hyphen, 253 in all), then the Public Suffix List
 * (a public suffix such as {@code co.uk} cannot be connected) and the installation's reserved
 * suffixes.
 */
public final class Hostnames {

    /** Longest input looked at; anything longer is refused before any parsing. */
    public static final int MAX_INPUT = 1024;

    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

    private final List<String> reservedSuffixes;

    /** @param reservedSuffixes lower-case domains whose names (and they themselves) are refused */
    public Hostnames(List<String> reservedSuffixes) {
        this.reservedSuffixes = List.copyOf(reservedSuffixes);
    }

    /** The outcome of {@link #check}. */
    public sealed interface Check permits Valid, Invalid { }

    /** @param hostname the normalised ASCII hostname */
    public record Valid(String hostname) implements Check { }

    /** @param reason why, fit to show to the tenant */
    public record Invalid(String reason) implements Check { }

    public Check check(String input) {
        if (input.length() > MAX_INPUT) {
            return new Invalid("is longer than 253 characters");
        }
        String s = input.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            return new Invalid("is empty");
        }
        if (isIpLiteral(s)) {
            return new Invalid("is an IP address, not a hostname");
        }
        if (s.contains("*")) {
            return new Invalid("wildcards are not supported");
        }
        String ascii = toAscii(s);
        if (ascii == null) {
            return new Invalid("is not a valid internationalised domain name");
        }
        Invalid shape = shape(ascii);
        if (shape != null) {
            return shape;
        }
        InternetDomainName name = InternetDomainName.from(ascii);
        if (name.isPublicSuffix()) {
            return new Invalid("is a public suffix; use a name under it");
        }
        if (!name.isUnderPublicSuffix()) {
            return new Invalid("is not under a known public suffix");
        }
        for (String reserved : reservedSuffixes) {
            if (ascii.equals(reserved) || ascii.endsWith("." + reserved)) {
                return new Invalid("is reserved by this service");
            }
        }
        return new Valid(ascii);
    }

    /**
     * True when {@code input} could be a hostname at all: the cheap check of the {@code ask} hot
     * path, with no Public Suffix List lookup. Returns the normalised form or null.
     */
    public static @Nullable String quickNormalise(String input) {
        if (input.length() > 254) {
            return null;
        }
        String s = input.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || isIpLiteral(s) || shape(s) != null) {
            return null;
        }
        return s;
    }

    private static @Nullable Invalid shape(String ascii) {
        if (ascii.length() > 253) {
            return new Invalid("is longer than 253 characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return new Invalid("needs at least two labels, such as shop.example.com");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                return new Invalid("has a label that is empty or longer than 63 characters");
            }
            if (!LABEL.matcher(label).matches()) {
                return new Invalid("labels may hold only letters, digits and inner hyphens");
            }
        }
        return null;
    }

    private static boolean isIpLiteral(String s) {
        String bare = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        return InetAddresses.isInetAddress(bare) || s.matches("^[0-9.]+$");
    }

    private static @Nullable String toAscii(String s) {
        StringBuilder out = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToASCII(s, out, info);
        // Length and empty-label errors are reported by the LDH rules with a clearer message.
        java.util.Set<IDNA.Error> errors = java.util.EnumSet.noneOf(IDNA.Error.class);
        errors.addAll(info.getErrors());
        errors.removeAll(java.util.EnumSet.of(IDNA.Error.LABEL_TOO_LONG, IDNA.Error.DOMAIN_NAME_TOO_LONG,
                IDNA.Error.EMPTY_LABEL));
        return errors.isEmpty() ? out.toString() : null;
    }
}
