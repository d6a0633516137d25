package dev.gatehouse.erpsync.sage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyAdministration;
import dev.gatehouse.erpsync.company.CompanyConfig;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.erpsync.step.StepCancellation;
import dev.gatehouse.kernel.cluster.InvalidationHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection pools of every company's databases on this node: one per (company, database), each
 * opened on its database ({@code databaseName} in the URL, so no statement ever needs {@code USE}
 * and a pooled connection cannot carry another database's context). A pool is built for one version
 * of its company; a change of the company (published on {@link CompanyAdministration#TOPIC} by
 * every save) closes it on every node, and a caller holding a newer version never gets the old one.
 * Pools are small (a company's steps run one after the other; within a step, at most {@code
 * SYNC_PORTAL_CONCURRENCY} items at once, each borrowing one connection per statement): {@value
 * #POOL_SIZE} connections, or that concurrency when it is larger. They validate their connections
 * and close idle ones.
 *
 * <p>The JDBC URL is the company's {@code url_template} or the default {@code jdbc:sqlserver:} URL,
 * with {@code {host}}, {@code {port}} and {@code {database}} replaced by values the company's
 * validation has already restricted to identifier characters; user and password are passed as
 * connection properties, never in the URL. Thread-safe.
 */
public final class SageDatabases implements InvalidationHandler, AutoCloseable {

    static final int POOL_SIZE = 3;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_LIFETIME = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(SageDatabases.class);

    private record Key(String company, SageDatabase database) {}

    private record Pool(long version, HikariDataSource dataSource) {}

    private final Map<Key, Pool> pools = new ConcurrentHashMap<>();
    private final Duration queryTimeout;
    private final boolean dryRun;
    private final int poolSize;

    public SageDatabases(Duration queryTimeout) {
        this(queryTimeout, false, 1);
    }

    /**
     * @param dryRun whether writes are only logged, never run ({@code SYNC_DRY_RUN})
     * @param concurrency how many items of a step may use a database at once ({@code
     *     SYNC_PORTAL_CONCURRENCY}), so that none waits for a connection
     */
    public SageDatabases(Duration queryTimeout, boolean dryRun, int concurrency) {
        this.dryRun = dryRun;
        this.queryTimeout = queryTimeout;
        this.poolSize = Math.max(POOL_SIZE, concurrency);
    }

    /** Statements against {@code database} of {@code company}, cancellable by {@code step}. */
    public SageSql sql(
            Company company, CompanySecrets secrets, SageDatabase database, StepCancellation step) {
        Key key = new Key(company.publicId(), database);
        Pool pool =
                pools.compute(
                        key,
                        (k, current) -> {
                            if (current != null && current.version() >= company.version()) {
                                return current;
                            }
                            if (current != null) {
                                current.dataSource().close();
                            }
                            return new Pool(
                                    company.version(), open(company, secrets, database, poolSize));
                        });
        return new SageSql(pool.dataSource(), database, queryTimeout, step, dryRun);
    }

    /** The JDBC URL of {@code database}, without credentials. */
    static String url(CompanyConfig config, SageDatabase database) {
        CompanyConfig.Sql sql = config.sql();
        String template =
                Objects.requireNonNullElse(
                        sql.urlTemplate(),
                        "jdbc:sqlserver://{host}:{port};databaseName={database};encrypt=true;"
                                + "trustServerCertificate="
                                + sql.trustServerCertificate()
                                + ";applicationName=Gatehouse;loginTimeout="
                                + CONNECT_TIMEOUT.toSeconds());
        return template.replace("{host}", sql.host())
                .replace("{port}", Integer.toString(sql.port()))
                .replace("{database}", database.nameIn(config.databases()));
    }

    private static HikariDataSource open(
            Company company, CompanySecrets secrets, SageDatabase database, int size) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("sage-" + company.publicId() + "-" + database.name().toLowerCase());
        c.setJdbcUrl(url(company.config(), database));
        c.setUsername(company.config().sql().user());
        c.setPassword(Objects.requireNonNullElse(secrets.sqlPassword(), ""));
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(0);
        c.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        c.setMaxLifetime(MAX_LIFETIME.toMillis());
        c.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        c.setValidationTimeout(Duration.ofSeconds(5).toMillis());
        c.setInitializationFailTimeout(-1);
        c.setAutoCommit(true);
        c.setRegisterMbeans(false);
        return new HikariDataSource(c);
    }

    /** How many pools are open now, for tests and the soak. */
    public int openPools() {
        return (int) pools.values().stream().filter(p -> !p.dataSource().isClosed()).count();
    }

    /** The open pools of {@code company}. */
    public List<SageDatabase> openFor(String companyPublicId) {
        return pools.entrySet().stream()
                .filter(e -> e.getKey().company().equals(companyPublicId))
                .filter(e -> !e.getValue().dataSource().isClosed())
                .map(e -> e.getKey().database())
                .toList();
    }

    @Override
    public String topic() {
        return CompanyAdministration.TOPIC;
    }

    /** Closes the pools of the company whose public id is {@code key}. */
    @Override
    public void evict(String key) {
        pools.keySet()
                .removeIf(
                        k -> {
                            if (!k.company().equals(key)) {
                                return false;
                            }
                            Pool p = pools.get(k);
                            if (p != null) {
                                p.dataSource().close();
                            }
                            return true;
                        });
    }

    /**
     * Nothing to do: a node that may have missed an invalidation still never hands out a pool older
     * than the company version its caller holds, and closing every pool would abort running steps.
     */
    @Override
    public void evictAll() {}

    @Override
    public void close() {
        pools.values().forEach(p -> p.dataSource().close());
        pools.clear();
        log.debug("Closed every Sage connection pool");
    }
}
