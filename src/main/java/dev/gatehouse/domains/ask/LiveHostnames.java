package dev.gatehouse.domains.ask;

import dev.gatehouse.domains.Hostnames;
import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.cluster.InvalidationHandler;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import jakarta.annotation.PreDestroy;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Answers {@code ask} — may this hostname get a certificate, and where does it go — from the set of
 * live hostnames this node holds in memory, kept exact across the cluster. Thread-safe.
 *
 * <p>Design: anything that is not a hostname (IP literals, wildcards, malformed or over-long input)
 * is refused without a lookup. Every other name is one probe of the {@link LiveSet}: a live
 * hostname is allowed with its application's origin, anything else denied; nothing on that path
 * reads the database, resolves names or allocates per name, so a scanner's never-repeated names
 * cost what a known name costs. Input that already is a key (the usual case: proxies send
 * lower-case names) is answered before any parsing.
 *
 * <p>Keeping the set exact: whoever changes whether a hostname is live (goes live, leaves live, is
 * removed) calls {@link #changed} inside that transaction; whoever changes an application's origin
 * or status calls {@link #changedApplication}, a tenant's status {@link #changedTenant}. {@link
 * ClusterInvalidations} delivers the key to every node after commit and holds the committing call
 * until every node has applied it; applying means re-reading exactly that scope from the database
 * (after the commit, so the read sees it) and patching the set. All reads and patches run on one
 * refresher thread, in the order requested, so two changes of one name cannot be applied out of
 * order, and a patch never runs inside the caller's (already committed) transaction.
 *
 * <p>When the node may have missed a change ({@link ClusterInvalidations#cachesTrusted()} is false,
 * the listener re-connected, or a patch failed or took longer than {@link #APPLY_WAIT}) it stops
 * trusting its set, reloads it in full in the background, and until then answers each ask from the
 * database, as before this set existed: at most half the connection pool, a lookup that cannot get
 * a turn or fails answers {@link AskAnswer.Unavailable}. A reload that a newer one superseded is
 * never trusted.
 */
@Component
public class LiveHostnames implements InvalidationHandler {

    static final String TOPIC = "domains_ask";

    private static final String TENANT_KEY = "tenant:";
    private static final String APPLICATION_KEY = "application:";

    /**
     * How long applying one change may hold the caller; beyond it the set is distrusted until a
     * full reload.
     */
    static final Duration APPLY_WAIT = Duration.ofSeconds(2);

    private static final Duration LOOKUP_WAIT = Duration.ofSeconds(2);
    private static final Duration RELOAD_RETRY = Duration.ofSeconds(1);
    private static final SystemScope LOOKUP = new SystemScope("ask: is this hostname live");
    private static final SystemScope LOAD = new SystemScope("ask: load the live hostnames");
    private static final Logger log = LoggerFactory.getLogger(LiveHostnames.class);

    private final ClusterInvalidations cluster;
    private final LiveConnections connections;
    private final Clock clock;
    private final Semaphore lookups;
    private final Counter allowed;
    private final Counter denied;
    private final Counter invalid;
    private final Counter failed;
    private final Counter databaseLookups;

    /** Runs every read and patch of the set, in order; one thread. */
    private final ScheduledExecutorService refresher;

    /** Hostnames waiting for a patch; drained in one read by the next patch that runs. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /** What the refresher patches; replaced whole by a full reload. Refresher thread only. */
    private LiveSet set = LiveSet.empty();

    /** {@link #set} when it may answer, else null. */
    private volatile @Nullable LiveSet trusted;

    /** Bumped whenever the set must be reloaded; a reload is trusted only if it is the latest. */
    private final AtomicLong wanted = new AtomicLong();

    LiveHostnames(
            ClusterInvalidations cluster,
            LiveConnections connections,
            MeterRegistry meters,
            Settings settings,
            Clock clock) {
        this.cluster = cluster;
        this.connections = connections;
        this.clock = clock;
        this.lookups = new Semaphore(Math.max(1, settings.database().poolSize() / 2));
        this.allowed = counter(meters, "allow");
        this.denied = counter(meters, "deny");
        this.invalid = counter(meters, "invalid");
        this.failed = counter(meters, "error");
        this.databaseLookups =
                Counter.builder("gatehouse.domains.ask.database.lookups")
                        .description(
                                "Asks answered from the database because the node could not trust"
                                        + " its set of live hostnames")
                        .register(meters);
        Gauge.builder("gatehouse.domains.ask.live", this, LiveHostnames::liveCount)
                .description("Live hostnames this node holds in memory; -1 while it distrusts them")
                .register(meters);
        this.refresher =
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("gatehouse-ask-live").factory());
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("gatehouse.domains.ask")
                .description("Answers of the on-demand TLS ask endpoint")
                .tag("result", result)
                .register(meters);
    }

    private double liveCount() {
        LiveSet current = trusted;
        return current == null ? -1 : current.size();
    }

    /**
     * The answer for {@code domain} as the TLS proxy sent it (any case, maybe a trailing dot).
     *
     * @param domain the {@code domain} query parameter; null when it was missing
     */
    public AskAnswer ask(@Nullable String domain) {
        AskAnswer answer = answer(domain);
        switch (answer) { // the labels are AskAnswer.result()
            case AskAnswer.Allow a -> allowed.increment();
            case AskAnswer.Deny d -> denied.increment();
            case AskAnswer.Invalid i -> invalid.increment();
            case AskAnswer.Unavailable u -> failed.increment();
        }
        return answer;
    }

    private AskAnswer answer(@Nullable String domain) {
        if (domain == null || domain.length() > Hostnames.MAX_INPUT) {
            return AskAnswer.Invalid.INSTANCE;
        }
        LiveSet live = cluster.cachesTrusted() ? trusted : null;
        // Keys are normalised hostnames only, so input found as it is needs no normalising (the
        // usual case for a live name).
        LiveSet.@Nullable Route route = live != null ? live.get(domain) : null;
        if (route != null) {
            return route.allow();
        }
        String hostname = Hostnames.quickNormalise(domain);
        if (hostname == null) {
            return AskAnswer.Invalid.INSTANCE;
        }
        if (live == null) {
            return fromDatabase(hostname);
        }
        route = hostname.equals(domain) ? null : live.get(hostname);
        return route != null ? route.allow() : AskAnswer.Deny.INSTANCE;
    }

    private AskAnswer fromDatabase(String hostname) {
        databaseLookups.increment();
        try {
            if (!lookups.tryAcquire(LOOKUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.debug(
                        "ask: no lookup slot within {} ms; answering unavailable",
                        LOOKUP_WAIT.toMillis());
                return AskAnswer.Unavailable.INSTANCE;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AskAnswer.Unavailable.INSTANCE;
        }
        try {
            Optional<String> origin = connections.originOf(LOOKUP, hostname);
            return origin.<AskAnswer>map(AskAnswer.Allow::new).orElse(AskAnswer.Deny.INSTANCE);
        } catch (DataAccessException e) {
            // Counted as result="error"; not logged per request, since a flood would flood the log
            // too.
            log.debug(
                    "ask: lookup failed ({}); answering unavailable", e.getClass().getSimpleName());
            return AskAnswer.Unavailable.INSTANCE;
        } finally {
            lookups.release();
        }
    }

    /**
     * The hostname's answer may change when the current transaction commits (it goes live, leaves
     * live or is removed): every node re-reads it on commit, before the committing call returns.
     *
     * @throws IllegalStateException outside a transaction
     */
    public void changed(String hostname) {
        String normalised = Hostnames.quickNormalise(hostname);
        cluster.publish(
                TOPIC, normalised != null ? normalised : hostname.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The answers of an application's hostnames may change when the current transaction commits
     * (its origin or status changed, it was deleted).
     *
     * @throws IllegalStateException outside a transaction
     */
    public void changedApplication(long application) {
        cluster.publish(TOPIC, APPLICATION_KEY + application);
    }

    /**
     * The answers of a tenant's hostnames may change when the current transaction commits (it was
     * suspended or re-activated).
     *
     * @throws IllegalStateException outside a transaction
     */
    public void changedTenant(TenantId tenant) {
        cluster.publish(TOPIC, TENANT_KEY + tenant.value());
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    /** Applies one published change; returns once it is applied or the set is distrusted. */
    @Override
    public void evict(String key) {
        Runnable patch;
        if (key.startsWith(TENANT_KEY)) {
            long tenant = Long.parseLong(key.substring(TENANT_KEY.length()));
            patch =
                    () ->
                            patch(
                                    e -> e.getValue().tenant() == tenant,
                                    each -> connections.eachLiveOfTenant(LOAD, tenant, each));
        } else if (key.startsWith(APPLICATION_KEY)) {
            long application = Long.parseLong(key.substring(APPLICATION_KEY.length()));
            patch =
                    () ->
                            patch(
                                    e -> e.getValue().application() == application,
                                    each ->
                                            connections.eachLiveOfApplication(
                                                    LOAD, application, each));
        } else {
            pending.add(key);
            patch = this::patchPending;
        }
        await(refresher.submit(patch));
    }

    /** The node may have missed changes: distrust the set until a full reload has run. */
    @Override
    public void evictAll() {
        long generation = wanted.incrementAndGet();
        trusted = null;
        refresher.execute(() -> reload(generation));
    }

    private void await(Future<?> applied) {
        try {
            applied.get(APPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn(
                    "ask: a change to the live hostnames was not applied within {} ms ({});"
                            + " answering from the database until they are reloaded",
                    APPLY_WAIT.toMillis(),
                    e.getClass().getSimpleName());
            evictAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            evictAll();
        }
    }

    /** Refresher thread: reads the whole set; trusts it if no newer reload was asked for. */
    private void reload(long generation) {
        if (generation != wanted.get()) {
            return; // a newer reload is queued
        }
        pending.clear(); // the full read sees them all: it starts after they were committed
        try {
            LiveSet fresh = LiveSet.sizedFor(set.size());
            Instant started = clock.instant();
            connections.eachLive(LOAD, fresh::put);
            set = fresh;
            if (generation == wanted.get()) {
                trusted = fresh;
            }
            log.info(
                    "ask: {} live hostnames loaded in {} ms",
                    fresh.size(),
                    Duration.between(started, clock.instant()).toMillis());
        } catch (DataAccessException e) {
            trusted = null;
            log.warn(
                    "ask: could not load the live hostnames ({}); answering from the database,"
                            + " retrying in {} ms",
                    e.getClass().getSimpleName(),
                    RELOAD_RETRY.toMillis());
            long retry = wanted.incrementAndGet();
            refresher.schedule(() -> reload(retry), RELOAD_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Refresher thread: re-reads every hostname changed since the last patch. */
    private void patchPending() {
        if (pending.isEmpty()) {
            return; // an earlier patch read them
        }
        List<String> hostnames = new ArrayList<>(pending);
        pending.removeAll(hostnames);
        Set<String> changed = Set.copyOf(hostnames);
        patch(
                e -> changed.contains(e.getKey()),
                each -> connections.eachLiveOf(LOAD, hostnames, each));
    }

    private void patch(
            Predicate<Map.Entry<String, LiveSet.Route>> scope,
            Consumer<Consumer<LiveConnections.Row>> read) {
        List<LiveConnections.Row> rows = new ArrayList<>();
        read.accept(rows::add);
        set.replace(scope, rows);
    }

    /** Hostname to origin of the set this node answers from; empty while it distrusts it. */
    Map<String, String> liveOrigins() {
        LiveSet current = trusted;
        return current == null ? Map.of() : current.origins();
    }

    /** Whether asks are answered from memory now. */
    boolean answersFromMemory() {
        return cluster.cachesTrusted() && trusted != null;
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
