package dev.gatehouse.erpsync.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.erpsync.FakeLicenseServer;
import dev.gatehouse.erpsync.Runs;
import dev.gatehouse.erpsync.SyncScenario;
import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/sync/runs/{id}/events} from outside: clients on two nodes see the same run's steps
 * (a late one the steps so far first), the stream ends with the run, and a client that goes away
 * leaves no stream behind.
 */
class SyncRunEventsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static FakeLicenseServer licenses;
    static TestNode node;
    static TestNode peer;

    @BeforeAll
    static void start() {
        licenses = FakeLicenseServer.start();
        node = TestNode.start(licenses.settings());
        peer = node.peer();
        Runs.awaitValidLicense(node, node.bootstrapAdminKey());
        Runs.awaitValidLicense(peer, node.bootstrapAdminKey());
    }

    @AfterAll
    static void stop() {
        peer.close();
        node.close();
        licenses.close();
    }

    @Test
    void clientsOnTwoNodesSeeTheSameStepsAndTheStreamEndsWithTheRun() throws Exception {
        try (SyncScenario s = SyncScenario.startToday(node).withPortalHistory()) {
            // every portal answer takes longer than RunEvents.POLL, so every step that asks the
            // portal is seen running at least once
            s.portal.delayAll(RunEvents.POLL.plusMillis(200));
            String runId = Runs.start(node, s.adminKey, s.companyId);

            Events early = Events.open(node, runId, s.adminKey);
            awaitStep(early, 2);
            Events late = Events.open(peer, runId, s.adminKey);

            early.awaitEnd(Duration.ofSeconds(60));
            late.awaitEnd(Duration.ofSeconds(60));
            s.portal.delayAll(Duration.ZERO);

            List<String> expected =
                    List.of(
                            "buildProviders succeeded",
                            "downloadCFDI succeeded",
                            "checkPayments succeeded",
                            "uploadPayments succeeded",
                            "createPurchaseOrders succeeded",
                            "processOrderChanges succeeded",
                            "closePurchaseOrders succeeded");
            assertThat(early.finalSteps()).isEqualTo(expected);
            assertThat(late.finalSteps()).isEqualTo(expected);
            assertThat(early.names()).contains("step").last().isEqualTo("run");
            assertThat(late.names()).last().isEqualTo("run");
            assertThat(early.events)
                    .as("steps are sent when they start")
                    .anyMatch(e -> e.data().path("status").asString("").equals("running"));
            assertThat(late.events.getFirst().data().get("status").asString())
                    .as("a late client gets the steps so far first, as they ended")
                    .isEqualTo("succeeded");
            JsonNode run = early.events.getLast().data();
            assertThat(run.get("id").asString()).isEqualTo(runId);
            assertThat(run.get("status").asString()).isEqualTo("succeeded");
            assertThat(run.get("steps")).hasSize(7);
        }
    }

    @Test
    void aClientThatGoesAwayLeavesNoStreamBehind() throws Exception {
        try (SyncScenario s = SyncScenario.startToday(node).withPortalHistory();
                CapturedLogs logs = CapturedLogs.start()) {
            s.portal.delayAll(Duration.ofMillis(400));
            String runId = Runs.start(node, s.adminKey, s.companyId);
            RunEvents streams = node.bean(RunEvents.class);

            List<Events> clients = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                clients.add(Events.open(node, runId, s.adminKey));
            }
            for (Events e : clients) {
                awaitStep(e, 1);
            }
            assertThat(streams.openStreams()).isEqualTo(5);
            for (Events e : clients) {
                e.close();
            }

            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (streams.openStreams() > 0 && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            assertThat(streams.openStreams()).as("streams of gone clients").isZero();
            assertThat(logs.events())
                    .as("a gone client is not an error")
                    .noneMatch(l -> l.contains("ERROR") && l.contains("/events"));
            s.portal.delayAll(Duration.ZERO);
            Events after = Events.open(node, runId, s.adminKey);
            after.awaitEnd(Duration.ofSeconds(60));
            assertThat(streams.openStreams()).isZero();
        }
    }

    @Test
    void anotherTenantsRunIsNotFound() {
        try (SyncScenario s = SyncScenario.startToday(node).withPortalHistory();
                SyncScenario other = SyncScenario.startToday(node)) {
            String runId = Runs.start(node, s.adminKey, s.companyId);

            assertThat(
                            node.http()
                                    .get("/v1/sync/runs/" + runId + "/events", other.adminKey)
                                    .status())
                    .isEqualTo(404);
            assertThat(node.http().get("/v1/sync/runs/run_missing/events", s.adminKey).status())
                    .isEqualTo(404);
            assertThat(node.http().get("/v1/sync/runs/" + runId + "/events", null).status())
                    .isEqualTo(401);
            Runs.awaitEnd(node, s.adminKey, runId);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitStep(Events e, int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (e.events.size() < count && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(e.events.size()).as("events received").isGreaterThanOrEqualTo(count);
    }

    /** One client of a run's stream, reading its events on a thread of its own. */
    private static final class Events implements AutoCloseable {

        record Event(String name, JsonNode data) {}

        private static final HttpClient CLIENT = HttpClient.newHttpClient();

        final List<Event> events = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        private final InputStream body;

        private Events(InputStream body) {
            this.body = body;
            Thread.ofVirtual().start(this::read);
        }

        static Events open(TestNode n, String runId, String key) throws Exception {
            HttpResponse<InputStream> r =
                    CLIENT.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + n.env().get("SERVER_PORT")
                                                            + "/v1/sync/runs/"
                                                            + runId
                                                            + "/events"))
                                    .header("Authorization", "Bearer " + key)
                                    .header("Accept", "text/event-stream")
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/event-stream");
            return new Events(r.body());
        }

        private void read() {
            try (var in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && name != null) {
                        events.add(new Event(name, JSON.readTree(data.toString())));
                        name = null;
                        data.setLength(0);
                    }
                }
            } catch (IOException e) {
                // closed by the test
            } finally {
                ended.countDown();
            }
        }

        void awaitEnd(Duration within) throws InterruptedException {
            assertThat(ended.await(within.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the stream ended with the run")
                    .isTrue();
        }

        List<String> names() {
            return events.stream().map(Event::name).toList();
        }

        /** Each step's last state, in order of position. */
        List<String> finalSteps() {
            java.util.Map<String, String> last = new java.util.LinkedHashMap<>();
            events.stream()
                    .filter(e -> e.name().equals("step"))
                    .forEach(
                            e ->
                                    last.put(
                                            e.data().get("name").asString(),
                                            e.data().get("status").asString()));
            return last.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
