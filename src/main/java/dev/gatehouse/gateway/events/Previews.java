package dev.gatehouse.gateway.events;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a query string or the first bytes of a body into the text an audit event may keep: values
 * under secret names ({@link SecretNames}) replaced by {@value #MASK}, then cut to {@value
 * #PREVIEW_BYTES} bytes of UTF-8 (the kernel's default {@code AUDIT_PREVIEW_BYTES}) with {@value
 * #TRUNCATED}. Pure and thread-safe.
 *
 * <p>Design: redaction happens before the cut, on up to {@value #CAPTURE_BYTES} captured bytes. A
 * JSON body (a {@code json} content type, or none and a first byte of {@code {} or {@code [}) is
 * re-emitted token by token with the value of every secret-named field masked, whatever its type;
 * a token the capture cut in half is never emitted, so a secret cannot leak through the cut. JSON
 * that breaks off (the capture ended) is kept up to the last whole token. A form body is redacted
 * like a query. Any other body is text when it is valid UTF-8 without control characters (besides
 * tab, CR, LF): {@code name=value}, {@code name: value} and {@code <name>value</name>} with a secret
 * name are masked. Anything else is binary and summarized as {@code [binary: N bytes, type]}. The
 * kernel still masks secret shapes (gateway tokens, JWTs, {@code Authorization} pairs) when the
 * event is stored.
 */
public final class Previews {

    /** The longest preview, in UTF-8 bytes, marker included. */
    public static final int PREVIEW_BYTES = 2048;

    /** How many leading body bytes the relay should capture for a preview. */
    public static final int CAPTURE_BYTES = 8 * 1024;

    public static final String MASK = "[redacted]";
    public static final String TRUNCATED = "…[truncated]";

    private static final JsonFactory JSON =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_CONTENT).build();

    private static final Pattern TEXT_PAIR =
            Pattern.compile(
                    "([A-Za-z_][A-Za-z0-9_.-]{0,63})(\"?\\s*[=:]\\s*)(\"[^\"]*\"?|'[^']*'?|[^\\s&,;\"'<>]+)");
    private static final Pattern XML_ELEMENT =
            Pattern.compile(
                    "<((?:[A-Za-z_][\\w.-]*:)?([A-Za-z_][\\w.-]*))(\\s[^>]*)?>([^<]*)</\\1>");

    /** A secret element that the capture cut before its end tag. */
    private static final Pattern XML_OPEN_AT_END =
            Pattern.compile(
                    "<((?:[A-Za-z_][\\w.-]*:)?([A-Za-z_][\\w.-]*))(\\s[^>]*)?>([^<]*)(?:<[^>]*)?$");

    private Previews() {}

    /**
     * The raw query string (as received, without {@code ?}) with the values of secret-named
     * parameters masked and the rest kept as sent; null when there is none.
     */
    public static @Nullable String query(@Nullable String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        return cut(redactPairs(rawQuery, "&"));
    }

    /**
     * A preview of a body of which {@code captured} are the first bytes.
     *
     * @param captured the first bytes (at most {@link #CAPTURE_BYTES} are looked at)
     * @param totalBytes the body's full length when known, else -1
     * @param contentType the body's {@code Content-Type}, or null
     * @return null for an empty body
     */
    public static @Nullable String body(
            byte[] captured, long totalBytes, @Nullable String contentType) {
        int length = Math.min(captured.length, CAPTURE_BYTES);
        if (length == 0) {
            return null;
        }
        boolean complete = totalBytes >= 0 && totalBytes <= length && length == captured.length;
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json") || (type.isEmpty() && startsLikeJson(captured, length))) {
            String json = json(captured, length, complete);
            if (json != null) {
                return json;
            }
        }
        String text = utf8Text(captured, length);
        if (text == null) {
            return "[binary: "
                    + (totalBytes >= 0 ? totalBytes : length + "+")
                    + " bytes"
                    + (contentType == null ? "" : ", " + contentType.strip())
                    + "]";
        }
        String redacted =
                type.contains("x-www-form-urlencoded") ? redactPairs(text, "&") : redactText(text);
        return preview(redacted, complete);
    }

    /** The JSON re-emitted with secret-named values masked; null when it is not JSON at all. */
    private static @Nullable String json(byte[] bytes, int length, boolean complete) {
        StringWriter out = new StringWriter();
        boolean brokeOff = false;
        int tokens = 0;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), bytes, 0, length);
                JsonGenerator gen = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            try {
                JsonToken token;
                while ((token = parser.nextToken()) != null
                        && out.getBuffer().length() < 2 * PREVIEW_BYTES) {
                    tokens++;
                    if (token == JsonToken.PROPERTY_NAME
                            && SecretNames.isSecret(parser.currentName())) {
                        gen.writeName(parser.currentName());
                        gen.writeString(MASK);
                        parser.nextToken();
                        parser.skipChildren();
                    } else {
                        gen.copyCurrentEvent(parser);
                    }
                }
                brokeOff = token != null;
            } catch (JacksonException e) {
                if (tokens == 0) {
                    return null;
                }
                brokeOff = true;
            }
            gen.flush();
        } catch (JacksonException e) {
            return null;
        }
        String text = out.toString();
        return preview(text, complete && !brokeOff);
    }

    private static String redactPairs(String text, String separator) {
        String[] parts = text.split(Pattern.quote(separator), -1);
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(separator);
            }
            String part = parts[i];
            int eq = part.indexOf('=');
            if (eq > 0 && SecretNames.isSecret(decode(part.substring(0, eq)))) {
                sb.append(part, 0, eq + 1).append(MASK);
            } else {
                sb.append(part);
            }
        }
        return sb.toString();
    }

    private static String redactText(String text) {
        Matcher xml = XML_ELEMENT.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (xml.find()) {
            String replacement =
                    SecretNames.isSecret(xml.group(2))
                            ? "<"
                                    + xml.group(1)
                                    + (xml.group(3) == null ? "" : xml.group(3))
                                    + ">"
                                    + MASK
                                    + "</"
                                    + xml.group(1)
                                    + ">"
                            : xml.group();
            xml.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        xml.appendTail(sb);
        Matcher open = XML_OPEN_AT_END.matcher(sb);
        if (open.find() && SecretNames.isSecret(open.group(2))) {
            sb.replace(open.start(4), open.end(4), MASK);
        }
        Matcher pair = TEXT_PAIR.matcher(sb.toString());
        StringBuilder out = new StringBuilder(sb.length());
        while (pair.find()) {
            String replacement =
                    SecretNames.isSecret(pair.group(1))
                            ? pair.group(1) + pair.group(2) + MASK
                            : pair.group();
            pair.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        pair.appendTail(out);
        return out.toString();
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    private static boolean startsLikeJson(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }

    /**
     * The bytes as text, or null when they are not printable UTF-8 (a cut last character is ok).
     */
    private static @Nullable String utf8Text(byte[] bytes, int length) {
        var decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text = null;
        for (int drop = 0; drop <= 3 && drop < length && text == null; drop++) {
            try {
                text = decoder.decode(ByteBuffer.wrap(bytes, 0, length - drop)).toString();
            } catch (CharacterCodingException e) {
                decoder.reset();
            }
        }
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n') {
                return null;
            }
        }
        return text;
    }

    /** {@code text} cut to {@link #PREVIEW_BYTES} with the marker, never inside a character. */
    static String cut(String text) {
        if (text.length() * 3L <= PREVIEW_BYTES
                || text.getBytes(StandardCharsets.UTF_8).length <= PREVIEW_BYTES) {
            return text;
        }
        int limit = PREVIEW_BYTES - TRUNCATED.getBytes(StandardCharsets.UTF_8).length;
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > limit) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text.substring(0, i) + TRUNCATED;
    }

    /** {@code text} cut to the limit; marked as truncated when the body went on past it. */
    private static String preview(String text, boolean complete) {
        if (complete) {
            return cut(text);
        }
        String cut = cut(text + TRUNCATED);
        return cut.endsWith(TRUNCATED) ? cut : cut + TRUNCATED;
    }
}
