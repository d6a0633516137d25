package dev.gatehouse.portal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.google.common.net.InetAddresses;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.domains.Hostnames;
import dev.gatehouse.domains.Target;

/**
 * The application form as typed (lists one entry per line, or separated by spaces or commas), and
 * its validation. The rules are the API's ({@code ApplicationRequests} in {@code domains.web}, which
 * the portal cannot reach): name 1–200 characters; a target with a CNAME hostname and/or IPv4/IPv6
 * addresses (at most 16 per family); origin an absolute http(s) URL without credentials, at most 2048
 * characters; at most 32 allowed origins, each exactly {@code scheme://host[:port]}; a webhook URL
 * as {@link #webhookProblem} says.
 *
 * @param errors field name → message key, in form order; empty when the form is valid or untouched
 */
public record DomainApplicationForm(String name, String cname, String ipv4, String ipv6, String origin,
        String allowedOrigins, String webhookUrl, String status, Map<String, String> errors) {

    static final int MAX_NAME = 200;
    static final int MAX_ADDRESSES = 16;
    static final int MAX_ALLOWED_ORIGINS = 32;
    static final int MAX_URL = 2048;

    public DomainApplicationForm {
        errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** An empty form for a new application. */
    static DomainApplicationForm blank() {
        return new DomainApplicationForm("", "", "", "", "", "", "", "active", Map.of());
    }

    /** The form filled with {@code app}'s settings. */
    static DomainApplicationForm of(Application app) {
        Target t = app.target();
        return new DomainApplicationForm(app.name(), t.cname() == null ? "" : t.cname(), String.join("\n", t.ipv4()),
                String.join("\n", t.ipv6()), app.origin(), String.join("\n", app.allowedOrigins()),
                app.webhookUrl() == null ? "" : app.webhookUrl(), app.status().wire(), Map.of());
    }

    /** The message key of {@code field}'s problem, or null. */
    public @Nullable String error(String field) {
        return errors.get(field);
    }

    /** The outcome of {@link #validate}. */
    sealed interface Checked permits Valid, Invalid { }

    record Valid(Applications.Fields fields) implements Checked { }

    /** @param form this form with its {@link #errors} filled in */
    record Invalid(DomainApplicationForm form) implements Checked { }

    /** Checks every field at once; {@code allowPrivateWebhooks} lets http webhook URLs through (development). */
    Checked validate(boolean allowPrivateWebhooks) {
        Map<String, String> problems = new LinkedHashMap<>();
        String n = name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            problems.put("name", "domains.form.error.name");
        }
        String host = null;
        if (!cname.isBlank()) {
            host = Hostnames.quickNormalise(cname);
            if (host == null) {
                problems.put("cname", "domains.form.error.cname");
            }
        }
        List<String> v4 = addresses(ipv4, true, "ipv4", problems);
        List<String> v6 = addresses(ipv6, false, "ipv6", problems);
        if (cname.isBlank() && v4.isEmpty() && v6.isEmpty() && !problems.containsKey("ipv4")
                && !problems.containsKey("ipv6")) {
            problems.put("cname", "domains.form.error.target");
        }
        if (!url(origin)) {
            problems.put("origin", "domains.form.error.origin");
        }
        List<String> origins = origins(allowedOrigins, problems);
        String hook = webhookUrl.strip();
        String hookProblem = hook.isEmpty() ? null : webhookProblem(hook, allowPrivateWebhooks);
        if (hookProblem != null) {
            problems.put("webhookUrl", hookProblem);
        }
        Application.Status st = Application.Status.fromWire(status).orElse(null);
        if (st == null) {
            problems.put("status", "domains.form.error.status");
        }
        if (!problems.isEmpty() || st == null) {
            return new Invalid(new DomainApplicationForm(name, cname, ipv4, ipv6, origin, allowedOrigins, webhookUrl,
                    status, problems));
        }
        return new Valid(new Applications.Fields(n, new Target(host, v4, v6), origin.strip(), origins,
                hook.isEmpty() ? null : hook, st));
    }

    private static List<String> entries(String raw) {
        return Arrays.stream(raw.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> addresses(String raw, boolean v4, String field, Map<String, String> problems) {
        List<String> out = new ArrayList<>();
        List<String> all = entries(raw);
        if (all.size() > MAX_ADDRESSES) {
            problems.put(field, "domains.form.error.tooManyAddresses");
            return List.of();
        }
        for (String s : all) {
            if (!InetAddresses.isInetAddress(s) || s.contains(":") == v4) {
                problems.put(field, "domains.form.error." + field);
                return List.of();
            }
            String canonical = InetAddresses.toAddrString(InetAddresses.forString(s));
            if (!out.contains(canonical)) {
                out.add(canonical);
            }
        }
        return out;
    }

    private static List<String> origins(String raw, Map<String, String> problems) {
        List<String> all = entries(raw);
        if (all.size() > MAX_ALLOWED_ORIGINS) {
            problems.put("allowedOrigins", "domains.form.error.tooManyOrigins");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : all) {
            String o = exactOrigin(s);
            if (o == null) {
                problems.put("allowedOrigins", "domains.form.error.allowedOrigins");
                return List.of();
            }
            if (!out.contains(o)) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * The message key of what is wrong with a webhook URL, or null. The API's rule, short of its
     * full address list: https (http too when private targets are allowed), no credentials or
     * fragment, and in production no {@code localhost} name or non-public literal address. The
     * dispatcher checks the resolved addresses again at send time.
     */
    static @Nullable String webhookProblem(String hook, boolean allowPrivate) {
        if (!url(hook) || hook.contains("#")) {
            return "domains.form.error.webhookUrl";
        }
        if (allowPrivate) {
            return null;
        }
        URI u = URI.create(hook);
        if (!"https".equalsIgnoreCase(u.getScheme())) {
            return "domains.form.error.webhookHttps";
        }
        String host = u.getHost().toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean restricted = bare.equals("localhost") || bare.endsWith(".localhost");
        if (InetAddresses.isInetAddress(bare)) {
            java.net.InetAddress a = InetAddresses.forString(bare);
            restricted = a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress()
                    || a.isSiteLocalAddress() || a.isMulticastAddress()
                    || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc);
        }
        return restricted ? "domains.form.error.webhookPrivate" : null;
    }

    /** An absolute http(s) URL with a host and no credentials, at most {@link #MAX_URL} characters. */
    static boolean url(String raw) {
        String s = raw.strip();
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return s.length() <= MAX_URL && (scheme.equals("https") || scheme.equals("http")) && u.getHost() != null
                    && u.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The exact origin {@code scheme://host[:port]} (default ports dropped), or null. */
    static @Nullable String exactOrigin(String s) {
        try {
            URI u = new URI(s);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null || u.getRawUserInfo() != null
                    || (u.getRawPath() != null && !u.getRawPath().isEmpty()) || u.getRawQuery() != null
                    || u.getRawFragment() != null) {
                return null;
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                    || (scheme.equals("http") && port == 80);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
