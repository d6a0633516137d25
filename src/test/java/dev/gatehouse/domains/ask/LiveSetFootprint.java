package dev.gatehouse.domains.ask;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * {@code bench/ask/memory.sh}: the heap a {@link LiveSet} holds per live hostname, measured as the
 * used heap after full collections before and after filling one with realistic hostnames (about 35
 * characters, 1,000 applications). Not a test: a program that prints its figures.
 */
public final class LiveSetFootprint {

    private LiveSetFootprint() {}

    public static void main(String[] args) {
        int applications = 1_000;
        for (String arg : args.length == 0 ? new String[] {"100000", "1000000"} : args) {
            int hostnames = Integer.parseInt(arg);
            long before = usedAfterGc();
            LiveSet set = LiveSet.sizedFor(hostnames);
            for (int i = 0; i < hostnames; i++) {
                int app = i % applications;
                set.put(
                        new LiveConnections.Row(
                                // new strings, as the database driver makes them
                                new String("shop-" + i + "-x7k2.customer-" + app + ".example"),
                                app % 50 + 1,
                                app + 1,
                                "https://origin-" + app + ".saas.example"));
            }
            long after = usedAfterGc();
            long bytes = after - before;
            System.out.printf(
                    Locale.ROOT,
                    "live set: %,d hostnames: %,d bytes, %.1f bytes per hostname, %.1f MiB per"
                            + " 100,000%n",
                    set.size(),
                    bytes,
                    (double) bytes / hostnames,
                    bytes / (double) hostnames * 100_000 / (1024 * 1024));
            Reference.reachabilityFence(set);
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
