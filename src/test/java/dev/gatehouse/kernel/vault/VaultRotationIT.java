package dev.gatehouse.kernel.vault;

import static dev.gatehouse.kernel.vault.VaultFixtures.rootKey;

import static org.assertj.core.api.Assertions.assertThat;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * Rotation against a real PostgreSQL: complete, resumable, concurrent-writer-safe, garbage left
 * alone.
 */
class VaultRotationIT {

    private static final SealedColumn SECRETS =
            new SealedColumn(
                    VaultFixtures.OTHER, "sync_companies", "id", "tenant_id", "portal_secret");

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;
    private static JdbcClient jdbc;
    private static Transactions transactions;

    private final Vault oldVault = VaultFixtures.vault(VaultKeys.of(rootKey(1)));
    private final Vault newVault =
            VaultFixtures.vault(VaultKeys.of(rootKey(2), List.of(rootKey(1)), null, List.of()));
    private final Vault newKeyOnly = VaultFixtures.vault(VaultKeys.of(rootKey(2)));
    private final VaultRotation rotation =
            new VaultRotation(newVault, transactions, jdbc, List.of(SECRETS));

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = postgres.getPostgresDatabase();
        jdbc = JdbcClient.create(dataSource);
        transactions =
                new Transactions(
                        new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                        jdbc);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void freshTable() {
        jdbc.sql("drop table if exists sync_companies").update();
        jdbc.sql(
                        "create table sync_companies (id bigint primary key, tenant_id bigint,"
                                + " portal_secret text)")
                .update();
    }

    @Test
    void rotationResealsEveryOldValueUnderTheCurrentKey() {
        insertSealedRows(1, 250, oldVault);
        jdbc.sql("insert into sync_companies (id, tenant_id, portal_secret) values (1000, 1, null)")
                .update();

        RotationReport report = rotation.rotate();

        assertThat(report).isEqualTo(new RotationReport(1, 250, 250, 0));
        assertThat(countUnderKey(newVault)).isEqualTo(250);
        for (long id = 1; id <= 250; id++) {
            assertThat(openWith(newKeyOnly, id)).isEqualTo("secret-" + id);
        }
        assertThat(rotation.rotate()).isEqualTo(new RotationReport(1, 0, 0, 0));
    }

    @Test
    void interruptedRotationIsCompletedByTheNextRun() {
        insertSealedRows(1, 250, oldVault);

        RotationReport first = rotation.rotate(100, 1);
        assertThat(first.resealed()).isEqualTo(100);
        assertThat(countUnderKey(newVault)).isEqualTo(100);

        RotationReport second = rotation.rotate();
        assertThat(second).isEqualTo(new RotationReport(1, 150, 150, 0));
        assertThat(countUnderKey(newVault)).isEqualTo(250);
        assertThat(rotation.rotate().examined()).isZero();
    }

    @Test
    void valuesThatDoNotOpenAreCountedAsFailedAndLeftAlone() {
        insertSealedRows(1, 5, oldVault);
        String garbage = "not-a-sealed-value";
        String moved = read(2);
        String unknownKey =
                VaultFixtures.vault(VaultKeys.of(rootKey(9)))
                        .seal(place(7, tenantOf(7)), "x".getBytes(UTF_8))
                        .text();
        insertRaw(6, garbage);
        insertRaw(7, unknownKey);
        insertRaw(8, moved);

        RotationReport report = rotation.rotate(2, Long.MAX_VALUE);

        assertThat(report).isEqualTo(new RotationReport(1, 8, 5, 3));
        assertThat(read(6)).isEqualTo(garbage);
        assertThat(read(7)).isEqualTo(unknownKey);
        assertThat(read(8)).isEqualTo(moved);
        assertThat(rotation.rotate(2, Long.MAX_VALUE)).isEqualTo(new RotationReport(1, 3, 0, 3));
    }

    @Test
    void concurrentWriterWinsOverRotation() throws Exception {
        insertSealedRows(1, 3, oldVault);
        String written =
                newVault.seal(place(2, tenantOf(2)), "written-by-user".getBytes(UTF_8)).text();

        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            try (PreparedStatement update =
                    writer.prepareStatement(
                            "update sync_companies set portal_secret = ? where id = 2")) {
                update.setString(1, written);
                update.executeUpdate();
            }
            CompletableFuture<RotationReport> running =
                    CompletableFuture.supplyAsync(rotation::rotate);
            awaitRotationBlockedOnRowLock();
            writer.commit();
            RotationReport report = running.get(30, TimeUnit.SECONDS);

            assertThat(report).isEqualTo(new RotationReport(1, 3, 2, 0));
            assertThat(report.skipped()).isEqualTo(1);
        }
        assertThat(read(2)).isEqualTo(written);
        assertThat(openWith(newKeyOnly, 2)).isEqualTo("written-by-user");
        assertThat(countUnderKey(newVault)).isEqualTo(3);
    }

    private void awaitRotationBlockedOnRowLock() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Integer waiting =
                    jdbc.sql(
                                    "select count(*)::int from pg_stat_activity where"
                                            + " wait_event_type = 'Lock'")
                            .query(Integer.class)
                            .single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("rotation never waited for the writer's row lock");
    }

    private void insertSealedRows(long from, long to, Vault vault) {
        for (long id = from; id <= to; id++) {
            insertRaw(
                    id,
                    vault.seal(place(id, tenantOf(id)), ("secret-" + id).getBytes(UTF_8)).text());
        }
    }

    private void insertRaw(long id, String value) {
        TenantId tenant = tenantOf(id);
        jdbc.sql("insert into sync_companies (id, tenant_id, portal_secret) values (?, ?, ?)")
                .param(id)
                .param(tenant == null ? null : tenant.value())
                .param(value)
                .update();
    }

    /** Every third row has no tenant; the others alternate between two tenants. */
    private static @Nullable TenantId tenantOf(long id) {
        return id % 3 == 0 ? null : new TenantId(1 + id % 2);
    }

    private static SecretPlace place(long id, @Nullable TenantId tenant) {
        return new SecretPlace(
                SECRETS.purpose(), tenant, SECRETS.table(), SECRETS.column(), Long.toString(id));
    }

    private String read(long id) {
        return jdbc.sql("select portal_secret from sync_companies where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private long countUnderKey(Vault vault) {
        String prefix = SealedSecret.prefix(vault.currentKeyId(SECRETS.purpose()).orElseThrow());
        return jdbc.sql("select count(*) from sync_companies where portal_secret like ?")
                .param(prefix + "%")
                .query(Long.class)
                .single();
    }

    private String openWith(Vault vault, long id) {
        Opened opened = vault.open(place(id, tenantOf(id)), read(id));
        assertThat(opened).as("row %d", id).isInstanceOf(Opened.Revealed.class);
        try (RevealedSecret secret = ((Opened.Revealed) opened).secret()) {
            return secret.asString();
        }
    }
}
