package dev.gatehouse.erpsync;

import dev.gatehouse.erpsync.demo.FakePortal;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/sync}: how many items a minute one company sends, and the node's heap meanwhile. The
 * company's Sage database holds {@code bench.payments} payments and {@code bench.orders} purchase
 * orders due to be sent, and its portal answers every request after {@code bench.delayMs}; both
 * live in a second JVM ({@link SyncBenchWorld}), so this JVM's heap is the node's. The node runs
 * with its default settings; the bench asks it to run the company's cycle ("Run now"), one run
 * after the other, until every generated item is in the ledger as sent by Gatehouse or {@code
 * bench.maxMinutes} have passed, printing a line per run and the totals.
 *
 * <p>Not a test: run by {@code bench/sync/run.sh}, never by {@code ./mvnw verify}.
 */
public final class SyncBench {

    private SyncBench() {}

    /**
     * One run of the cycle: as the API reports it (status, its two sending steps' seconds, the
     * error), with the items the ledger gained meanwhile (a step that timed out has no summary).
     */
    record Run(
            int n,
            String status,
            double seconds,
            long paymentsSent,
            double paymentsSeconds,
            long ordersSent,
            double ordersSeconds,
            String error) {

        Run sent(long payments, long orders) {
            return new Run(
                    n, status, seconds, payments, paymentsSeconds, orders, ordersSeconds, error);
        }
    }

    public static void main(String[] args) throws Exception {
        int payments = Integer.getInteger("bench.payments", 10_000);
        int orders = Integer.getInteger("bench.orders", 10_000);
        int delayMs = Integer.getInteger("bench.delayMs", 50);
        int maxMinutes = Integer.getInteger("bench.maxMinutes", 60);
        String concurrency = System.getProperty("bench.concurrency", "");
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-sync"));
        Files.createDirectories(dir);
        PrintStream out = System.out;
        Path log = dir.resolve("node.log");
        PrintStream logs = new PrintStream(new FileOutputStream(log.toFile()), true);
        System.setOut(logs);
        System.setErr(logs);
        int code;
        try (HeapWatch heap = new HeapWatch();
                World world = World.start(dir, payments, orders, delayMs);
                FakeLicenseServer licenses = FakeLicenseServer.start()) {
            Map<String, String> env = new HashMap<>(licenses.settings());
            if (!concurrency.isEmpty()) {
                env.put("SYNC_PORTAL_CONCURRENCY", concurrency);
            }
            try (TestNode node = TestNode.start(env)) {
                code = bench(out, log, node, world, heap, payments, orders, delayMs, maxMinutes);
            }
        }
        out.flush();
        System.exit(code);
    }

