package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A client's {@code X-Request-Id} is its correlation id, recorded beside the server's {@code ref}
 * and redacted like any other field; it is never the ref itself, so it can neither be reused as one
 * nor carry a secret into the audit trail or the logs.
 */
class CorrelationIdIT {

    /** Shaped like a JWT (and short enough to pass the X-Request-Id pattern). */
    static final String JWT_SHAPED =
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    static TestNode node;
    static Http http;
    static Tenancy.TestTenant tenant;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of());
        http = node.http();
        tenant = Tenancy.newTenant(node);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void theClientsCorrelationIdIsRecordedBesideTheServersRefInAuditAndLogs() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            Http.Response created = mint("trace-4f2a9c01");
            Http.Response reported = cspReport("trace-4f2a9c01");

            String ref = created.header("X-Request-Id");
            assertThat(ref).matches("req_[0-9A-Z]{26}");
            JsonNode event = auditEventWithRef(ref);
            assertThat(event.get("ref").asString()).isEqualTo(ref);
            assertThat(event.get("correlation_id").asString()).isEqualTo("trace-4f2a9c01");
            assertThat(logLineWithRef(logs, reported.header("X-Request-Id")))
                    .contains("\"correlation_id\":\"trace-4f2a9c01\"");
        }
    }

    @Test
    void twoRequestsWithTheSameClientIdGetDifferentRefs() {
        Http.Response first = mint("trace-same-0001");
        Http.Response second = mint("trace-same-0001");

        String a = first.header("X-Request-Id");
        String b = second.header("X-Request-Id");
        assertThat(a).isNotEqualTo(b).doesNotContain("trace-same-0001");
        assertThat(auditEventWithRef(a).get("id").asString())
                .isNotEqualTo(auditEventWithRef(b).get("id").asString());
        assertThat(auditEventWithRef(a).get("correlation_id").asString())
                .isEqualTo(auditEventWithRef(b).get("correlation_id").asString())
                .isEqualTo("trace-same-0001");
    }

    @Test
    void secretsSentAsTheRequestIdReachNeitherTheAuditTrailNorTheLogs() {
        String key = Tenancy.newKey(node, tenant, List.of("apps:read"))[1];
        assertThat(RequestIds.isAcceptable(key))
                .as("a key passes the X-Request-Id pattern")
                .isTrue();
        assertThat(RequestIds.isAcceptable(JWT_SHAPED)).as("so does this JWT").isTrue();
        List<Http.Response> responses = new ArrayList<>();
        List<String> logLines;
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (String secret : List.of(key, JWT_SHAPED)) {
                responses.add(mint(secret));
                responses.add(cspReport(secret));
            }
            for (Http.Response r : responses) {
                assertThat(r.status()).as(r.body()).isIn(201, 204);
                assertThat(r.header("X-Request-Id")).matches("req_[0-9A-Z]{26}");
            }
            for (int i = 0; i < responses.size(); i += 2) {
                JsonNode event = auditEventWithRef(responses.get(i).header("X-Request-Id"));
                assertThat(event.get("correlation_id").asString()).isEqualTo("[redacted]");
                assertThat(logLineWithRef(logs, responses.get(i + 1).header("X-Request-Id")))
                        .contains("\"correlation_id\":\"[redacted]\"");
            }
            logLines = logs.events();
        }

        JdbcClient owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        List<String> auditRows =
                owner.sql("select a::text from audit_events a").query(String.class).list();
        String export = http.get("/v1/audit-events/export", tenant.adminKey()).body();
        for (String secret : List.of(key, JWT_SHAPED)) {
            assertThat(auditRows).as("audit rows").noneMatch(row -> row.contains(secret));
            assertThat(export).as("audit export").doesNotContain(secret);
            assertThat(logLines).as("log lines").noneMatch(line -> line.contains(secret));
            for (Http.Response r : responses) {
                assertThat(r.headers().map().toString()).doesNotContain(secret);
                assertThat(r.body()).doesNotContain(secret);
            }
        }
    }

    /** Mints a key (an audited change) sending {@code requestId} as {@code X-Request-Id}. */
    private static Http.Response mint(String requestId) {
        Http.Response r =
                http.send(
                        "POST",
                        "/v1/api-keys",
                        tenant.adminKey(),
                        Http.json("name", "correlated", "scopes", List.of("apps:read")),
                        Map.of("X-Request-Id", requestId));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    /** A CSP report: an unauthenticated request that writes a WARN line. */
    private static Http.Response cspReport(String requestId) {
        Http.Response r =
                http.send(
                        "POST",
                        "/portal/csp-report",
                        null,
                        null,
                        Map.of(
                                "X-Request-Id",
                                requestId,
                                "Content-Type",
                                "application/csp-report"));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return r;
    }

    private static JsonNode auditEventWithRef(String ref) {
        Http.Response r = http.get("/v1/audit-events?ref=" + ref, tenant.adminKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("data").size()).as("events with ref " + ref).isEqualTo(1);
        return r.json().get("data").get(0);
    }

    private static String logLineWithRef(CapturedLogs logs, String ref) {
        return logs.events().stream()
                .filter(line -> line.contains("\"ref\":\"" + ref + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no log line with ref " + ref));
    }
}
