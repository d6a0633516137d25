package dev.gatehouse.domains.widget;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.domains.widget.WidgetVerification.Reason;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Decides whether a widget request gets in. Opens the system scope for two reads only, because
 * neither request carries a tenant: a widget token names its application and nothing else, so the
 * tenant is looked up from the application (never taken from the token); and a CORS preflight
 * carries neither token nor tenant, only an {@code Origin}.
 *
 * <p>The token and its application are checked on every request (no cache), so disabling an
 * application or suspending its tenant shuts its widget at once. The preflight answer is cached for
 * {@link #PREFLIGHT_CACHE} per origin: it grants nothing by itself (the real request still needs a
 * valid token and an origin of that token's application), so a few seconds of staleness are safe.
 * Thread-safe.
 */
public final class WidgetGate {

    static final Duration PREFLIGHT_CACHE = Duration.ofSeconds(30);
    static final int MAX_ORIGIN = 2048;
    private static final SystemScope TOKEN_APPLICATION =
            new SystemScope("widget: the application a token names");
    private static final SystemScope EMBEDDING_ORIGINS =
            new SystemScope("widget: origins allowed to embed");

    private final WidgetTokens tokens;
    private final EmbeddingApplications embedding;
    private final Applications applications;
    private final Cache<String, Boolean> preflights;

    WidgetGate(
            WidgetTokens tokens,
            EmbeddingApplications embedding,
            Applications applications,
            Clock clock) {
        this.tokens = tokens;
        this.embedding = embedding;
        this.applications = applications;
        this.preflights =
                Caffeine.newBuilder()
                        .expireAfterWrite(PREFLIGHT_CACHE.toMillis(), TimeUnit.MILLISECONDS)
                        .maximumSize(10_000)
                        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                        .build();
    }

    /** The outcome of {@link #admit}. */
    public sealed interface Admission permits Admitted, Refused, OriginNotAllowed {}

    public record Admitted(WidgetSession session) implements Admission {}

    /** No usable token: the same 401 whatever the reason. */
    public record Refused(Reason reason) implements Admission {}

    /**
     * A valid token, used from an origin its application does not list (or with no origin at all).
     */
    public record OriginNotAllowed(WidgetToken token, TenantId tenant) implements Admission {}

    /**
     * @param authorization the {@code Authorization} header, if any
     * @param origin the {@code Origin} header, if any
     */
    public Admission admit(@Nullable String authorization, @Nullable String origin) {
        if (authorization == null
                || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Refused(Reason.MISSING);
        }
        WidgetToken token;
        switch (tokens.verify(authorization.substring(7).strip())) {
            case WidgetVerification.Refused(Reason reason) -> {
                return new Refused(reason);
            }
            case WidgetVerification.Valid(WidgetToken t) -> token = t;
        }
        Optional<TenantId> tenant = embedding.tenantOf(TOKEN_APPLICATION, token.applicationId());
        Optional<Application> app =
                tenant.flatMap(t -> applications.find(t, token.applicationId()))
                        .filter(Application::active);
        if (tenant.isEmpty() || app.isEmpty()) {
            return new Refused(Reason.UNKNOWN_APPLICATION);
        }
        if (origin == null || !app.get().allowedOrigins().contains(origin)) {
            return new OriginNotAllowed(token, tenant.get());
        }
        return new Admitted(new WidgetSession(token, tenant.get(), app.get(), origin));
    }

    /**
     * Whether {@code origin} may send the widget's CORS preflight: true when some active
     * application of an active tenant lists it exactly. Cached briefly per origin.
     */
    public boolean embeddingOrigin(@Nullable String origin) {
        if (origin == null
                || origin.isEmpty()
                || origin.length() > MAX_ORIGIN
                || !(origin.startsWith("https://") || origin.startsWith("http://"))) {
            return false;
        }
        return preflights.get(origin, o -> embedding.anyAllows(EMBEDDING_ORIGINS, o));
    }
}
