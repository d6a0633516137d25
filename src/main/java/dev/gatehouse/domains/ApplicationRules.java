package dev.gatehouse.domains;

import com.google.common.net.InetAddresses;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The field rules of an application, shared by the API and the portal so both accept exactly the
 * same settings. Pure; each surface words its own messages. Webhook URLs follow {@code
 * domains.webhooks.WebhookTargets}.
 */
public final class ApplicationRules {

    public static final int MAX_NAME = 200;
    public static final int MAX_ADDRESSES = 16;
    public static final int MAX_ALLOWED_ORIGINS = 32;
    public static final int MAX_URL = 2048;

    private ApplicationRules() {}

    /** The name, trimmed, or null when it is empty or longer than {@link #MAX_NAME}. */
    public static @Nullable String name(String raw) {
        String n = raw.strip();
        return n.isEmpty() || n.length() > MAX_NAME ? null : n;
    }

    /** The canonical text of an IPv4 ({@code v4}) or IPv6 address, or null when it is not one. */
    public static @Nullable String address(String raw, boolean v4) {
        String s = raw.strip();
        if (!InetAddresses.isInetAddress(s) || s.contains(":") == v4) {
            return null;
        }
        return InetAddresses.toAddrString(InetAddresses.forString(s));
    }

    /**
     * True for an absolute http(s) URL with a host and no credentials, at most {@link #MAX_URL}
     * characters.
     */
    public static boolean httpUrl(String raw) {
        String s = raw.strip();
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return s.length() <= MAX_URL
                    && (scheme.equals("https") || scheme.equals("http"))
                    && u.getHost() != null
                    && u.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The exact web origin {@code scheme://host[:port]} (default ports dropped, lower-cased), or
     * null.
     */
    public static @Nullable String origin(String raw) {
        try {
            URI u = new URI(raw.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http"))
                    || u.getHost() == null
                    || u.getRawUserInfo() != null
                    || (u.getRawPath() != null && !u.getRawPath().isEmpty())
                    || u.getRawQuery() != null
                    || u.getRawFragment() != null) {
                return null;
            }
            int port = u.getPort();
            boolean defaultPort =
                    port == -1
                            || (scheme.equals("https") && port == 443)
                            || (scheme.equals("http") && port == 80);
            return scheme
                    + "://"
                    + u.getHost().toLowerCase(Locale.ROOT)
                    + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
