package dev.gatehouse.gateway.policy;

import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A request path after {@code /gateway/v1/erp} that passed check 4: its decoded segments, and the
 * one string sent upstream ({@link #upstreamPath()}), built from those segments only. Only {@link
 * #parse} makes one, so a refused path can never produce an upstream path.
 *
 * <p>Design: reject, never normalize. {@link #parse} takes the raw, still percent-encoded path
 * (what {@code HttpServletRequest.getRequestURI()} gives, minus the prefix) and refuses, with an
 * internal reason:
 *
 * <ul>
 *   <li>a path that does not start with {@code /} ({@code not_absolute}), longer than {@value
 *       #MAX_RAW_LENGTH} characters ({@code too_long}) or with more than {@value #MAX_SEGMENTS}
 *       segments ({@code too_many_segments});
 *   <li>empty segments, {@code //} ({@code empty_segment}); a trailing slash ({@code
 *       trailing_slash}): {@code /a/} is refused rather than treated as {@code /a} or as a path of
 *       its own, because upstreams disagree on whether the two are one resource, and catalog
 *       templates never end in a slash, so no legitimate call needs it. The root {@code /} alone is
 *       accepted (no segments; only a {@code /} template matches it);
 *   <li>{@code .} and {@code ..} segments ({@code dot_segment}) and any percent-encoded dot, slash,
 *       backslash, NUL, percent sign, semicolon, question mark or hash ({@code encoded_dot}, {@code
 *       encoded_slash}, {@code encoded_backslash}, {@code encoded_nul}, {@code encoded_percent} — a
 *       double encoding such as {@code %252e} —, {@code encoded_semicolon}, {@code
 *       encoded_query_or_fragment}), in any case of hex digits;
 *   <li>a raw {@code \} ({@code backslash}), {@code ;} (matrix parameters, {@code ;jsessionid},
 *       {@code semicolon}), {@code ?} or {@code #} left in the path ({@code query_or_fragment});
 *   <li>control characters, raw or encoded, and invisible format characters such as bidi overrides
 *       ({@code control_character}); a raw character outside RFC 3986's {@code pchar} ({@code
 *       disallowed_character}); a {@code %} not followed by two hex digits ({@code
 *       malformed_escape}); bytes that are not strict UTF-8, overlong forms such as {@code %c0%af}
 *       or {@code %e0%80%af} and encoded surrogates included ({@code invalid_utf8}); a segment
 *       whose compatibility normalization (NFKC) introduces a {@code /}, {@code \}, {@code ;},
 *       {@code %}, {@code ?}, {@code #}, or becomes a dot segment, such as the fullwidth solidus
 *       ({@code unicode_lookalike}).
 * </ul>
 *
 * <p>The upstream path is {@code /} followed by the segments joined with {@code /}, each character
 * written raw when it is unreserved ({@code A–Z a–z 0–9 - . _ ~}) or one of {@code ! $ & ' ( ) * ,
 * = : @}, and otherwise as {@code %XX} of its UTF-8 bytes with upper-case hex ({@code +} included,
 * so an upstream that reads {@code +} as a space cannot misread it). Parsing the upstream path
 * again gives the same segments. Immutable and thread-safe.
 */
public final class CanonicalPath implements PathCheck {

    /** The longest raw path accepted, in characters. */
    public static final int MAX_RAW_LENGTH = 4096;

    /** The most segments a path may have. */
    public static final int MAX_SEGMENTS = 128;

    private static final String RAW_SAFE = "-._~!$&'()*,=:@";
    private static final String RAW_SUB_DELIMS = RAW_SAFE + "+";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final List<String> segments;
    private final String upstreamPath;

    private CanonicalPath(List<String> segments) {
        this.segments = List.copyOf(segments);
        this.upstreamPath = encode(this.segments);
    }

    /**
     * Checks {@code rawPath} (see the class notes); never throws for bad input.
     *
     * @param rawPath the raw request path after the gateway prefix, still percent-encoded
     */
    public static PathCheck parse(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return new InvalidPath("not_absolute");
        }
        if (rawPath.length() > MAX_RAW_LENGTH) {
            return new InvalidPath("too_long");
        }
        if (rawPath.equals("/")) {
            return new CanonicalPath(List.of());
        }
        String[] raw = rawPath.substring(1).split("/", -1);
        if (raw.length > MAX_SEGMENTS) {
            return new InvalidPath("too_many_segments");
        }
        List<String> segments = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].isEmpty()) {
                return new InvalidPath(i == raw.length - 1 ? "trailing_slash" : "empty_segment");
            }
            InvalidPath refused = decode(raw[i], segments);
            if (refused != null) {
                return refused;
            }
        }
        return new CanonicalPath(segments);
    }

    /** The decoded segments, none empty; empty for the root {@code /}. */
    public List<String> segments() {
        return segments;
    }

    /** The exact path to send upstream, after the upstream's base path. */
    public String upstreamPath() {
        return upstreamPath;
    }

    /**
     * Decodes one non-empty raw segment and appends it to {@code into}; returns the refusal instead
     * when it is not canonical (then nothing is appended).
     */
    private static @Nullable InvalidPath decode(String raw, List<String> into) {
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return new InvalidPath("malformed_escape");
                }
                if (!isAsciiHex(raw.charAt(i + 1)) || !isAsciiHex(raw.charAt(i + 2))) {
                    return new InvalidPath("malformed_escape");
                }
                int b =
                        Character.digit(raw.charAt(i + 1), 16) * 16
                                + Character.digit(raw.charAt(i + 2), 16);
                String refused = encodedRefusal(b);
                if (refused != null) {
                    return new InvalidPath(refused);
                }
                bytes[length++] = (byte) b;
                i += 2;
            } else {
                String refused = rawRefusal(c);
                if (refused != null) {
                    return new InvalidPath(refused);
                }
                bytes[length++] = (byte) c;
            }
        }
        String text;
        try {
            text = strictUtf8().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return new InvalidPath("invalid_utf8");
        }
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(bytes, length))) {
            return new InvalidPath("invalid_utf8");
        }
        if (text.equals(".") || text.equals("..")) {
            return new InvalidPath("dot_segment");
        }
        if (text.codePoints().anyMatch(CanonicalPath::isControlOrFormat)) {
            return new InvalidPath("control_character");
        }
        if (lookalike(text)) {
            return new InvalidPath("unicode_lookalike");
        }
        into.add(text);
        return null;
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static @Nullable String encodedRefusal(int b) {
        return switch (b) {
            case '.' -> "encoded_dot";
            case '/' -> "encoded_slash";
            case '\\' -> "encoded_backslash";
            case 0 -> "encoded_nul";
            case '%' -> "encoded_percent";
            case ';' -> "encoded_semicolon";
            case '?', '#' -> "encoded_query_or_fragment";
            default -> b < 0x20 || b == 0x7F ? "control_character" : null;
        };
    }

    private static @Nullable String rawRefusal(char c) {
        if (c < 0x20 || c == 0x7F) {
            return "control_character";
        }
        if (c == '\\') {
            return "backslash";
        }
        if (c == ';') {
            return "semicolon";
        }
        if (c == '?' || c == '#') {
            return "query_or_fragment";
        }
        boolean pchar =
                (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || RAW_SUB_DELIMS.indexOf(c) >= 0;
        return pchar ? null : "disallowed_character";
    }

    private static boolean isControlOrFormat(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    private static boolean lookalike(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (folded.equals(text)) {
            return false;
        }
        if (folded.equals(".") || folded.equals("..")) {
            return true;
        }
        for (char c : "/\\;%?#".toCharArray()) {
            if (folded.indexOf(c) >= 0 && text.indexOf(c) < 0) {
                return true;
            }
        }
        return folded.codePoints().anyMatch(CanonicalPath::isControlOrFormat);
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String encode(List<String> segments) {
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (String s : segments) {
            out.append('/');
            encodeSegment(s, out);
        }
        return out.toString();
    }

    /** Appends {@code segment} as the upstream receives it (see the class notes). */
    static void encodeSegment(String segment, StringBuilder out) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean raw =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || RAW_SAFE.indexOf(c) >= 0;
            if (raw) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CanonicalPath other && other.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return upstreamPath;
    }
}
