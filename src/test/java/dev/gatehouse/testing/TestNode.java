package dev.gatehouse.testing;

import dev.gatehouse.GatehouseApplication;
import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.config.SettingsLoader;
import dev.gatehouse.kernel.product.ProductModules;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real Gatehouse node for integration tests: the same start-up path as production, real HTTP on
 * loopback, a real PostgreSQL database of its own. {@link #shared()} is one node per test JVM for
 * tests that only need isolation by tenant; tests that need their own settings start their own.
 */
public final class TestNode implements AutoCloseable {

    /** Every port {@link #freePort} has returned in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static volatile TestNode shared;

    private final ConfigurableApplicationContext context;
    private final CapturedTerminal terminal;
    private final Map<String, String> env;
    private final Http http;
    private final Http management;

    private TestNode(
            ConfigurableApplicationContext context,
            CapturedTerminal terminal,
            Map<String, String> env) {
        this.context = context;
        this.terminal = terminal;
        this.env = Map.copyOf(env);
        this.http = new Http("http://127.0.0.1:" + env.get("SERVER_PORT"));
        this.management = new Http("http://127.0.0.1:" + env.get("MANAGEMENT_PORT"));
    }

    public static synchronized TestNode shared() {
        if (shared == null) {
            shared = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Settings for a new node on a new database; {@code overrides} win. */
    public static Map<String, String> environment(Map<String, String> overrides) {
        String db = TestDatabase.createDatabase();
        Map<String, String> env = new HashMap<>();
        env.put("GATEHOUSE_ENV", "development");
        env.put("DATABASE_URL", TestDatabase.jdbcUrl(db));
        env.put("DATABASE_USER", "postgres");
        env.put("DATABASE_APP_ROLE", "app_" + db);
        int port = freePort();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("PUBLIC_URL", publicUrl(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("MANAGEMENT_PORT", Integer.toString(freePort()));
        env.put("APP_KEY", randomKey());
        env.put("CREDENTIAL_ENC_KEY", randomKey());
        env.put("TOKEN_HMAC_SECRET", randomKey());
        env.put("RATE_LIMIT_KEY_PER_MINUTE", "100000");
        env.put("RATE_LIMIT_IP_PER_MINUTE", "100000");
        env.put("LAST_USED_FLUSH_SECONDS", "3600");
        env.put("DATABASE_NAME_FOR_TESTS", db);
        env.put("SYNC_DEMO", "false"); // DemoCompanyIT turns it on
        env.putAll(overrides);
        return env;
    }

    public static TestNode start(Map<String, String> overrides) {
        return startWith(environment(overrides));
    }

    /**
     * Starts a node with exactly this environment (for example a second node on the same database).
     */
    public static TestNode startWith(Map<String, String> env) {
        return startWith(env, ProductModules.installed());
    }

    /** Starts a node with exactly this environment and exactly these products. */
    public static TestNode startWith(Map<String, String> env, ProductModules products) {
        try {
            Path dir = Files.createTempDirectory("gatehouse-node");
            Map<String, String> withDir = new HashMap<>(env);
            withDir.putIfAbsent("GATEHOUSE_DATA_DIR", dir.resolve("data").toString());
            Settings settings = new SettingsLoader(new SecureRandom(), products).load(withDir, dir);
            CapturedTerminal terminal = new CapturedTerminal();
            ConfigurableApplicationContext context =
                    GatehouseApplication.start(
                            settings, terminal.terminal(), WebApplicationType.SERVLET);
            return new TestNode(context, terminal, withDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A second node on this node's database, with its own ports: the cluster tests' other instance.
     */
    public TestNode peer() {
        return peer(ProductModules.installed());
    }

    /** A second node on this node's database with other products installed. */
    public TestNode peer(ProductModules products) {
        Map<String, String> env = new HashMap<>(this.env);
        env.remove("GATEHOUSE_DATA_DIR");
        int port = freePort();
        if (publicUrl(Integer.parseInt(env.get("SERVER_PORT"))).equals(env.get("PUBLIC_URL"))) {
            env.put("PUBLIC_URL", publicUrl(port));
        }
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(freePort()));
        return startWith(env, products);
    }

    /** The public URL a node on {@code port} gets unless the test names another: itself. */
    static String publicUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    public Http http() {
        return http;
    }

    public Http management() {
        return management;
    }

    public Map<String, String> env() {
        return env;
    }

    public String database() {
        return env.get("DATABASE_NAME_FOR_TESTS");
    }

    public CapturedTerminal terminal() {
        return terminal;
    }

    /** The operator key printed at first boot. */
    public String operatorKey() {
        return terminal.valueAfter("Operator key:");
    }

    /** The first tenant's admin key printed at first boot. */
    public String bootstrapAdminKey() {
        return terminal.valueAfter("Tenant admin key:");
    }

    /**
     * Waits until this node trusts its caches (it is registered and acknowledging cluster
     * invalidations), failing the test if that takes longer than {@code within}: two-node tests are
     * only meaningful once both nodes serve from caches they trust.
     */
    public void awaitCachesTrusted(java.time.Duration within) {
        ClusterInvalidations cluster = bean(ClusterInvalidations.class);
        long deadline = System.nanoTime() + within.toNanos();
        while (!cluster.cachesTrusted() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        if (!cluster.cachesTrusted()) {
            throw new AssertionError("the node's caches were not trusted within " + within);
        }
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * A port nothing listens on now and that this JVM has not handed out before: the kernel asks
     * for an ephemeral port and may be given the one it gave a moment ago, so two calls for one
     * node's server and management ports could otherwise collide before either is bound.
     */
    public static int freePort() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                int port = s.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String randomKey() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
