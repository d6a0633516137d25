package dev.gatehouse.erpsync.portal;

import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.erpsync.step.StepCancellation;

import org.slf4j.Logger;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * This node's HTTP client for every company's portal (redirects not followed, connect timeout =
 * {@code PORTAL_HTTP_TIMEOUT_MS}), and the factory of per-step {@link PortalClient}s. Thread-safe.
 */
public final class PortalClients implements AutoCloseable {

    private final HttpClient http;
    private final Duration timeout;
    private final Duration retryStep;
    private final boolean allowPrivate;
    private final boolean dryRun;

    /**
     * @param allowPrivate whether file URLs the portal hands out may point at restricted addresses
     *     ({@code SYNC_ALLOW_PRIVATE_PORTAL})
     */
    public PortalClients(Duration timeout, boolean allowPrivate) {
        this(timeout, PortalClient.RETRY_STEP, allowPrivate, false);
    }

    /**
     * @param dryRun whether writes are only logged, never sent ({@code SYNC_DRY_RUN})
     */
    public PortalClients(Duration timeout, boolean allowPrivate, boolean dryRun) {
        this(timeout, PortalClient.RETRY_STEP, allowPrivate, dryRun);
    }

    /** With another pause between read attempts, for tests; private addresses allowed. */
    public PortalClients(Duration timeout, Duration retryStep) {
        this(timeout, retryStep, true, false);
    }

    private PortalClients(
            Duration timeout, Duration retryStep, boolean allowPrivate, boolean dryRun) {
        this.dryRun = dryRun;
        this.timeout = timeout;
        this.retryStep = retryStep;
        this.allowPrivate = allowPrivate;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /**
     * A client of {@code company}'s portal for {@code step}, logging its {@code [TIMEOUT]} lines to
     * {@code log} and aborted by {@code cancellation}. The company's secrets must be complete.
     */
    public PortalClient forStep(
            Company company,
            CompanySecrets secrets,
            String step,
            Logger log,
            StepCancellation cancellation) {
        return new PortalClient(
                http,
                company,
                secrets,
                timeout,
                step,
                log,
                cancellation,
                retryStep,
                allowPrivate,
                dryRun);
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