    private static int bench(
            PrintStream out,
            Path log,
            TestNode node,
            World world,
            HeapWatch heap,
            int payments,
            int orders,
            int delayMs,
            int maxMinutes) {
        String key = Tenancy.newTenant(node).adminKey();
        var body =
                SyncCompanies.company("Bench " + System.nanoTime(), world.portal, world.template);
        @SuppressWarnings("unchecked")
        var portal = (Map<String, Object>) body.get("portal");
        portal.put("tenant_id", FakePortal.TENANT);
        @SuppressWarnings("unchecked")
        var sql = (Map<String, Object>) body.get("sql");
        sql.put("user", SageFixture.USER);
        sql.put("password", SageFixture.PASSWORD);
        body.put("cron", "0 0 1 1 *");
        String company = SyncCompanies.created(node, key, body);
        JdbcClient owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        long baseline = heap.live();

        out.printf(
                "bench/sync: %,d payments + %,d purchase orders due, portal answering in %d ms;"
                        + " node heap max %d MiB; %d CPUs, load average %s%n",
                payments,
                orders,
                delayMs,
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        out.printf("  portal concurrency: %s%n", concurrencyOf(node));
        out.printf(
                "%4s %-10s %8s %10s %9s %10s %9s %12s%n",
                "run", "status", "seconds", "payments", "pay s", "POs", "PO s", "items/min");
        List<Run> runs = new ArrayList<>();
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(maxMinutes).toNanos();
        long sentPayments = 0;
        long sentOrders = 0;
        while (System.nanoTime() < deadline && (sentPayments < payments || sentOrders < orders)) {
            Run ran = run(node, key, company, runs.size() + 1);
            long p = sent(owner, company, "payment", "PYS%");
            long o = sent(owner, company, "purchase_order", "POS%");
            boolean progress = p > sentPayments || o > sentOrders;
            Run r = ran.sent(p - sentPayments, o - sentOrders);
            runs.add(r);
            sentPayments = p;
            sentOrders = o;
            out.printf(
                    "%4d %-10s %8.1f %10d %9.1f %10d %9.1f %12.0f%s%n",
                    r.n(),
                    r.status(),
                    r.seconds(),
                    r.paymentsSent(),
                    r.paymentsSeconds(),
                    r.ordersSent(),
                    r.ordersSeconds(),
                    (r.paymentsSent() + r.ordersSent()) / (r.seconds() / 60),
                    r.error().isEmpty() ? "" : "  " + r.error());
            if (!progress && r.status().equals("succeeded")) {
                out.println(
                        "  a run that succeeded sent nothing new: what is left waits for its"
                                + " retry interval");
                break;
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        long items = sentPayments + sentOrders;
        double rate = items / minutes;
        double paySeconds = runs.stream().mapToDouble(Run::paymentsSeconds).sum();
        double poSeconds = runs.stream().mapToDouble(Run::ordersSeconds).sum();
        long payItems = runs.stream().mapToLong(Run::paymentsSent).sum();
        long poItems = runs.stream().mapToLong(Run::ordersSent).sum();
        out.printf(
                "%ntotal: %,d of %,d items sent (%,d payments, %,d purchase orders) in %d runs,"
                        + " %.1f min: %.0f items/min%n",
                items, payments + orders, sentPayments, sentOrders, runs.size(), minutes, rate);
        out.printf(
                "  while sending: payments %.0f/min (%,d in %.0f s of uploadPayments), purchase"
                        + " orders %.0f/min (%,d in %.0f s of createPurchaseOrders)%n",
                payItems / (paySeconds / 60),
                payItems,
                paySeconds,
                poItems / (poSeconds / 60),
                poItems,
                poSeconds);
        out.printf(
                "  node heap: peak used %d MiB (sampled every %d ms), peak after a collection %d"
                        + " MiB, after start-up %d MiB%n",
                heap.peakUsed() >> 20,
                HeapWatch.EVERY.toMillis(),
                heap.peakAfterGc() >> 20,
                baseline >> 20);
        out.printf("  not sent: %s%n", unsent(owner, company));
        out.printf("  portal: %s%n", world.stats());
        boolean fits = heap.peakAfterGc() <= 256L << 20 && !outOfMemory(log);
        out.printf(
                "goals: >= 2,000 items/min per company: %s; peak heap <= 256 MiB: %s (peak after a"
                        + " collection, in a heap of at most %d MiB%s)%n",
                rate >= 2000 ? "ok" : "MISSED",
                fits ? "ok" : "MISSED",
                Runtime.getRuntime().maxMemory() >> 20,
                outOfMemory(log) ? ", with an OutOfMemoryError in node.log" : "");
        out.printf("load average after: %s%n", loadAverage());
        return items == payments + orders ? 0 : 2;
    }

    /** Asks for a run and waits for its end. */
    private static Run run(TestNode node, String key, String company, int n) {
        long t0 = System.nanoTime();
        Http.Response r = node.http().post("/v1/sync/companies/" + company + "/run", key, "");
        if (r.status() != 202) {
            throw new IllegalStateException("run answered " + r.status() + ": " + r.body());
        }
        String id = r.json().get("run_id").asString();
        JsonNode run;
        do {
            sleep(250);
            run = node.http().get("/v1/sync/runs/" + id, key).json();
        } while (run.get("status").asString().equals("running")
                || run.get("status").asString().equals("queued"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double paymentsSeconds = 0;
        double ordersSeconds = 0;
        for (JsonNode step : run.get("steps")) {
            String name = step.path("name").asString("");
            double s = step.path("duration_ms").asLong(0) / 1000.0;
            if (name.equals("uploadPayments")) {
                paymentsSeconds = s;
            } else if (name.equals("createPurchaseOrders")) {
                ordersSeconds = s;
            }
        }
        String error = run.path("error").isNull() ? "" : run.path("error").asString("");
        return new Run(
                n,
                run.get("status").asString(),
                seconds,
                0,
                paymentsSeconds,
                0,
                ordersSeconds,
                error.length() > 60 ? error.substring(0, 60) + "…" : error);
    }

    /**
     * Generated items of {@code kind} the ledger has as sent by Gatehouse: sent now, or found at
     * the portal by the lookup after an attempt whose answer was lost.
     */
    private static long sent(JdbcClient owner, String company, String kind, String keys) {
        return owner.sql(
                        "select count(*) from sync_ledger l join sync_companies c on c.id ="
                            + " l.company_id where c.public_id = ? and l.kind = ? and l.state ="
                            + " 'sent' and l.source in ('gatehouse', 'portal') and l.sage_key like"
                            + " ?")
                .param(company)
                .param(kind)
                .param(keys)
                .query(Long.class)
                .single();
    }

    /** Whether the node logged an {@code OutOfMemoryError}. */
    private static boolean outOfMemory(Path log) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.anyMatch(l -> l.contains("OutOfMemoryError"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The generated items the ledger does not have as sent, by ledger state. */
    private static String unsent(JdbcClient owner, String company) {
        Map<String, Long> out = new java.util.TreeMap<>();
        owner.sql(
                        "select l.state || ' (next attempt ' || coalesce(to_char(l.next_attempt_at,"
                                + " 'HH24:MI'), '-') || ')', count(*) from sync_ledger l join"
                                + " sync_companies c on c.id = l.company_id where c.public_id = ?"
                                + " and (l.sage_key like 'PYS%' or l.sage_key like 'POS%') and"
                                + " l.state <> 'sent' group by 1")
                .param(company)
                .query((rs, n) -> out.put(rs.getString(1), rs.getLong(2)))
                .list();
        return out.isEmpty() ? "none" : out.toString();
    }

    /** The node's bound on concurrent portal calls, if this build has one. */
    private static String concurrencyOf(TestNode node) {
        SyncSettings settings = node.bean(Settings.class).section(SyncSettings.class);
        return Arrays.stream(SyncSettings.class.getRecordComponents())
                .filter(c -> c.getName().toLowerCase(java.util.Locale.ROOT).contains("concurren"))
                .findFirst()
                .map(
                        c -> {
                            try {
                                return c.getName() + " = " + c.getAccessor().invoke(settings);
                            } catch (ReflectiveOperationException e) {
                                return c.getName() + " (unreadable: " + e + ")";
                            }
                        })
                .orElse("1 (this build has no setting for it: the cycle sends one item at a time)");
    }

    private static String loadAverage() {
        try {
            return String.join(
                    " ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@link SyncBenchWorld} process. */
    private record World(
            Process process, BufferedReader out, PrintWriter in, String portal, String template)
            implements AutoCloseable {

        static World start(Path dir, int payments, int orders, int delayMs) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(
                    Arrays.asList(System.getProperty("bench.worldOpts", "-Xmx1g").split(" ")));
            command.addAll(
                    List.of(
                            "-cp",
                            System.getProperty("java.class.path"),
                            SyncBenchWorld.class.getName(),
                            Integer.toString(payments),
                            Integer.toString(orders),
                            Integer.toString(delayMs)));
            Process p =
                    new ProcessBuilder(command)
                            .redirectError(dir.resolve("world.log").toFile())
                            .start();
            BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
            String ready = out.readLine();
            while (ready != null && !ready.startsWith("READY ")) {
                ready = out.readLine();
            }
            if (ready == null) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        "the bench world ended before it was ready; see "
                                + dir.resolve("world.log"));
            }
            String[] f = ready.split(" ");
            return new World(
                    p,
                    out,
                    in,
                    f[1].substring("portal=".length()),
                    f[2].substring("template=".length()));
        }

        String stats() {
            in.println("stats");
            try {
                String line = out.readLine();
                return line == null ? "?" : line.replace("STATS ", "");
            } catch (IOException e) {
                return "? (" + e + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            in.println("quit");
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
