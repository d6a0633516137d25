package dev.gatehouse.kernel.redaction;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything shaped like a Gatehouse secret before text or JSON is stored or printed: API keys
 * ({@code gk_…}), gateway tokens ({@code gwt_…}), JWTs, the values of {@code Authorization}, {@code
 * x-api-key}, cookies, {@code password=}/{@code secret=}/{@code token=} pairs, and JSON fields
 * whose names say they hold a secret.
 *
 * <p>Used by the audit log before storage and by the logging layer before output, so a careless
 * call still leaks nothing. Pure and thread-safe.
 */
public final class Redaction {

    /** What replaces a masked value. */
    public static final String MASK = "[redacted]";

    private static final Pattern API_KEY = Pattern.compile("(?<![A-Za-z0-9])gk_[A-Za-z0-9]{8,}");
    private static final Pattern GATEWAY_TOKEN =
            Pattern.compile("(?<![A-Za-z0-9])gwt_[A-Za-z0-9_-]{8,}");
    private static final Pattern JWT =
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern HEADER_VALUE =
            Pattern.compile(
                    "(?i)\\b(authorization|proxy-authorization|x-api-key|cookie|set-cookie)(\\s*[:=]\\s*)([^\\r"
                        + "\\n"
                        + ",;}\\]]+)");
    private static final Pattern PAIR =
            Pattern.compile(
                    "(?i)(?<![A-Za-z0-9_.-])([\"']?[A-Za-z0-9_.-]{0,64}?(?:password|passwd|secret|token|api[_-]?key|credential)"
                        + "[A-Za-z0-9_.-]{0,64}+[\"']?)(\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&}\\]]+)");

    private static final Set<String> SECRET_HEADERS =
            Set.of("authorization", "proxy-authorization", "x-api-key", "cookie", "set-cookie");

    private Redaction() {}

    /** Returns {@code text} with every secret-shaped part replaced by {@link #MASK}. */
    public static String maskSecrets(String text) {
        if (text.isEmpty()) {
            return text;
        }
        // Header values first, so "Authorization: Bearer gk_…" becomes one mask, not a mask inside
        // a mask.
        String out = replaceValue(HEADER_VALUE, text);
        out = API_KEY.matcher(out).replaceAll(MASK);
        out = GATEWAY_TOKEN.matcher(out).replaceAll(MASK);
        out = JWT.matcher(out).replaceAll(MASK);
        out = replaceValue(PAIR, out);
        return out;
    }

    /**
     * True when a JSON field or form field of this name holds a secret and must never be stored.
     */
    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("-", "_");
        return n.contains("password")
                || n.contains("passwd")
                || n.contains("secret")
                || n.contains("token")
                || n.contains("api_key")
                || n.contains("apikey")
                || n.contains("authorization")
                || n.contains("credential")
                || n.equals("cookie")
                || n.equals("set_cookie");
    }

    /** True when the value of this HTTP header must never be stored or printed. */
    public static boolean isSecretHeader(String name) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Returns a copy of {@code headers} with secret header values masked and the rest scanned. */
    public static Map<String, String> redactHeaders(Map<String, String> headers) {
        var out = new java.util.LinkedHashMap<String, String>();
        headers.forEach((k, v) -> out.put(k, isSecretHeader(k) ? MASK : maskSecrets(v)));
        return out;
    }

    private static String replaceValue(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
