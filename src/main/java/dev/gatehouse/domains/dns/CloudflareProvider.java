package dev.gatehouse.domains.dns;

import dev.gatehouse.domains.DnsRecord;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DnsProvider} through Cloudflare's API v4 with a bearer API token. Per record set it lists
 * {@code GET /zones/{zone}/dns_records?type=&name=}, keeps records whose content already matches,
 * rewrites the others with {@code PUT}, adds what is missing with {@code POST} and deletes what is
 * left; a CNAME set first deletes A/AAAA at its name and an address set deletes a CNAME. Every
 * answer must be 2xx with Cloudflare's envelope {@code success: true}.
 *
 * <p>Redirects are never followed and each request has a timeout; a failure names the step, the
 * HTTP status and Cloudflare's error codes, never the token or the raw body.
 */
final class CloudflareProvider implements DnsProvider {

    static final int TTL_AUTOMATIC = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final ProviderConfig.Cloudflare config;
    private final String token;
    private final Duration timeout;

    CloudflareProvider(
            HttpClient http, ProviderConfig.Cloudflare config, String token, Duration timeout) {
        this.http = http;
        this.config = config;
        this.token = token;
        this.timeout = timeout;
    }

    @Override
    public Result apply(List<DnsRecord> records) {
        try {
            for (RecordSets.RecordSet set : RecordSets.plan(records, n -> false)) {
                for (DnsRecord.Type conflicting : RecordSets.conflicting(set.type())) {
                    for (JsonNode old : list(conflicting, set.name())) {
                        call("DELETE", "/" + old.get("id").asString(), null);
                    }
                }
                replace(set);
            }
            return new Written();
        } catch (Refused r) {
            return new Failed(String.valueOf(r.getMessage()));
        }
    }

    private void replace(RecordSets.RecordSet set) {
        List<String> missing = new ArrayList<>(set.values());
        List<JsonNode> spare = new ArrayList<>();
        for (JsonNode old : list(set.type(), set.name())) {
            String content =
                    CloudflareContent.normalise(set.type(), old.path("content").asString(""));
            boolean kept =
                    missing.removeIf(
                            v -> CloudflareContent.normalise(set.type(), v).equals(content));
            if (!kept) {
                spare.add(old);
            }
        }
        for (String value : missing) {
            String body = body(set.type(), set.name(), value);
            if (spare.isEmpty()) {
                call("POST", "", body);
            } else {
                call("PUT", "/" + spare.removeFirst().get("id").asString(), body);
            }
        }
        for (JsonNode old : spare) {
            call("DELETE", "/" + old.get("id").asString(), null);
        }
    }

    private List<JsonNode> list(DnsRecord.Type type, String name) {
        JsonNode result =
                call(
                        "GET",
                        "?type="
                                + type.name()
                                + "&name="
                                + URLEncoder.encode(name, StandardCharsets.UTF_8)
                                + "&per_page=100",
                        null);
        if (!result.isArray()) {
            throw new Refused("listing " + type + " records: result is not a list");
        }
        List<JsonNode> out = new ArrayList<>();
        result.forEach(
                r -> {
                    if (r.path("id").isString()
                            && r.path("type").asString("").equals(type.name())) {
                        out.add(r);
                    }
                });
        return out;
    }

    private static String body(DnsRecord.Type type, String name, String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.name());
        m.put("name", name);
        m.put("content", CloudflareContent.forWrite(type, value));
        m.put("ttl", TTL_AUTOMATIC);
        if (type != DnsRecord.Type.TXT) {
            m.put("proxied", false);
        }
        return JSON.writeValueAsString(m);
    }

    /** One API call; returns the envelope's {@code result} or throws {@link Refused}. */
    private JsonNode call(String method, String suffix, @Nullable String body) {
        String step = method + " dns_records";
        HttpRequest.Builder b =
                HttpRequest.newBuilder(
                                URI.create(
                                        config.baseUrl()
                                                + "/zones/"
                                                + config.zoneId()
                                                + "/dns_records"
                                                + suffix))
                        .timeout(timeout)
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Refused(
                    step + ": Cloudflare unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(step + ": interrupted");
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new Refused(
                    step + ": HTTP " + response.statusCode() + " without a JSON envelope");
        }
        boolean ok = response.statusCode() / 100 == 2 && envelope.path("success").asBoolean(false);
        if (!ok) {
            List<String> codes = new ArrayList<>();
            envelope.path("errors").forEach(e -> codes.add(e.path("code").asString("?")));
            throw new Refused(
                    step + ": HTTP " + response.statusCode() + ", Cloudflare error codes " + codes);
        }
        return envelope.path("result");
    }

    /** A refused or failed call, carrying a loggable reason. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
