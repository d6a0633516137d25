package dev.gatehouse.kernel.audit;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.testing.TestClock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.util.Map;

/**
 * The audit log wired by hand over a fresh {@link AuditDatabase}, the way {@code
 * AuditConfiguration} wires it, with a hand-moved clock. Close it to stop the writer and the pool.
 */
public final class AuditFixture implements AutoCloseable {

    public final AuditDatabase.Databases db;
    public final TestClock clock = TestClock.standard();
    public final JsonMapper json = JsonMapper.builder().build();
    public final JdbcClient app;
    public final JdbcClient owner;
    public final Transactions transactions;
    public final AuditLog log;
    public final AuditSealer sealer;
    public final AuditVerifier verifier;
    public final AuditReader reader;
    public final AuditPruner pruner;
    final BatchingAuditWriter writer;

    public AuditFixture() {
        this(AuditSettings.defaults());
    }

    AuditFixture(AuditSettings settings) {
        db = AuditDatabase.fresh();
        app = JdbcClient.create(db.app());
        owner = JdbcClient.create(db.owner());
        transactions =
                new Transactions(
                        new TransactionTemplate(new DataSourceTransactionManager(db.app())), app);
        var store = new AuditEventStore(app, json);
        var chain = new AuditChainStore(app);
        var hashes = new ChainHash();
        SystemScope scope = new SystemScope("test writer");
        writer =
                new BatchingAuditWriter(
                        batch ->
                                transactions.inSystem(
                                        scope,
                                        () -> {
                                            store.insert(batch);
                                            return null;
                                        }),
                        settings,
                        Thread.ofPlatform().name("test-audit-writer").factory(),
                        null);
        writer.start();
        log =
                new AuditLog(
                        transactions,
                        store,
                        writer,
                        new DetailsRedactor(json, settings.previewBytes()),
                        new EventIds(clock, new SecureRandom()),
                        clock);
        sealer = new AuditSealer(transactions, chain, hashes, clock, settings.sealBatch());
        verifier = new AuditVerifier(transactions, chain, hashes);
        reader = new AuditEvents(transactions, store, verifier);
        pruner = new AuditPruner(log, json, clock);
    }

    /** Creates a tenant as the owner and returns its id. */
    public TenantId tenant(String slug) {
        long id =
                owner.sql(
                                """
                                insert into tenants (public_id, name, slug, plan, created_at, updated_at)
                                values (?, ?, ?, 'free', now(), now()) returning id\
                                """)
                        .params("ten_" + slug, slug, slug)
                        .query(Long.class)
                        .single();
        return new TenantId(id);
    }

    /** Records one simple event synchronously. */
    public String event(TenantId tenant, String action) {
        return log.record(
                AuditEntry.of(tenant, Actor.apiKey("key_test", "test key"), action)
                        .withDetails(Map.of("n", 1)));
    }

    public long countAsOwner(String table) {
        return owner.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Override
    public void close() {
        writer.stop();
        db.close();
    }
}
