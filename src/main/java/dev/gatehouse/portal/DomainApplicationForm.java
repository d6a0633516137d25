package dev.gatehouse.portal;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.ApplicationRules;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.domains.Hostnames;
import dev.gatehouse.domains.Target;
import dev.gatehouse.domains.webhooks.WebhookTargets;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application form as typed (lists one entry per line, or separated by spaces or commas), and
 * its validation with the API's rules ({@link ApplicationRules}, and {@link WebhookTargets} for the
 * webhook URL), worded as message keys.
 *
 * @param errors field name → message key, in form order; empty when the form is valid or untouched
 */
public record DomainApplicationForm(
        String name,
        String cname,
        String ipv4,
        String ipv6,
        String origin,
        String allowedOrigins,
        String webhookUrl,
        String status,
        Map<String, String> errors) {

    static final int MAX_ADDRESSES = ApplicationRules.MAX_ADDRESSES;
    static final int MAX_ALLOWED_ORIGINS = ApplicationRules.MAX_ALLOWED_ORIGINS;

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
        return new DomainApplicationForm(
                app.name(),
                t.cname() == null ? "" : t.cname(),
                String.join("\n", t.ipv4()),
                String.join("\n", t.ipv6()),
                app.origin(),
                String.join("\n", app.allowedOrigins()),
                app.webhookUrl() == null ? "" : app.webhookUrl(),
                app.status().wire(),
                Map.of());
    }

    /** The message key of {@code field}'s problem, or null. */
    public @Nullable String error(String field) {
        return errors.get(field);
    }

    /** The outcome of {@link #validate}. */
    sealed interface Checked permits Valid, Invalid {}

    record Valid(Applications.Fields fields) implements Checked {}

    /**
     * @param form this form with its {@link #errors} filled in
     */
    record Invalid(DomainApplicationForm form) implements Checked {}

    /**
     * Checks every field at once; {@code allowPrivateWebhooks} lets http webhook URLs through
     * (development).
     */
    Checked validate(boolean allowPrivateWebhooks) {
        Map<String, String> problems = new LinkedHashMap<>();
        String n = ApplicationRules.name(name);
        if (n == null) {
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
        if (cname.isBlank()
                && v4.isEmpty()
                && v6.isEmpty()
                && !problems.containsKey("ipv4")
                && !problems.containsKey("ipv6")) {
            problems.put("cname", "domains.form.error.target");
        }
        if (!ApplicationRules.httpUrl(origin)) {
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
        if (!problems.isEmpty() || st == null || n == null) {
            return new Invalid(
                    new DomainApplicationForm(
                            name,
                            cname,
                            ipv4,
                            ipv6,
                            origin,
                            allowedOrigins,
                            webhookUrl,
                            status,
                            problems));
        }
        return new Valid(
                new Applications.Fields(
                        n,
                        new Target(host, v4, v6),
                        origin.strip(),
                        origins,
                        hook.isEmpty() ? null : hook,
                        st));
    }

    private static List<String> entries(String raw) {
        return Arrays.stream(raw.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> addresses(
            String raw, boolean v4, String field, Map<String, String> problems) {
        List<String> out = new ArrayList<>();
        List<String> all = entries(raw);
        if (all.size() > MAX_ADDRESSES) {
            problems.put(field, "domains.form.error.tooManyAddresses");
            return List.of();
        }
        for (String s : all) {
            String canonical = ApplicationRules.address(s, v4);
            if (canonical == null) {
                problems.put(field, "domains.form.error." + field);
                return List.of();
            }
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
            String o = ApplicationRules.origin(s);
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
     * The message key of what is wrong with a webhook URL, or null. {@link WebhookTargets} decides;
     * this only picks the words: not a URL, not https, or not a public address.
     */
    static @Nullable String webhookProblem(String hook, boolean allowPrivate) {
        if (WebhookTargets.problem(hook, allowPrivate).isEmpty()) {
            return null;
        }
        if (!ApplicationRules.httpUrl(hook) || hook.contains("#")) {
            return "domains.form.error.webhookUrl";
        }
        return "https".equalsIgnoreCase(URI.create(hook.strip()).getScheme())
                ? "domains.form.error.webhookPrivate"
                : "domains.form.error.webhookHttps";
    }
}
