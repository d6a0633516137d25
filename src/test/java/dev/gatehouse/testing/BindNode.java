package dev.gatehouse.testing;

import java.util.Map;

/**
 * One {@link TestNode} per test JVM whose DNS checks go to {@link Bind#shared()}, with the shortest
 * allowed DNS timeout (500 ms): for tests that connect domains end to end.
 */
public final class BindNode {

    private static volatile TestNode shared;

    private BindNode() {}

    public static synchronized TestNode shared() {
        if (shared == null) {
            shared =
                    TestNode.start(
                            Map.of(
                                    "DOMAINS_DNS_NAMESERVERS",
                                    Bind.shared().nameserver(),
                                    "DOMAINS_DNS_TIMEOUT_MS",
                                    "500"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }
}
