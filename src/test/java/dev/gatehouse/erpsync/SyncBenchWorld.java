package dev.gatehouse.erpsync;

import dev.gatehouse.erpsync.demo.FakePortal;

import org.h2.tools.Server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * What {@code bench/sync} syncs against, in a JVM of its own so that the node's heap is the node's:
 * a Sage company on H2 (the fixture's rows plus {@code payments} payments and {@code orders}
 * approved purchase orders made like them, entered two hours ago), served over TCP on loopback, and
 * the fake portal answering every request after {@code delay-ms}.
 *
 * <p>Usage: {@code SyncBenchWorld <payments> <orders> <delay-ms>}. Prints {@code READY portal=<url>
 * template=<jdbc url template>} once ready; then answers {@code stats} on stdin with {@code STATS
 * payments=<n> purchase_orders=<n> requests_kept=<n>} (what the portal stores, and its request log,
 * which keeps the latest 10,000), and stops on {@code quit} or the end of stdin.
 */
public final class SyncBenchWorld {

    private SyncBenchWorld() {}

    public static void main(String[] args) throws Exception {
        int payments = Integer.parseInt(args[0]);
        int orders = Integer.parseInt(args[1]);
        Duration delay = Duration.ofMillis(Long.parseLong(args[2]));
        ZoneId zone = ZoneId.of("America/Mexico_City");
        LocalDateTime entered = LocalDateTime.now(zone).minusHours(2).withNano(0);
        long t0 = System.nanoTime();
        SageFixture sage = SageFixture.create(LocalDate.now(zone));
        SageRows rows = new SageRows(sage);
        rows.payments(1, payments, "P001", entered);
        rows.purchaseOrders(1, orders, entered);
        System.err.printf(
                "world: %d payments and %d purchase orders written in %.1f s%n",
                payments, orders, (System.nanoTime() - t0) / 1e9);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Server h2 = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifExists").start();
        String template =
                sage.urlTemplate()
                        .replace("jdbc:h2:mem:", "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:");
        FakePortal portal = FakePortal.start(SyncCompanies.PORTAL_KEY, SyncCompanies.PORTAL_SECRET);
        portal.delayAll(delay);
        System.out.println("READY portal=" + portal.url() + " template=" + template);
        System.out.flush();
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.strip().equals("quit")) {
                break;
            }
            if (line.strip().equals("stats")) {
                System.out.println(
                        "STATS payments="
                                + portal.payments().size()
                                + " purchase_orders="
                                + portal.purchaseOrders().size()
                                + " requests_kept="
                                + portal.requests().size());
                System.out.flush();
            }
        }
        portal.close();
        h2.stop();
        sage.close();
    }
}
