package dev.gatehouse.kernel.redaction;

import dev.gatehouse.kernel.product.ProductModules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything shaped like a Gatehouse secret before text or JSON is stored or printed: API keys
 * ({@code gk_…}), JWTs, the values of {@code Authorization}, {@code x-api-key}, cookies, {@code
 * password=}/{@code secret=}/{@code token=} pairs, JSON fields whose names say they hold a secret,
 * and the shapes of their own secrets that the installed products declare ({@code
 * ProductModule#secretShapes}).
 *
 * <p>Used by the audit log before storage and by the logging layer before output, so a careless
 * call still leaks nothing. Thread-safe; pure but for the installed products' shapes, read once.
 */
public final class Redaction {

    /** What replaces a masked value. */
    public static final String MASK = "[redacted]";

    private static final Pattern API_KEY = Pattern.compile("(?<![A-Za-z0-9])gk_[A-Za-z0-9]{8,}");
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

    /**
     * Literals without which a pattern cannot match (compared with the lower-cased text for the
     * case-insensitive ones), so the regular expressions run only on text that may hold a secret.
     */
    private static final List<String> HEADER_MARKERS =
            List.of("authorization", "x-api-key", "cookie");

    private static final List<String> PAIR_MARKERS =
            List.of(
                    "password",
                    "passwd",
                    "secret",
                    "token",
                    "api_key",
                    "api-key",
                    "apikey",
                    "credential");

    private static final String API_KEY_MARKER = "gk_";
    private static final String JWT_MARKER = "eyJ";

    private static final Set<String> SECRET_HEADERS =
            Set.of("authorization", "proxy-authorization", "x-api-key", "cookie", "set-cookie");

    private Redaction() {}

    /** The installed products' secret shapes, looked up on first use. */
    private static final class Installed {
        static final List<SecretShape> SHAPES = ProductModules.installed().secretShapes();
    }

    /** Returns {@code text} with every secret-shaped part replaced by {@link #MASK}. */
    public static String maskSecrets(String text) {
        return maskSecrets(text, Installed.SHAPES);
    }

    /**
     * Returns {@code text} with every secret-shaped part, the kernel's and {@code productShapes},
     * replaced by {@link #MASK}.
     */
    public static String maskSecrets(String text, List<SecretShape> productShapes) {
        if (text.isEmpty()) {
            return text;
        }
        // Each pattern runs only when its marker is present: most text (ids, methods, paths, JSON
        // values) holds none, and scanning it with every pattern was a fifth of the relay's CPU.
        String lower = text.toLowerCase(Locale.ROOT);
        String out = text;
        // Header values first, so "Authorization: Bearer gk_…" becomes one mask, not a mask inside
        // a mask.
        if (containsAny(lower, HEADER_MARKERS)) {
            out = replaceValue(HEADER_VALUE, out);
        }
        if (out.contains(API_KEY_MARKER)) {
            out = API_KEY.matcher(out).replaceAll(MASK);
        }
        for (SecretShape shape : productShapes) {
            if (out.contains(shape.marker())) {
                out = shape.pattern().matcher(out).replaceAll(MASK);
            }
        }
        if (out.contains(JWT_MARKER)) {
            out = JWT.matcher(out).replaceAll(MASK);
        }
        // The masks put in so far contain no marker, so the original text's markers still decide.
        if (containsAny(lower, PAIR_MARKERS)) {
            out = replaceValue(PAIR, out);
        }
        return out;
    }

    private static boolean containsAny(String text, List<String> markers) {
        for (String marker : markers) {
            if (text.contains(marker)) {
                return true;
            }
        }
        return false;
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
