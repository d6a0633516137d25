package dev.gatehouse.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

class AuditQueryIT {

    private static AuditFixture audit;
    private static TenantId a;
    private static TenantId b;

    @BeforeAll
    static void start() {
        audit = new AuditFixture();
        a = audit.tenant("query-a");
        b = audit.tenant("query-b");
        for (int i = 0; i < 30; i++) {
            audit.clock.advance(Duration.ofMinutes(1));
            var entry =
                    AuditEntry.of(
                                    a,
                                    Actor.apiKey(i % 2 == 0 ? "key_even" : "key_odd", null),
                                    i % 3 == 0 ? "api_key.revoked" : "api_key.created")
                            .withTarget("api_key", "key_t" + i)
                            .withRequest("req_query_" + i, "10.0.0." + i, "ua");
            audit.log.record(i % 5 == 0 ? entry.denied("scope_missing") : entry.allowed());
        }
        audit.event(b, "api_key.created");
    }

    @AfterAll
    static void stop() {
        audit.close();
    }

    private static AuditQuery query(
            String action,
            String actor,
            String target,
            Decision decision,
            Instant from,
            Instant to,
            String ref) {
        return new AuditQuery(action, actor, target, decision, from, to, ref, 100, null);
    }

    @Test
    void tenantSeesNoneOfAnotherTenantsEvents() {
        assertThat(audit.reader.query(a, AuditQuery.all().withLimit(100)).events())
                .hasSize(30)
                .allMatch(e -> "ten_query-a".equals(e.tenant()));
        assertThat(audit.reader.query(b, AuditQuery.all().withLimit(100)).events())
                .hasSize(1)
                .allMatch(e -> "ten_query-b".equals(e.tenant()));
        long rlsOnly =
                audit.transactions.inTenant(
                        a,
                        () ->
                                audit.app
                                        .sql(
                                                "select count(*) from audit_events where tenant_id"
                                                        + " = ?")
                                        .param(b.value())
                                        .query(Long.class)
                                        .single());
        assertThat(rlsOnly).as("row-level security hides B even when asked by id").isZero();
    }

    @Test
    void filtersNarrowTheResult() {
        assertThat(
                        audit.reader
                                .query(
                                        a,
                                        query(
                                                "api_key.revoked",
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                null))
                                .events())
                .hasSize(10)
                .allMatch(e -> e.action().equals("api_key.revoked"));
        assertThat(
                        audit.reader
                                .query(a, query(null, "key_even", null, null, null, null, null))
                                .events())
                .hasSize(15)
                .allMatch(e -> e.actor().id().equals("key_even"));
        assertThat(
                        audit.reader
                                .query(a, query(null, null, "key_t7", null, null, null, null))
                                .events())
                .singleElement()
                .satisfies(e -> assertThat(e.ref()).isEqualTo("req_query_7"));
        assertThat(
                        audit.reader
                                .query(a, query(null, null, null, Decision.DENY, null, null, null))
                                .events())
                .hasSize(6)
                .allMatch(e -> "scope_missing".equals(e.reason()));
        assertThat(
                        audit.reader
                                .query(a, query(null, null, null, null, null, null, "req_query_12"))
                                .events())
                .singleElement()
                .satisfies(e -> assertThat(e.target().id()).isEqualTo("key_t12"));
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        assertThat(
                        audit.reader
                                .query(
                                        a,
                                        query(
                                                null,
                                                null,
                                                null,
                                                null,
                                                start.plus(Duration.ofMinutes(5)),
                                                start.plus(Duration.ofMinutes(10)),
                                                null))
                                .events())
                .hasSize(5);
    }

    @Test
    void cursorPagesWalkEveryEventOnceNewestFirst() {
        List<String> seen = new ArrayList<>();
        AuditQuery q = AuditQuery.all().withLimit(7);
        int pages = 0;
        while (true) {
            AuditPage page = audit.reader.query(a, q);
            page.events().forEach(e -> seen.add(e.id()));
            pages++;
            if (page.next() == null) {
                break;
            }
            q = q.withCursor(page.next());
        }
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(30).doesNotHaveDuplicates();
        List<AuditEvent> all = audit.reader.query(a, AuditQuery.all().withLimit(100)).events();
        assertThat(all.getFirst().occurredAt()).isAfter(all.getLast().occurredAt());
        assertThat(seen).isEqualTo(all.stream().map(AuditEvent::id).toList());
    }

    @Test
    void exportStreamsAllMatchesUpToTheBound() {
        List<AuditEvent> out = new ArrayList<>();
        assertThat(audit.reader.export(a, AuditQuery.all(), 100_000, out::add)).isEqualTo(30);
        assertThat(out).hasSize(30);
        List<AuditEvent> bounded = new ArrayList<>();
        assertThat(audit.reader.export(a, AuditQuery.all(), 12, bounded::add)).isEqualTo(12);
    }
}
