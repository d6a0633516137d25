package dev.gatehouse.gateway.catalog;

import org.jspecify.annotations.Nullable;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a catalog entry's method and path template obey, by hand or imported.
 *
 * <p>{@link #problem} is the one place that says whether a path template is acceptable; the
 * canonical rules of {@code dev.gatehouse.gateway.policy} may replace its body. Until then: at most
 * {@value #MAX_LENGTH} characters; starts with {@code /}; segments separated by single {@code /},
 * none empty (so no {@code //} and no trailing {@code /}, the root {@code /} excepted); no {@code
 * .} or {@code ..} segment; a parameter is a whole segment {@code {name}} with a name of {@code
 * [A-Za-z0-9_.-]}, 1–64 characters; other segments are printable ASCII without {@code %}, {@code
 * \}, {@code ?}, {@code #}, {@code ;}, braces, {@code *} or spaces. Parameter names do not matter
 * for matching: {@code /a/{id}} and {@code /a/{key}} are the same endpoint ({@link #shape}).
 */
public final class PathTemplates {

    /** The longest path template, as the database allows. */
    public static final int MAX_LENGTH = 1024;

    /** The methods the catalog may hold; TRACE and CONNECT are never relayed. */
    public static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z0-9_.-]{1,64}}");
    private static final Pattern LITERAL = Pattern.compile("[!$&'()+,=:@A-Za-z0-9_.~-]+");

    private PathTemplates() {}

    /**
     * Why {@code template} is not an acceptable catalog path template, or null when it is.
     *
     * @return a short sentence for a 400 answer or an import's skipped list
     */
    public static @Nullable String problem(String template) {
        if (template.isEmpty() || template.length() > MAX_LENGTH) {
            return "must be 1 to " + MAX_LENGTH + " characters";
        }
        if (template.charAt(0) != '/') {
            return "must start with /";
        }
        if (template.equals("/")) {
            return null;
        }
        String[] segments = template.substring(1).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return "must not have empty segments (// or a trailing /)";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "must not have . or .. segments";
            }
            if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
                if (!PARAMETER.matcher(segment).matches()) {
                    return "a parameter must be a whole segment {name} (letters, digits, _ . -)";
                }
            } else if (segment.indexOf('%') >= 0) {
                return "must not contain percent-encoding";
            } else if (!LITERAL.matcher(segment).matches()) {
                return "segments may hold only letters, digits and -._~!$&'()+,=:@";
            }
        }
        return null;
    }

    /** Why {@code method} is not a catalog method, or null when it is (upper case, as sent). */
    public static @Nullable String methodProblem(String method) {
        return METHODS.contains(method) ? null : "must be one of " + String.join(", ", sorted());
    }

    /**
     * The template with every parameter replaced by {@code {}}: two templates with the same shape
     * match the same requests.
     */
    public static String shape(String template) {
        return PARAMETER.matcher(template).replaceAll("{}");
    }

    /**
     * An imported path in catalog form: surrounding blanks removed and one trailing {@code /}
     * dropped; everything else is left for {@link #problem} to judge (nothing is silently
     * repaired).
     */
    static String normalizeImported(String path) {
        String p = path.strip();
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static java.util.List<String> sorted() {
        return METHODS.stream().sorted().toList();
    }
}
