package dev.gatehouse.kernel.vault;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-seals every registered {@link SealedColumn} value that is not under the current key of its
 * ring ({@code gatehouse vault rotate}).
 *
 * <p>Design: per column, walk the rows whose value does not start with the current key's prefix in
 * id order, {@value #DEFAULT_BATCH_SIZE} per system-scope transaction (keyset pagination on the id,
 * so values that fail to open are passed over, not re-read forever). Each row is written with a
 * compare-and-swap ({@code ... where id = ? and col = <old text>}), so a concurrent writer always
 * wins and a second rotation on another node does no harm. Committed batches stay done: an
 * interrupted run is resumed by running again, and a finished run finds nothing left. Values that
 * do not open are counted and logged by table, column and row id only — never a value — and left as
 * they are. Table and column names come only from {@link SealedColumn}, which validates them; they
 * are quoted as well. The caller (the CLI) audits the run with the returned report.
 */
public final class VaultRotation {

    static final int DEFAULT_BATCH_SIZE = 100;
    private static final Logger LOG = LoggerFactory.getLogger(VaultRotation.class);
    private static final SystemScope SCOPE = new SystemScope("vault rotation");

    private final Vault vault;
    private final Transactions transactions;
    private final JdbcClient jdbc;
    private final List<SealedColumn> columns;

    public VaultRotation(
            Vault vault, Transactions transactions, JdbcClient jdbc, List<SealedColumn> columns) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.columns = List.copyOf(columns);
    }

    /** Re-seals everything not under the current keys. Safe to run again at any time. */
    public RotationReport rotate() {
        return rotate(DEFAULT_BATCH_SIZE, Long.MAX_VALUE);
    }

    /**
     * As {@link #rotate()}, with a batch size and a stop after {@code maxBatches} batches (tests).
     */
    RotationReport rotate(int batchSize, long maxBatches) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, was " + batchSize);
        }
        Tally total = new Tally();
        for (SealedColumn column : columns) {
            if (total.batches >= maxBatches) {
                break;
            }
            rotateColumn(column, batchSize, maxBatches, total);
            total.columns++;
        }
        return new RotationReport(total.columns, total.examined, total.resealed, total.failed);
    }

    private void rotateColumn(SealedColumn column, int batchSize, long maxBatches, Tally total) {
        Optional<KeyId> current = vault.currentKeyId(column.purpose());
        if (current.isEmpty()) {
            LOG.warn("vault rotation: no key ring for {}, its values cannot be opened", column);
        }
        @Nullable Object after = null;
        long failedBefore = total.failed;
        long resealedBefore = total.resealed;
        while (total.batches < maxBatches) {
            Batch batch = nextBatch(column, current, after, batchSize, total);
            total.batches++;
            if (batch.rows() < batchSize) {
                break;
            }
            after = batch.lastId();
        }
        LOG.info(
                "vault rotation: {} re-sealed {} value(s), {} failed",
                column,
                total.resealed - resealedBefore,
                total.failed - failedBefore);
    }

    private Batch nextBatch(
            SealedColumn column,
            Optional<KeyId> current,
            @Nullable Object after,
            int batchSize,
            Tally total) {
        return transactions.inSystem(
                SCOPE,
                () -> {
                    var query = jdbc.sql(selectSql(column, current.isPresent(), after != null));
                    if (current.isPresent()) {
                        query = query.param(SealedSecret.prefix(current.get()) + "%");
                    }
                    if (after != null) {
                        query = query.param(after);
                    }
                    List<Row> rows = query.param(batchSize).query(VaultRotation::row).list();
                    for (Row row : rows) {
                        total.examined++;
                        reseal(column, row, total);
                    }
                    return new Batch(rows.size(), rows.isEmpty() ? after : rows.getLast().id());
                });
    }

    private void reseal(SealedColumn column, Row row, Tally total) {
        String rowId = String.valueOf(row.id());
        SecretPlace place =
                new SecretPlace(
                        column.purpose(), row.tenant(), column.table(), column.column(), rowId);
        switch (vault.open(place, row.value())) {
            case Opened.Failed(Opened.Failure reason) -> {
                total.failed++;
                LOG.warn(
                        "vault rotation: {}.{} row {} did not open ({}), left as it is",
                        column.table(),
                        column.column(),
                        rowId,
                        reason);
            }
            case Opened.Revealed(RevealedSecret secret) -> {
                String fresh;
                try (secret) {
                    fresh = vault.seal(place, secret.borrow()).text();
                }
                int updated =
                        jdbc.sql(updateSql(column))
                                .param(fresh)
                                .param(row.id())
                                .param(row.value())
                                .update();
                total.resealed += updated;
            }
        }
    }

    private static String selectSql(SealedColumn c, boolean excludeCurrent, boolean afterId) {
        String tenant = c.tenantColumn() == null ? "null" : quote(c.tenantColumn());
        return "select "
                + quote(c.idColumn())
                + " as row_id, "
                + tenant
                + " as row_tenant, "
                + quote(c.column())
                + " as row_value from "
                + quote(c.table())
                + " where "
                + quote(c.column())
                + " is not null"
                + (excludeCurrent ? " and " + quote(c.column()) + " not like ?" : "")
                + (afterId ? " and " + quote(c.idColumn()) + " > ?" : "")
                + " order by "
                + quote(c.idColumn())
                + " limit ?";
    }

    private static String updateSql(SealedColumn c) {
        return "update "
                + quote(c.table())
                + " set "
                + quote(c.column())
                + " = ? where "
                + quote(c.idColumn())
                + " = ? and "
                + quote(c.column())
                + " = ?";
    }

    private static String quote(String identifier) {
        SecretPlace.checkIdentifier("identifier", identifier);
        return '"' + identifier + '"';
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        Object tenant = rs.getObject("row_tenant");
        return new Row(
                rs.getObject("row_id"),
                tenant == null ? null : new TenantId(((Number) tenant).longValue()),
                rs.getString("row_value"));
    }

    private record Row(Object id, @Nullable TenantId tenant, String value) {}

    private record Batch(int rows, @Nullable Object lastId) {}

    private static final class Tally {
        int columns;
        long batches;
        long examined;
        long resealed;
        long failed;
    }
}
