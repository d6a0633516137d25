package dev.gatehouse.portal;

import dev.gatehouse.kernel.web.ApiProblem;

import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DNS credential form as typed, without its secrets: the TSIG key and the API token are passed
 * to {@link #config} once and never kept, so a form shown again after an error cannot echo them.
 * The rules are the API's ({@code CredentialRequests} in {@code domains.dns}); this only turns the
 * form into the API's {@code config} object and the API's field messages into the reader's
 * language.
 *
 * @param errors form field name (or {@code "form"} for a problem of no one field) → message in the
 *     reader's language, in the API's order; empty when the form is untouched
 */
public record DomainCredentialForm(
        String name,
        String provider,
        String server,
        String port,
        String zone,
        String tsigKeyName,
        String tsigAlgorithm,
        String zoneId,
        Map<String, String> errors) {

    /** The TSIG algorithms the API accepts, the first its default. */
    public static final List<String> ALGORITHMS =
            List.of("hmac-sha256", "hmac-sha384", "hmac-sha512");

    /** The API's field names → the form's. */
    static final Map<String, String> FIELDS =
            Map.ofEntries(
                    Map.entry("name", "name"),
                    Map.entry("provider", "provider"),
                    Map.entry("config.server", "server"),
                    Map.entry("config.port", "port"),
                    Map.entry("config.zone", "zone"),
                    Map.entry("config.tsig_key_name", "tsigKeyName"),
                    Map.entry("config.tsig_algorithm", "tsigAlgorithm"),
                    Map.entry("config.tsig_secret", "tsigSecret"),
                    Map.entry("config.api_token", "apiToken"),
                    Map.entry("config.zone_id", "zoneId"));

    /**
     * The API answers in English sentences; these are their message keys under {@code
     * domains.credentials.error.}. An unknown sentence is shown as it is, inside a general message.
     */
    static final Map<String, String> REASONS =
            Map.ofEntries(
                    Map.entry("is required", "required"),
                    Map.entry("must be 1 to 200 characters", "name"),
                    Map.entry("must be rfc2136 or cloudflare", "provider"),
                    Map.entry("must be a hostname or an IP address", "server"),
                    Map.entry(
                            "must not be a loopback, private or link-local address in production",
                            "serverPrivate"),
                    Map.entry("must be a whole number between 1 and 65535", "port"),
                    Map.entry("must be a domain name such as example.com", "zone"),
                    Map.entry("must be a DNS name such as gatehouse-key", "tsigKeyName"),
                    Map.entry("must be hmac-sha256, hmac-sha384 or hmac-sha512", "tsigAlgorithm"),
                    Map.entry("must be base64 of a 16 to 512 byte key", "tsigSecret"),
                    Map.entry("must be printable ASCII without spaces", "apiToken"),
                    Map.entry("must be the zone's 32-character hexadecimal id", "zoneId"));

    private static final Pattern LENGTH = Pattern.compile("must be text of 1 to (\\d+) characters");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    public DomainCredentialForm {
        errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** An empty form, RFC 2136 chosen with the default algorithm. */
    static DomainCredentialForm blank() {
        return new DomainCredentialForm(
                "", "rfc2136", "", "", "", "", ALGORITHMS.getFirst(), "", Map.of());
    }

    /** The message for {@code field}, in the reader's language, or null. */
    public @Nullable String error(String field) {
        return errors.get(field);
    }

    /**
     * The API's {@code config} for the chosen provider: only that provider's fields, blank ones
     * left out (so they are reported as required, or take the API's default: port 53). A port that
     * is a number goes as a number, anything else as typed, for the API to refuse.
     */
    Map<String, Object> config(String tsigSecret, String apiToken) {
        Map<String, Object> c = new LinkedHashMap<>();
        switch (provider.strip()) {
            case "rfc2136" -> {
                put(c, "server", server);
                String p = port.strip();
                if (!p.isEmpty()) {
                    c.put("port", NUMBER.matcher(p).matches() ? (Object) Integer.valueOf(p) : p);
                }
                put(c, "zone", zone);
                put(c, "tsig_key_name", tsigKeyName);
                put(c, "tsig_algorithm", tsigAlgorithm);
                put(c, "tsig_secret", tsigSecret);
            }
            case "cloudflare" -> {
                put(c, "api_token", apiToken);
                put(c, "zone_id", zoneId);
            }
            default -> {}
        }
        return c;
    }

    /** This form with the API's {@code problems} next to their fields, in the reader's language. */
    DomainCredentialForm rejected(List<ApiProblem.FieldMessage> problems, Msg msg) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ApiProblem.FieldMessage p : problems) {
            out.putIfAbsent(FIELDS.getOrDefault(p.field(), "form"), message(msg, p.message()));
        }
        return new DomainCredentialForm(
                name, provider, server, port, zone, tsigKeyName, tsigAlgorithm, zoneId, out);
    }

    /** One of the API's sentences in the reader's language. */
    static String message(Msg msg, String sentence) {
        String key = REASONS.get(sentence);
        if (key != null) {
            return msg.text("domains.credentials.error." + key);
        }
        Matcher m = LENGTH.matcher(sentence);
        return m.matches()
                ? msg.text("domains.credentials.error.length", Integer.parseInt(m.group(1)))
                : msg.text("domains.credentials.error.other", sentence);
    }

    private static void put(Map<String, Object> c, String field, String value) {
        if (!value.isBlank()) {
            c.put(field, value);
        }
    }
}
