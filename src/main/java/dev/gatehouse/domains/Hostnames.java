package dev.gatehouse.domains;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.IDNA;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises and checks a customer hostname. Pure and thread-safe.
 *
 * <p>Order: trim, lower-case, drop one trailing dot, refuse IP literals and wildcards, convert
 * Unicode to punycode with UTS 46 (non-transitional, with the IDNA 2008 checks: BiDi, CONTEXTJ,
 * CONTEXTO and RFC 5892's code points, {@link Idna2008}), then the LDH rules (2+ labels, 1–63
 * characters each, no leading or trailing hyphen, 253 in all), then the Public Suffix List (a
 * public suffix such as {@code co.uk} cannot be connected) and the installation's reserved
 * suffixes.
 */
public final class Hostnames {

    /** Longest input looked at; anything longer is refused before any parsing. */
    public static final int MAX_INPUT = 1024;

    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final IDNA UTS46 =
            IDNA.getUTS46Instance(
                    IDNA.USE_STD3_RULES
                            | IDNA.CHECK_BIDI
                            | IDNA.CHECK_CONTEXTJ
                            | IDNA.CHECK_CONTEXTO
                            | IDNA.NONTRANSITIONAL_TO_ASCII
                            | IDNA.NONTRANSITIONAL_TO_UNICODE);

    private final List<String> reservedSuffixes;

    /**
     * @param reservedSuffixes lower-case domains whose names (and they themselves) are refused
     */
    public Hostnames(List<String> reservedSuffixes) {
        this.reservedSuffixes = List.copyOf(reservedSuffixes);
    }

    /** The outcome of {@link #check}. */
    public sealed interface Check permits Valid, Invalid {}

    /**
     * @param hostname the normalised ASCII hostname
     */
    public record Valid(String hostname) implements Check {}

    /**
     * @param reason why: a stable code for translations and an English sentence for the API
     */
    public record Invalid(Reason reason) implements Check {}

    /** Why a hostname is refused. Codes are stable; the portal translates them. */
    public enum Reason {
        TOO_LONG("tooLong", "is longer than 253 characters"),
        EMPTY("empty", "is empty"),
        IP_LITERAL("ipLiteral", "is an IP address, not a hostname"),
        WILDCARD("wildcard", "is a wildcard, and wildcard hostnames are not supported"),
        IDNA("idna", "is not a valid internationalised domain name"),
        PUBLIC_SUFFIX("publicSuffix", "is a public suffix; use a name under it"),
        UNKNOWN_SUFFIX("unknownSuffix", "is not under a known public suffix"),
        RESERVED("reserved", "is reserved by this service"),
        LABELS("labels", "needs at least two labels, such as shop.example.com"),
        LABEL_LENGTH("labelLength", "has a label that is empty or longer than 63 characters"),
        LDH("ldh", "labels may hold only letters, digits and inner hyphens");

        private final String code;
        private final String message;

        Reason(String code, String message) {
            this.code = code;
            this.message = message;
        }

        public String code() {
            return code;
        }

        /** The English sentence, to follow "The hostname". */
        public String message() {
            return message;
        }
    }

    public Check check(String input) {
        if (input.length() > MAX_INPUT) {
            return new Invalid(Reason.TOO_LONG);
        }
        String s = input.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            return new Invalid(Reason.EMPTY);
        }
        if (isIpLiteral(s)) {
            return new Invalid(Reason.IP_LITERAL);
        }
        if (s.contains("*")) {
            return new Invalid(Reason.WILDCARD);
        }
        String ascii = toAscii(s);
        if (ascii == null) {
            return new Invalid(Reason.IDNA);
        }
        Invalid shape = shape(ascii);
        if (shape != null) {
            return shape;
        }
        InternetDomainName name = InternetDomainName.from(ascii);
        if (name.isPublicSuffix()) {
            return new Invalid(Reason.PUBLIC_SUFFIX);
        }
        if (!name.isUnderPublicSuffix()) {
            return new Invalid(Reason.UNKNOWN_SUFFIX);
        }
        for (String reserved : reservedSuffixes) {
            if (ascii.equals(reserved) || ascii.endsWith("." + reserved)) {
                return new Invalid(Reason.RESERVED);
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
        return isLdhHostname(s) ? s : null;
    }

    /**
     * {@link #shape} accepting, minus IPv4 literals, in one pass without allocating: at most 253
     * characters, at least two labels, each 1–63 letters, digits and inner hyphens, and not only
     * digits and dots. (IPv6 literals have colons or brackets, so they are never LDH names.)
     */
    private static boolean isLdhHostname(String s) {
        int length = s.length();
        if (length == 0 || length > 253) {
            return false;
        }
        int labels = 1;
        int labelStart = 0;
        boolean onlyDigits = true;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? s.charAt(i) : '.';
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0
                        || labelLength > 63
                        || s.charAt(labelStart) == '-'
                        || s.charAt(i - 1) == '-') {
                    return false;
                }
                if (i < length) {
                    labels++;
                }
                labelStart = i + 1;
            } else if (c >= '0' && c <= '9') {
                // a digit
            } else if ((c >= 'a' && c <= 'z') || c == '-') {
                onlyDigits = false;
            } else {
                return false;
            }
        }
        return labels >= 2 && !onlyDigits;
    }

    private static @Nullable Invalid shape(String ascii) {
        if (ascii.length() > 253) {
            return new Invalid(Reason.TOO_LONG);
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return new Invalid(Reason.LABELS);
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                return new Invalid(Reason.LABEL_LENGTH);
            }
            if (!LABEL.matcher(label).matches()) {
                return new Invalid(Reason.LDH);
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
        if (failed(info)) {
            return null;
        }
        // UTS 46 keeps symbols IDNA 2008 disallows (☃, ♥): check the Unicode form of every label,
        // whether it was typed in Unicode or as an A-label.
        StringBuilder unicode = new StringBuilder();
        IDNA.Info back = new IDNA.Info();
        UTS46.nameToUnicode(out, unicode, back);
        return failed(back) || !Idna2008.allowed(unicode.toString()) ? null : out.toString();
    }

    /** Length and empty-label errors are reported by the LDH rules with a clearer message. */
    private static boolean failed(IDNA.Info info) {
        java.util.Set<IDNA.Error> errors = java.util.EnumSet.noneOf(IDNA.Error.class);
        errors.addAll(info.getErrors());
        errors.removeAll(
                java.util.EnumSet.of(
                        IDNA.Error.LABEL_TOO_LONG,
                        IDNA.Error.DOMAIN_NAME_TOO_LONG,
                        IDNA.Error.EMPTY_LABEL));
        return !errors.isEmpty();
    }
}
