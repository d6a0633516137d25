package dev.gatehouse.erpsync.portal;

import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.erpsync.step.StepCancellation;
import dev.gatehouse.kernel.web.RestrictedAddresses;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * One company's portal account for one step. Reads are retried on 429, 5xx, timeouts and broken
 * connections (three attempts, 1.5 s and 3 s apart); writes never are, since a write that got no
 * answer may have been kept ({@link PortalAnswer.Unanswered}). Every timeout writes {@code
 * [TIMEOUT] step=… tenant=… url=… durationMs=… err=…} to the caller's log. Responses are read up to
 * {@link #MAX_RESPONSE} bytes. The credentials travel only as headers to the company's portal URL;
 * a file download ({@link #download}) goes to a signed URL without them.
 *
 * <p>Calls run on the JDK client's executor and are registered with the step's {@link
 * StepCancellation}, so a cancelled step aborts its exchange. Thread-safe (its fields are final and
 * the JDK client is thread-safe): the items a step sends at once share it.
 */
public final class PortalClient {

    /** The portal's page size: it never returns more than 200 items per page. */
    public static final int PAGE_SIZE = 200;

    /** Pages read at most per listing (10,000 items). */
    public static final int MAX_PAGES = 50;

    /** The largest response body read. */
    public static final int MAX_RESPONSE = 16 << 20;

    static final int READ_ATTEMPTS = 3;
    static final Duration RETRY_STEP = Duration.ofMillis(1500);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String base;
    private final String tenantId;
    private final String key;
    private final String secret;
    private final Duration timeout;
    private final String company;
    private final String step;
    private final Logger log;
    private final StepCancellation cancellation;
    private final Duration retryStep;
    private final boolean allowPrivate;
    private final boolean dryRun;

    PortalClient(
            HttpClient http,
            Company company,
            CompanySecrets secrets,
            Duration timeout,
            String step,
            Logger log,
            StepCancellation cancellation,
            Duration retryStep,
            boolean allowPrivate,
            boolean dryRun) {
        this.dryRun = dryRun;
        this.http = http;
        this.base = company.config().portal().url();
        this.tenantId = company.config().portal().tenantId();
        this.key = Objects.requireNonNull(secrets.portalKey(), "portal key");
        this.secret = Objects.requireNonNull(secrets.portalSecret(), "portal secret");
        this.timeout = timeout;
        this.company = company.publicId();
        this.step = step;
        this.log = log;
        this.cancellation = cancellation;
        this.retryStep = retryStep;
        this.allowPrivate = allowPrivate;
    }

    /** The code of the answer every write gets while {@code SYNC_DRY_RUN} is on. */
    public static final String DRY_RUN = "DRY_RUN";

    /** {@code /api/1.0/extern/tenants/{tenant}} followed by {@code rest}. */
    public String extern(String rest) {
        return "/api/1.0/extern/tenants/" + tenantId + rest;
    }

    /** {@code /api/1.0/batch/tenants/{tenant}} followed by {@code rest}. */
    public String batch(String rest) {
        return "/api/1.0/batch/tenants/" + tenantId + rest;
    }

    /** GET {@code path} with {@code query}; retried; throws {@link PortalUnavailable}. */
    public JsonNode read(String path, Map<String, String> query) {
        URI uri = uri(path, query);
        String last = "";
        for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                pause(retryStep.multipliedBy(attempt - 1));
            }
            Exchange x = exchange(request(uri).GET().build());
            if (x.status() >= 200 && x.status() < 300) {
                return parse(x.body(), uri);
            }
            last = x.failure() != null ? x.failure() : "HTTP " + x.status();
            if (x.status() != 0 && !retryable(x.status())) {
                break;
            }
        }
        throw new PortalUnavailable("GET " + shown(uri) + " failed: " + last);
    }

    /**
     * Every item of a listing, page by page ({@code offset}, {@code pageSize=200}), until a page is
     * short or empty, {@code total} is reached, a page brings nothing new, or {@link #MAX_PAGES};
     * items are deduplicated by {@code identity}.
     */
    public List<JsonNode> readAll(
            String path, Map<String, String> query, Function<JsonNode, String> identity) {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put("offset", Integer.toString(page * PAGE_SIZE));
            q.put("pageSize", Integer.toString(PAGE_SIZE));
            JsonNode answer = read(path, q);
            JsonNode list = answer.path("items");
            int before = items.size();
            list.forEach(item -> items.putIfAbsent(identity.apply(item), item));
            boolean done =
                    list.size() < PAGE_SIZE
                            || items.size() == before
                            || (answer.has("total") && items.size() >= answer.get("total").asInt());
            if (done) {
                break;
            }
        }
        return List.copyOf(items.values());
    }

    /** POST {@code body} to {@code path}; never retried. */
    public PortalAnswer post(String path, JsonNode body) {
        return write("POST", path, body);
    }

    /** PUT {@code body} to {@code path}; never retried. */
    public PortalAnswer put(String path, JsonNode body) {
        return write("PUT", path, body);
    }

    /**
     * GET a signed file URL the portal handed out, without the portal's credentials, up to {@code
     * maxBytes}.
     */
    public byte[] download(URI signedUrl, int maxBytes) {
        if (!"https".equals(signedUrl.getScheme()) && !"http".equals(signedUrl.getScheme())) {
            throw new PortalUnavailable("a file URL must be http(s)");
        }
        if (!allowPrivate && restricted(signedUrl.getHost())) {
            throw new PortalUnavailable(
                    "the portal's file URL points at a private address"
                            + " (SYNC_ALLOW_PRIVATE_PORTAL)");
        }
        HttpRequest r = HttpRequest.newBuilder(signedUrl).timeout(timeout).GET().build();
        Exchange x = send(r, maxBytes);
        if (x.status() < 200 || x.status() >= 300) {
            throw new PortalUnavailable(
                    "file download failed: "
                            + (x.failure() != null ? x.failure() : "HTTP " + x.status()));
        }
        return x.body();
    }

    private PortalAnswer write(String method, String path, JsonNode body) {
        URI uri = uri(path, Map.of());
        if (dryRun) {
            log.info(
                    "[DRY-RUN] step={} tenant={} {} {} not sent: {}",
                    step,
                    company,
                    method,
                    uri.getRawPath(),
                    body);
            return new PortalAnswer.Refused(0, DRY_RUN, "SYNC_DRY_RUN is on: nothing is sent");
        }
        HttpRequest r =
                request(uri)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                HttpRequest.BodyPublishers.ofByteArray(
                                        JSON.writeValueAsBytes(body)))
                        .build();
        Exchange x = exchange(r);
        if (x.status() == 0) {
            return new PortalAnswer.Unanswered(
                    Objects.requireNonNullElse(x.failure(), "no answer"));
        }
        if (x.status() >= 200 && x.status() < 300) {
            return new PortalAnswer.Stored(x.status(), parseOrEmpty(x.body()));
        }
        if (retryable(x.status())) {
            return new PortalAnswer.Unanswered("HTTP " + x.status());
        }
        JsonNode error = parseOrEmpty(x.body());
        return new PortalAnswer.Refused(
                x.status(),
                error.path("code").asString(Integer.toString(x.status())),
                limit(error.path("description").asString(error.path("message").asString(""))));
    }

    private record Exchange(int status, byte[] body, @Nullable String failure) {}

    private Exchange exchange(HttpRequest r) {
        return send(r, MAX_RESPONSE);
    }

    private Exchange send(HttpRequest r, int maxBytes) {
        cancellation.check();
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response =
                    cancellation
                            .track(http.sendAsync(r, HttpResponse.BodyHandlers.ofInputStream()))
                            .get();
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(maxBytes + 1);
                if (body.length > maxBytes) {
                    return new Exchange(
                            0, new byte[0], "response larger than " + maxBytes + " bytes");
                }
                return new Exchange(response.statusCode(), body, null);
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                timedOut(r.uri(), started, cause);
                return new Exchange(0, new byte[0], "timeout after " + timeout.toMillis() + " ms");
            }
            return new Exchange(0, new byte[0], cause.getClass().getSimpleName());
        } catch (HttpTimeoutException e) {
            timedOut(r.uri(), started, e);
            return new Exchange(0, new byte[0], "timeout after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Exchange(0, new byte[0], e.getClass().getSimpleName());
        } catch (CancellationException e) {
            throw new StepCancellation.Cancelled();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepCancellation.Cancelled();
        }
    }

    private void timedOut(URI uri, long started, Throwable e) {
        log.warn(
                "[TIMEOUT] step={} tenant={} url={} durationMs={} err={}",
                step,
                company,
                shown(uri),
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                e.getClass().getSimpleName() + ": request timed out");
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("PDPTenantKey", key)
                .header("PDPTenantSecret", secret);
    }

    private URI uri(String path, Map<String, String> query) {
        StringBuilder s = new StringBuilder(base).append(path);
        String sep = "?";
        for (Map.Entry<String, String> e : query.entrySet()) {
            s.append(sep)
                    .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return URI.create(s.toString());
    }

    /** The URL as logged: the portal's own, with the query (which carries no credential). */
    private static String shown(URI uri) {
        return uri.getRawQuery() == null
                ? uri.getRawPath()
                : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static JsonNode parse(byte[] body, URI uri) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new PortalUnavailable(
                    "GET " + shown(uri) + " answered something other than JSON");
        }
    }

    private static JsonNode parseOrEmpty(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    /** A file host that is restricted, or does not resolve, is not downloaded from. */
    private static boolean restricted(@Nullable String host) {
        try {
            return host == null || RestrictedAddresses.resolvesToRestricted(host);
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }

    private static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepCancellation.Cancelled();
        }
        cancellation.check();
    }

    private static String limit(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }
}
