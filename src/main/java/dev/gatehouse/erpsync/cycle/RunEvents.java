package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Server-Sent Events of runs' progress ({@code GET /v1/sync/runs/{id}/events}).
 *
 * <p>Design. The steps a run has done are rows in {@code sync_run_steps}, written by whichever node
 * runs it, so every node serves any run's stream from the database: a client that connects late, or
 * to another node than the one running the cycle, sees the same events. One ticker thread per node
 * serves every stream: every {@link #POLL} it reads each watched run once (whatever the number of
 * clients watching it) and sends each client the steps whose status changed since it last sent
 * them, as {@code event: step} (a {@code SyncRunStep}). When the run has ended it sends {@code
 * event: run} (the {@code SyncRun}) and completes the stream. A comment line every {@link
 * #HEARTBEAT} keeps proxies from closing a quiet stream and finds clients that went away: a failed
 * write ends the stream. So a stream holds no thread of its own, a gone client is forgotten within
 * a heartbeat, and at most {@link #MAX_STREAMS} are open per node.
 */
@Component
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
class RunEvents implements DisposableBean {

    static final Duration POLL = Duration.ofMillis(500);
    static final Duration HEARTBEAT = Duration.ofSeconds(5);

    /** A stream's longest life; a run ends well before (its lock's lease ends it at the latest). */
    static final Duration MAX_LIFE = Duration.ofHours(1);

    /** Streams open at once per node. */
    static final int MAX_STREAMS = 256;

    /** What the client waits before it reconnects after a drop, as SageConnect's stream said. */
    static final Duration RECONNECT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RunEvents.class);

    private final SyncRuns runs;
    private final Clock clock;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("sync-run-events").factory());

    RunEvents(SyncRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
        ticker.scheduleWithFixedDelay(
                this::tick, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One client's stream of one run; touched only on the ticker thread once open. */
    private static final class Stream {
        final TenantId tenant;
        final String runId;
        final SseEmitter emitter;
        final Map<Integer, String> sent = new HashMap<>();
        Instant lastWrite = Instant.EPOCH;

        Stream(TenantId tenant, String runId, SseEmitter emitter) {
            this.tenant = tenant;
            this.runId = runId;
            this.emitter = emitter;
        }
    }

    /**
     * A stream of {@code runId}'s progress, or empty when {@code tenant} has no such run. The steps
     * so far are sent at once, the rest as they happen.
     */
    Optional<SseEmitter> open(TenantId tenant, String runId) {
        Optional<SyncRun> run = runs.find(tenant, runId);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        if (streams.size() >= MAX_STREAMS) {
            throw ApiProblem.unavailable(
                    "too_many_streams",
                    "This node serves "
                            + MAX_STREAMS
                            + " progress streams already; poll GET /v1/sync/runs/{id} instead.");
        }
        SseEmitter emitter = new SseEmitter(MAX_LIFE.toMillis());
        Stream stream = new Stream(tenant, runId, emitter);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(() -> streams.remove(stream));
        emitter.onError(e -> streams.remove(stream));
        streams.add(stream);
        ticker.execute(() -> push(stream, run.get()));
        return Optional.of(emitter);
    }

    /** Streams open on this node; for tests of clean-up. */
    int openStreams() {
        return streams.size();
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        streams.forEach(s -> s.emitter.complete());
        streams.clear();
    }

    private void tick() {
        try {
            Map<List<Object>, List<Stream>> byRun =
                    streams.stream()
                            .collect(Collectors.groupingBy(s -> List.of(s.tenant, s.runId)));
            byRun.forEach(
                    (key, watching) -> {
                        Stream first = watching.getFirst();
                        Optional<SyncRun> run = runs.find(first.tenant, first.runId);
                        for (Stream s : watching) {
                            if (run.isPresent()) {
                                push(s, run.get());
                            } else {
                                s.emitter.complete(); // the company was removed
                            }
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("Progress streams not served this tick: {}", e.toString());
        }
    }

    private void push(Stream s, SyncRun run) {
        if (!streams.contains(s)) {
            return;
        }
        try {
            for (SyncRun.Step step : run.steps()) {
                String state = step.status() + "|" + step.endedAt();
                if (!state.equals(s.sent.get(step.position()))) {
                    SseEmitter.SseEventBuilder event = SseEmitter.event().name("step");
                    if (s.sent.isEmpty()) {
                        event.reconnectTime(RECONNECT.toMillis()); // once per stream is enough
                    }
                    send(
                            s,
                            event.data(
                                    RunsController.StepView.of(step), MediaType.APPLICATION_JSON));
                    s.sent.put(step.position(), state);
                }
            }
            if (!run.status().equals("queued") && !run.status().equals("running")) {
                send(
                        s,
                        SseEmitter.event()
                                .name("run")
                                .data(RunsController.RunView.of(run), MediaType.APPLICATION_JSON));
                streams.remove(s);
                s.emitter.complete();
            } else if (Duration.between(s.lastWrite, clock.instant()).compareTo(HEARTBEAT) >= 0) {
                send(s, SseEmitter.event().comment("heartbeat"));
            }
        } catch (IOException | IllegalStateException e) {
            streams.remove(s); // the client went away, or the stream already ended
            s.emitter.completeWithError(e);
        }
    }

    private void send(Stream s, SseEmitter.SseEventBuilder event) throws IOException {
        s.emitter.send(event);
        s.lastWrite = clock.instant();
    }
}
