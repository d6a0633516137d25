package dev.gatehouse.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * With the database broken under a running node, before and after authentication, every answer is a
 * generic problem with a ref and no SQL, driver, stack or schema text; the cause is logged under
 * that ref; {@code /healthz} says DOWN; and the node recovers by itself once the database is back.
 */
class DatabaseOutageIT {

    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final List<String> FORBIDDEN =
            List.of(
                    "sql",
                    "psql",
                    "postgres",
                    "org.",
                    "java.",
                    "exception",
                    "select ",
                    "insert ",
                    "update ",
                    "permission denied",
                    "terminat",
                    "hikari",
                    "jdbc",
                    "connection",
                    "fatal",
                    "login",
                    "role",
                    "relation",
                    "lock",
                    "timeout",
                    "timed out",
                    "stack",
                    "caused by",
                    "\tat ");

    static TestNode node;
    static DataSource ownerDb;
    static JdbcClient owner;
    static String appRole;
    static List<String> tables;
    static Tenancy.TestTenant tenant;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of());
        ownerDb = TestDatabase.ownerOf(node.database());
        owner = JdbcClient.create(ownerDb);
        appRole = node.env().get("DATABASE_APP_ROLE");
        tables =
                owner.sql("select tablename from pg_tables where schemaname = 'public'")
                        .query(String.class)
                        .list();
        tenant = Tenancy.newTenant(node);
        assertThat(node.http().get("/v1/whoami", tenant.adminKey()).status()).isEqualTo(200);
    }

    @AfterEach
    void restore() {
        owner.sql("alter role " + appRole + " login").update();
        awaitHealthy();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aQueryKilledMidRequestBeforeAuthenticationAnswersAGeneric500() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            Http.Response r = killedMidRequest(() -> node.http().get("/v1/whoami", unknownKey()));

            assertGenericServerProblem("unknown key, killed mid-request", r);
            assertCauseLoggedUnderRef(logs, r);
        }
    }

    @Test
    void aQueryKilledMidRequestAfterAuthenticationAnswersAGeneric500() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            Http.Response r =
                    killedMidRequest(() -> node.http().get("/v1/api-keys", tenant.adminKey()));

            assertGenericServerProblem("key list, killed mid-request", r);
            assertCauseLoggedUnderRef(logs, r);
        }
    }

    @Test
    void whileTheDatabaseRefusesTheAppRoleEveryRouteAnswersAGenericProblem() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            breakTheDatabase();
            Http http = node.http();
            Map<String, CompletableFuture<Http.Response>> calls = new LinkedHashMap<>();
            calls.put("unknown key", async(() -> http.get("/v1/whoami", unknownKey())));
            calls.put("key list", async(() -> http.get("/v1/api-keys", tenant.adminKey())));
            calls.put(
                    "key creation",
                    async(
                            () ->
                                    http.post(
                                            "/v1/api-keys",
                                            tenant.adminKey(),
                                            Http.json(
                                                    "name",
                                                    "during outage",
                                                    "scopes",
                                                    List.of("apps:read")))));
            calls.put(
                    "tenant creation",
                    async(
                            () ->
                                    http.post(
                                            "/v1/tenants",
                                            node.operatorKey(),
                                            Http.json("name", "During outage"))));
            calls.put("audit events", async(() -> http.get("/v1/audit-events", tenant.adminKey())));
            CompletableFuture<Http.Response> whoami =
                    async(() -> http.get("/v1/whoami", tenant.adminKey()));

            calls.forEach(
                    (label, call) -> {
                        Http.Response r = call.join();
                        assertGenericServerProblem(label, r);
                        assertCauseLoggedUnderRef(logs, r);
                    });
            Http.Response cachedOrNot = whoami.join();
            if (cachedOrNot.status() != 200) {
                assertGenericServerProblem("whoami with a valid key", cachedOrNot);
            }
        }
    }

    @Test
    void healthzIsDownWhileTheDatabaseIsBrokenAndUpOnceItIsBack() {
        breakTheDatabase();

        Http.Response down = awaitDown();
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\"}");

        owner.sql("alter role " + appRole + " login").update();
        awaitHealthy();
        assertThat(node.management().get("/healthz", null).body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void requestsWorkAgainOnceTheDatabaseIsBack() {
        breakTheDatabase();
        assertGenericServerProblem(
                "key list while broken", node.http().get("/v1/api-keys", tenant.adminKey()));
        awaitDown();

        owner.sql("alter role " + appRole + " login").update();
        awaitHealthy();

        Http http = node.http();
        assertThat(http.get("/v1/api-keys", tenant.adminKey()).status()).isEqualTo(200);
        assertThat(http.get("/v1/whoami", unknownKey()).status()).isEqualTo(401);
        assertThat(
                        http.post(
                                        "/v1/tenants",
                                        node.operatorKey(),
                                        Http.json("name", "After outage"))
                                .status())
                .isEqualTo(201);
        assertThat(Tenancy.newKey(node, tenant, List.of("apps:read"))[1]).startsWith("gk_");
    }

    // --- breaking ---

    /** The app role may no longer log in, and every session it has is terminated. */
    private static void breakTheDatabase() {
        owner.sql("alter role " + appRole + " nologin").update();
        terminateAppSessions();
    }

    private static void terminateAppSessions() {
        owner.sql("select pg_terminate_backend(pid) from pg_stat_activity where usename = ?")
                .param(appRole)
                .query()
                .listOfRows();
    }

    /**
     * Sends the request while the owner holds an exclusive lock on {@code api_keys}, waits until
     * the request's query is blocked on it, then breaks the database under that query and lets go.
     */
    private static Http.Response killedMidRequest(Supplier<Http.Response> request)
            throws SQLException {
        try (Connection locker = ownerDb.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("lock table api_keys in access exclusive mode");
            }
            CompletableFuture<Http.Response> inFlight = async(request);
            awaitAppQueryBlockedOnLock();
            breakTheDatabase();
            locker.rollback();
            return inFlight.join();
        }
    }

    private static void awaitAppQueryBlockedOnLock() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            long blocked =
                    owner.sql(
                                    "select count(*) from pg_stat_activity where usename = ? and"
                                            + " wait_event_type = 'Lock'")
                            .param(appRole)
                            .query(Long.class)
                            .single();
            if (blocked > 0) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no request query blocked on the lock within 10 s");
    }

    private static void awaitHealthy() {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = node.management().get("/healthz", null).status();
            if (status == 200) {
                return;
            }
        }
        throw new AssertionError("/healthz still answered " + status + " after " + RECOVERY);
    }

    /**
     * The health result is cached for 200 ms, so DOWN shows within a bounded wait, not instantly.
     */
    private static Http.Response awaitDown() {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        Http.Response r = node.management().get("/healthz", null);
        while (r.status() != 503 && System.nanoTime() < deadline) {
            r = node.management().get("/healthz", null);
        }
        return r;
    }

    private static <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, r -> Thread.ofVirtual().start(r));
    }

    private static String unknownKey() {
        String random = Long.toString(System.nanoTime(), 36).toUpperCase(Locale.ROOT);
        return "gk_" + (random + "u".repeat(43)).substring(0, 43);
    }

    // --- asserting ---

    private static void assertGenericServerProblem(String label, Http.Response r) {
        assertThat(r.status()).as(label + ": " + r.body()).isIn(500, 503);
        assertThat(r.header("Content-Type")).as(label).startsWith("application/problem+json");
        String ref = r.json().get("ref").asString();
        assertThat(ref).as(label).isNotBlank().isEqualTo(r.header("X-Request-Id"));
        if (r.status() == 500) {
            assertThat(r.json().get("code").asString()).as(label).isEqualTo("internal_error");
            assertThat(r.json().get("detail").asString())
                    .as(label)
                    .isEqualTo("An internal error occurred. Quote the ref when reporting it.");
        } else {
            assertThat(r.json().get("code").asString()).as(label).matches("[a-z_]+");
        }
        String text =
                (headersOf(r) + "\n" + r.body()).replace(ref, "<ref>").toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String word : FORBIDDEN) {
            if (text.contains(word)) {
                found.add(word);
            }
        }
        for (String name : names()) {
            if (text.contains(name.toLowerCase(Locale.ROOT))) {
                found.add(name);
            }
        }
        assertThat(found).as(label + " leaks internals in: " + text).isEmpty();
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(tables);
        names.add(appRole);
        names.add(node.database());
        return names;
    }

    /** The header values (names are the protocol's own words, such as {@code Connection}). */
    private static String headersOf(Http.Response r) {
        StringBuilder sb = new StringBuilder();
        r.headers()
                .map()
                .values()
                .forEach(values -> values.forEach(v -> sb.append(v).append('\n')));
        return sb.toString();
    }

    /** The server logged the database failure under the same ref the client got. */
    private static void assertCauseLoggedUnderRef(CapturedLogs logs, Http.Response r) {
        String ref = r.json().get("ref").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines =
                    logs.events().stream()
                            .filter(
                                    l ->
                                            l.contains("\"ref\":\"" + ref + "\"")
                                                    && l.contains("\"level\":\"ERROR\""))
                            .toList();
            if (!lines.isEmpty()) {
                break;
            }
            Thread.onSpinWait();
        }
        assertThat(lines).as("an ERROR line under ref " + ref).isNotEmpty();
        assertThat(String.join("\n", lines))
                .as("the logged cause")
                .containsPattern("(?i)SQL|PSQL|connection|terminat|login");
    }
}
