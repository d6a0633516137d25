package dev.gatehouse.kernel.web;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The address people and clients reach Gatehouse at ({@code PUBLIC_URL}): the base of every
 * redirect the public listener sends, and the one origin the portal accepts state-changing requests
 * from. Never derived from a request's {@code Host} or {@code X-Forwarded-Host}, which the client
 * chooses. Immutable and thread-safe.
 */
public final class PublicUrl {

    private final String base;
    private final String origin;

    /**
     * @param url an absolute {@code http} or {@code https} URL with a host, optionally a path
     *     prefix, without query, fragment or user info
     * @throws IllegalArgumentException when {@code url} is not such a URL
     */
    public PublicUrl(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))
                || url.getHost() == null
                || url.getRawQuery() != null
                || url.getRawFragment() != null
                || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "public URL must be an absolute http or https URL without query, fragment or"
                            + " user info, was '"
                            + url
                            + "'");
        }
        this.origin = origin(scheme, url.getHost(), url.getPort());
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        this.base = origin + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /** {@code scheme://host[:port]}, lower-case, the default port left out, as browsers send it. */
    public String origin() {
        return origin;
    }

    /**
     * The absolute URL a redirect to {@code location} names: a path ({@code /portal/home}) is put
     * under the public URL; a relative reference is first resolved against {@code requestPath}; an
     * absolute or scheme-relative URL is returned as it is (the code that chose it answers for it).
     */
    public String absolute(String location, String requestPath) {
        if (location.startsWith("//") || hasScheme(location)) {
            return location;
        }
        if (location.startsWith("/")) {
            return base + location;
        }
        try {
            return base + URI.create(requestPath).resolve(location);
        } catch (IllegalArgumentException e) {
            return base + "/";
        }
    }

    /**
     * True when {@code header}, the value of an {@code Origin} header, names exactly this origin
     * (scheme, host and port; {@code null} and malformed values never do).
     */
    public boolean isOrigin(@Nullable String header) {
        if (header == null) {
            return false;
        }
        try {
            URI uri = new URI(header.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawUserInfo() == null
                    && origin.equals(origin(scheme, uri.getHost(), uri.getPort()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return base;
    }

    private static String origin(String scheme, String host, int port) {
        boolean defaultPort =
                port == -1
                        || (scheme.equals("http") && port == 80)
                        || (scheme.equals("https") && port == 443);
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static boolean hasScheme(String location) {
        int colon = location.indexOf(':');
        int slash = location.indexOf('/');
        return colon > 0
                && (slash < 0 || colon < slash)
                && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    }
}
