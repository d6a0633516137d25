package dev.gatehouse.gateway.events;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the audit event of one token attempt or one relay request. Not thread-safe: one builder
 * per request.
 *
 * <p>Design: the event carries {@code ref}, the principal chain (account, actor, credential set,
 * token ids), the decision path (each check in the spec's order with pass or fail and the true
 * reason), the matched endpoint and rule, the granting policy as it was, client IP, method, path,
 * the query with secret-named values masked, upstream status and latency, response status, and
 * request and response previews ({@link Previews}). No method takes a header: raw {@code
 * Authorization}, bearer tokens, Basic credentials and {@code x-api-key} values have no way in.
 * Detail keys are chosen so that the kernel's own redaction (which masks any field named like
 * {@code token} or {@code credential}) keeps the ids readable: the principal chain is a list of
 * {@code {kind, id}} objects. The audit explorer shows the details as the event's decision path.
 *
 * <p>Actions: {@value #TOKEN_ISSUED}, {@value #TOKEN_REFUSED}, {@value #RELAY_ALLOWED}, {@value
 * #RELAY_DENIED}. The actor is the credential set when known, else {@code system:gateway}.
 */
public final class GatewayEvent {

    public static final String TOKEN_ISSUED = "gateway.token.issued";
    public static final String TOKEN_REFUSED = "gateway.token.refused";
    public static final String RELAY_ALLOWED = "gateway.relay.allowed";
    public static final String RELAY_DENIED = "gateway.relay.denied";

    /** The checks of a token exchange and of a relay, named as the decision path shows them. */
    public enum Check {
        THROTTLE("throttle"),
        CLIENT("client"),
        PASSWORD("password"),
        API_KEY("api_key"),
        KILL_SWITCH("kill_switch"),
        TOKEN("token"),
        CREDENTIAL_STATE("credential_state"),
        PATH("path"),
        CATALOG("catalog"),
        POLICY("policy"),
        SCHEDULE("schedule"),
        RATE_LIMIT("rate_limit"),
        RELAY("relay");

        private final String wire;

        Check(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private enum Kind {
        TOKEN,
        RELAY
    }

    private final Kind kind;
    private final TenantId tenant;
    private final List<Map<String, Object>> path = new ArrayList<>();
    private final List<Map<String, String>> principal = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private @Nullable String ref;
    private @Nullable String ip;
    private @Nullable String credentialId;
    private @Nullable String clientId;
    private @Nullable String endpointId;
    private @Nullable String tokenId;

    private GatewayEvent(Kind kind, TenantId tenant) {
        this.kind = kind;
        this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    /** The event of a {@code POST /gateway/v1/token} attempt. */
    public static GatewayEvent tokenExchange(TenantId tenant) {
        return new GatewayEvent(Kind.TOKEN, tenant);
    }

    /** The event of an {@code /gateway/v1/erp/…} request. */
    public static GatewayEvent relay(TenantId tenant) {
        return new GatewayEvent(Kind.RELAY, tenant);
    }

    /** The correlation id; when never set, the kernel takes the current request's. */
    public GatewayEvent ref(String value) {
        this.ref = value;
        return this;
    }

    /** The client address as {@code ClientIp} resolved it; else the kernel takes the request's. */
    public GatewayEvent clientIp(String value) {
        this.ip = value;
        return this;
    }

    public GatewayEvent account(String accountId) {
        return principal("account", accountId);
    }

    public GatewayEvent actor(String actorId) {
        return principal("actor", actorId);
    }

    /** The credential set ({@code cred_…}) and its public {@code client_id}. */
    public GatewayEvent credential(String credentialSetId, @Nullable String publicClientId) {
        this.credentialId = credentialSetId;
        this.clientId = publicClientId;
        return principal("credential_set", credentialSetId);
    }

    /** The gateway token's id ({@code tok_…}), never its value. */
    public GatewayEvent token(String id) {
        this.tokenId = id;
        return principal("token", id);
    }

    /**
     * The {@code client_id} a refused token attempt presented when it names no credential set; cut
     * to 64 characters.
     */
    public GatewayEvent presentedClientId(String value) {
        details.put("client_id", value.length() <= 64 ? value : value.substring(0, 64));
        return this;
    }

    /** Method, path as requested, and the raw query string (secret-named values masked). */
    public GatewayEvent request(String method, String requestPath, @Nullable String rawQuery) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method);
        request.put("path", Previews.cut(requestPath));
        String query = Previews.query(rawQuery);
        if (query != null) {
            request.put("query", query);
        }
        details.put("request", request);
        return this;
    }

    public GatewayEvent passed(Check check) {
        return step(check, "pass", null);
    }

    /** A failed check and its true reason (which the client may not be told). */
    public GatewayEvent failed(Check check, String reason) {
        return step(check, "fail", reason);
    }

    /** A check that did not apply (e.g. the schedule for an exempt policy) and why. */
    public GatewayEvent skipped(Check check, String why) {
        return step(check, "skip", why);
    }

    public GatewayEvent endpoint(String id, String method, String pathTemplate) {
        this.endpointId = id;
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("method", method);
        e.put("path_template", pathTemplate);
        details.put("endpoint", e);
        return this;
    }

    /** The rule that granted (its index in the policy's rules, from 0). */
    public GatewayEvent rule(int index, String method, String rulePath) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("index", index);
        r.put("method", method);
        r.put("path", rulePath);
        details.put("rule", r);
        return this;
    }

    /** The granting policy as it was at decision time. */
    public GatewayEvent policy(PolicySnapshot policy) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", policy.id());
        p.put("version", policy.version());
        p.put("rules", policy.rules().stream().map(r -> rule(r.method(), r.path())).toList());
        p.put("schedule_exempt", policy.scheduleExempt());
        details.put("policy", p);
        return this;
    }

    /** That the credential set is {@code admin_unrestricted} (no policy needed). */
    public GatewayEvent unrestricted() {
        details.put("admin_unrestricted", true);
        return this;
    }

    /** The upstream's status (null when it gave none: timeout, connection failure) and latency. */
    public GatewayEvent upstream(@Nullable Integer status, Duration latency) {
        Map<String, Object> u = new LinkedHashMap<>();
        if (status != null) {
            u.put("status", status);
        }
        u.put("latency_ms", latency.toNanos() / 1000 / 1000.0);
        details.put("upstream", u);
        return this;
    }

    /** The status the client was answered with. */
    public GatewayEvent responseStatus(int status) {
        details.put("response_status", status);
        return this;
    }

    /** The request body's preview from its first bytes ({@link Previews#body}). */
    public GatewayEvent requestPreview(
            byte[] captured, long totalBytes, @Nullable String contentType) {
        putIfPresent("request_preview", Previews.body(captured, totalBytes, contentType));
        return this;
    }

    /** The response body's preview from its first bytes ({@link Previews#body}). */
    public GatewayEvent responsePreview(
            byte[] captured, long totalBytes, @Nullable String contentType) {
        putIfPresent("response_preview", Previews.body(captured, totalBytes, contentType));
        return this;
    }

    /** The event of an allowed relay, or of an issued token. */
    public AuditEntry allowed() {
        return entry(kind == Kind.RELAY ? RELAY_ALLOWED : TOKEN_ISSUED).allowed();
    }

    /** The event of a denied relay or a refused token attempt, with its true reason. */
    public AuditEntry denied(String reason) {
        return entry(kind == Kind.RELAY ? RELAY_DENIED : TOKEN_REFUSED).denied(reason);
    }

    private AuditEntry entry(String action) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("decision_path", List.copyOf(path));
        all.put("principal", List.copyOf(principal));
        all.putAll(details);
        AuditEntry entry =
                AuditEntry.of(
                                tenant,
                                credentialId != null
                                        ? Actor.credential(credentialId, clientId)
                                        : Actor.system("gateway"),
                                action)
                        .withDetails(all)
                        .withRequest(ref, ip, null);
        if (kind == Kind.RELAY && endpointId != null) {
            return entry.withTarget("gateway_endpoint", endpointId);
        }
        if (kind == Kind.TOKEN && tokenId != null) {
            return entry.withTarget("gateway_token", tokenId);
        }
        return entry;
    }

    private GatewayEvent step(Check check, String result, @Nullable String reason) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("check", check.wire());
        step.put("result", result);
        if (reason != null) {
            step.put("reason", reason);
        }
        path.add(step);
        return this;
    }

    private GatewayEvent principal(String principalKind, String id) {
        principal.removeIf(p -> principalKind.equals(p.get("kind")));
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kind", principalKind);
        p.put("id", id);
        principal.add(p);
        return this;
    }

    private static Map<String, String> rule(String method, String rulePath) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("path", rulePath);
        return r;
    }

    private void putIfPresent(String key, @Nullable String value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
