package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestClock;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

class PostgresRateLimiterIT {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private final TestClock clock = TestClock.standard();

    @BeforeAll
    static void start() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        String sql;
        try (var in =
                PostgresRateLimiterIT.class.getResourceAsStream(
                        "/db/migration/V3__rate_limit_buckets.sql")) {
            sql =
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .replace("${app_role}", "postgres");
        }
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void twoNodesShareOneExactBucketForSmallLimits() {
        var nodeA = new PostgresRateLimiter(dataSource, clock, 100);
        var nodeB = new PostgresRateLimiter(dataSource, clock, 100);
        var login = RateLimit.perMinute("login", 4);
        assertThat(nodeA.tryConsume("acct:1", login)).isInstanceOf(RateDecision.Allowed.class);
        assertThat(nodeB.tryConsume("acct:1", login)).isInstanceOf(RateDecision.Allowed.class);
        assertThat(nodeA.tryConsume("acct:1", login)).isInstanceOf(RateDecision.Allowed.class);
        assertThat(nodeB.tryConsume("acct:1", login).remaining()).isZero();
        assertThat(nodeA.tryConsume("acct:1", login)).isInstanceOf(RateDecision.Limited.class);
        assertThat(nodeB.tryConsume("acct:1", login)).isInstanceOf(RateDecision.Limited.class);
        clock.advance(Duration.ofSeconds(15));
        assertThat(nodeB.tryConsume("acct:1", login)).isInstanceOf(RateDecision.Allowed.class);
    }

    @Test
    void bucketsAreStoredInTheMigratedTable() throws SQLException {
        new PostgresRateLimiter(dataSource, clock, 100)
                .tryConsume("ip:203.0.113.9", RateLimit.perMinute("ip", 5));
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                var rs =
                        st.executeQuery(
                                "select count(*) from rate_limit_buckets where id ="
                                        + " 'ip:ip:203.0.113.9'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void concurrentNodesNeverAdmitMoreThanTheLimit()
            throws InterruptedException, ExecutionException {
        var limit = RateLimit.perMinute("key", 100);
        var nodes =
                new PostgresRateLimiter[] {
                    new PostgresRateLimiter(dataSource, clock, 100),
                    new PostgresRateLimiter(dataSource, clock, 100)
                };
        var tasks = new ArrayList<Callable<Integer>>();
        for (PostgresRateLimiter node : nodes) {
            tasks.add(
                    () -> {
                        int allowed = 0;
                        for (int i = 0; i < 150; i++) {
                            if (node.tryConsume("key:key_hot", limit)
                                    instanceof RateDecision.Allowed) {
                                allowed++;
                            }
                        }
                        return allowed;
                    });
        }
        int total = 0;
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (var f : pool.invokeAll(tasks)) {
                total += f.get();
            }
        }
        assertThat(total).isEqualTo(100);
    }

    @Test
    void concurrentNodesDecideMostRequestsFromTheirLeasesAndStayWithinTheLimit()
            throws InterruptedException, ExecutionException {
        var limit = RateLimit.perMinute("key", 1000);
        var borrowed = new AtomicInteger();
        DataSource counting = countingConnections(dataSource, borrowed);
        var nodes =
                new PostgresRateLimiter[] {
                    new PostgresRateLimiter(counting, clock, 100),
                    new PostgresRateLimiter(counting, clock, 100)
                };
        var tasks = new ArrayList<Callable<Integer>>();
        for (PostgresRateLimiter node : nodes) {
            for (int thread = 0; thread < 4; thread++) {
                tasks.add(
                        () -> {
                            int allowed = 0;
                            for (int i = 0; i < 375; i++) {
                                if (node.tryConsume("key:key_leased", limit)
                                        instanceof RateDecision.Allowed) {
                                    allowed++;
                                }
                            }
                            return allowed;
                        });
            }
        }
        int total = 0;
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var f : pool.invokeAll(tasks)) {
                total += f.get();
            }
        }
        long lease = TokenLeases.leaseSize(limit);
        // The clock stands still: nothing refills, so the shared bucket is the whole budget. Each
        // node may strand at most lease - 1 tokens it leased but had no request left for.
        assertThat(total).isBetween((int) (1000 - 2 * (lease - 1)), 1000);
        // 3000 decisions: about 100 full leases, a partial one and an empty one per node, and the
        // bucket's creation; everything else was decided without the database.
        assertThat(borrowed.get()).isBetween(100, 110);
    }

    private static DataSource countingConnections(DataSource target, AtomicInteger borrowed) {
        return (DataSource)
                Proxy.newProxyInstance(
                        DataSource.class.getClassLoader(),
                        new Class<?>[] {DataSource.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("getConnection")) {
                                borrowed.incrementAndGet();
                            }
                            try {
                                return method.invoke(target, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }

    @Test
    void expiredRowsArePurgedAndLiveOnesKept() throws SQLException {
        var limiter = new PostgresRateLimiter(dataSource, clock, 100);
        limiter.tryConsume("ip:198.51.100.1", RateLimit.perMinute("ip", 5));
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement()) {
            st.execute(
                    "insert into rate_limit_buckets (id, state, expires_at) values ('ip:ip:stale',"
                            + " null, 1)");
        }
        assertThat(limiter.purgeExpired(1000)).isEqualTo(1);
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                var rs =
                        st.executeQuery(
                                "select count(*) from rate_limit_buckets where id ="
                                        + " 'ip:ip:198.51.100.1'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
