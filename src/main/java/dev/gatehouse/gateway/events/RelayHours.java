package dev.gatehouse.gateway.events;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relays per tenant and hour, allowed and denied by reason, for the portal's charts.
 *
 * <p>Design: a relay adds one to a node-local counter ({@link #count}); every {@code
 * gatehouse.gateway.relay-hours-flush-ms} (10 s by default) and at shutdown the counters are taken
 * out of the map (each atomically, so an increment racing the flush lands in a fresh entry) and
 * added to {@code gateway_relay_hours} with one upsert; a failed write puts them back. So the
 * charts cost no write per relay, lag by at most one interval, and a crash loses at most one
 * interval of counts (the audit log keeps every relay). Rows older than {@link #KEPT} go once an
 * hour. Relays of no tenant (an unknown token) are not counted here; the metrics count them.
 * Thread-safe.
 */
@Component
public class RelayHours {

    /** How far back rows are kept: the longest chart (7 days) and a day of margin. */
    public static final Duration KEPT = Duration.ofDays(8);

    /** The longest window a read may ask for. */
    public static final Duration LONGEST_WINDOW = Duration.ofDays(7);

    private static final Logger log = LoggerFactory.getLogger(RelayHours.class);
    private static final SystemScope FLUSH = new SystemScope("gateway: relay hour counts");
    private static final int ROWS_PER_STATEMENT = 500;

    private record Key(long tenant, Instant hour, boolean allowed, String reason) {}

    /** One stored count. */
    public record HourCount(Instant hour, boolean allowed, String reason, long count) {}

    private final JdbcClient jdbc;
    private final Transactions tx;
    private final Clock clock;
    private final ConcurrentHashMap<Key, Long> pending = new ConcurrentHashMap<>();
    private volatile Instant lastPrune = Instant.EPOCH;

    RelayHours(JdbcClient jdbc, Transactions tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Counts one relay of {@code tenant} at {@code at}.
     *
     * @param deniedReason null for a relayed request, else the denial's code
     */
    public void count(TenantId tenant, Instant at, @Nullable String deniedReason) {
        Key key =
                new Key(
                        tenant.value(),
                        at.truncatedTo(ChronoUnit.HOURS),
                        deniedReason == null,
                        deniedReason == null ? "" : deniedReason);
        pending.merge(key, 1L, Long::sum);
    }

    /** Adds what was counted since the last flush to the table. */
    @Scheduled(fixedDelayString = "${gatehouse.gateway.relay-hours-flush-ms:10000}")
    public void flush() {
        Map<Key, Long> batch = new LinkedHashMap<>();
        for (Key key : pending.keySet()) {
            Long n = pending.remove(key);
            if (n != null) {
                batch.put(key, n);
            }
        }
        boolean prune = Duration.between(lastPrune, clock.instant()).toHours() >= 1;
        if (batch.isEmpty() && !prune) {
            return;
        }
        try {
            tx.inSystem(
                    FLUSH,
                    () -> {
                        write(new ArrayList<>(batch.entrySet()));
                        if (prune) {
                            jdbc.sql("delete from gateway_relay_hours where hour < ?")
                                    .param(Timestamp.from(clock.instant().minus(KEPT)))
                                    .update();
                        }
                        return null;
                    });
            if (prune) {
                lastPrune = clock.instant();
            }
        } catch (DataAccessException e) {
            batch.forEach((k, n) -> pending.merge(k, n, Long::sum));
            log.warn(
                    "Could not add {} relay hour counts; will retry ({})",
                    batch.size(),
                    e.getClass().getSimpleName());
        }
    }

    private void write(List<Map.Entry<Key, Long>> entries) {
        for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
            List<Map.Entry<Key, Long>> chunk =
                    entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT));
            StringBuilder sql =
                    new StringBuilder(
                            "insert into gateway_relay_hours (tenant_id, hour, outcome, reason,"
                                    + " count) values ");
            List<Object> params = new ArrayList<>(chunk.size() * 5);
            for (int i = 0; i < chunk.size(); i++) {
                Key k = chunk.get(i).getKey();
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?)");
                params.add(k.tenant());
                params.add(Timestamp.from(k.hour()));
                params.add(k.allowed() ? "allowed" : "denied");
                params.add(k.reason());
                params.add(chunk.get(i).getValue());
            }
            sql.append(
                    " on conflict (tenant_id, hour, outcome, reason) do update set count ="
                            + " gateway_relay_hours.count + excluded.count");
            jdbc.sql(sql.toString()).params(params).update();
        }
    }

    /**
     * The stored counts of {@code tenant} for the hours from {@code from} (inclusive, truncated to
     * the hour) to {@code to} (exclusive), oldest first; counts not yet flushed are not included.
     */
    public List<HourCount> read(TenantId tenant, Instant from, Instant to) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select hour, outcome, reason, count from"
                                                + " gateway_relay_hours where tenant_id = ? and"
                                                + " hour >= ? and hour < ? order by hour, outcome,"
                                                + " reason")
                                .param(tenant.value())
                                .param(Timestamp.from(from.truncatedTo(ChronoUnit.HOURS)))
                                .param(Timestamp.from(to))
                                .query(
                                        (rs, n) ->
                                                new HourCount(
                                                        rs.getTimestamp("hour").toInstant(),
                                                        rs.getString("outcome").equals("allowed"),
                                                        rs.getString("reason"),
                                                        rs.getLong("count")))
                                .list());
    }

    /** One hour of a chart: relayed and denied, the denials by reason (sorted by code). */
    public record Hour(Instant hour, long allowed, long denied, Map<String, Long> deniedByReason) {}

    /**
     * Every hour of the last {@code hours} hours up to and including the current one, oldest first,
     * with zeros where nothing was counted.
     */
    public List<Hour> lastHours(TenantId tenant, int hours) {
        if (hours < 1 || hours > LONGEST_WINDOW.toHours()) {
            throw new IllegalArgumentException("hours must be 1 to " + LONGEST_WINDOW.toHours());
        }
        Instant current = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant first = current.minus(Duration.ofHours(hours - 1L));
        Map<Instant, Tally> tallies = new TreeMap<>();
        for (int i = 0; i < hours; i++) {
            tallies.put(first.plus(Duration.ofHours(i)), new Tally());
        }
        for (HourCount c : read(tenant, first, current.plus(Duration.ofHours(1)))) {
            Tally t = tallies.get(c.hour());
            if (t != null) {
                t.add(c);
            }
        }
        List<Hour> out = new ArrayList<>(hours);
        tallies.forEach(
                (h, t) ->
                        out.add(
                                new Hour(
                                        h,
                                        t.allowed,
                                        t.denied,
                                        Collections.unmodifiableMap(t.reasons))));
        return out;
    }

    /** One hour being summed up. */
    private static final class Tally {
        long allowed;
        long denied;
        final Map<String, Long> reasons = new TreeMap<>();

        void add(HourCount c) {
            if (c.allowed()) {
                allowed += c.count();
            } else {
                denied += c.count();
                reasons.merge(c.reason(), c.count(), Long::sum);
            }
        }
    }

    @jakarta.annotation.PreDestroy
    void atShutdown() {
        flush();
    }
}
