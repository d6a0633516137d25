package dev.gatehouse.kernel.audit;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The repository of {@code audit_chain} (and, read-only, {@code audit_chain_anchors}). A chain is
 * identified by its key: the internal tenant id, or 0 for the platform chain. Runs in the caller's
 * transaction.
 */
final class AuditChainStore {

    /**
     * The position a new link follows: the last link, or the anchor of a pruned chain, or genesis.
     */
    record Head(long seq, byte[] hash) {
        static final Head GENESIS = new Head(0, ChainHash.GENESIS);
    }

    /** An event not yet in any chain. */
    record Unsealed(long id, EventRow row) {}

    /** A new link. */
    record Link(
            long eventId,
            String publicId,
            @Nullable Long tenantId,
            long seq,
            byte[] prevHash,
            byte[] hash) {}

    /** A stored link and its event row, or null when the event row is gone. */
    record StoredLink(
            long seq, String publicId, byte[] prevHash, byte[] hash, @Nullable EventRow event) {}

    private final JdbcClient jdbc;

    AuditChainStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the cluster-wide sealer lock for this transaction, if free. */
    boolean tryLock(long key) {
        return Boolean.TRUE.equals(
                jdbc.sql("select pg_try_advisory_xact_lock(?)")
                        .param(key)
                        .query(Boolean.class)
                        .single());
    }

    long maxSealedEventId() {
        return jdbc.sql("select coalesce(max(event_id), 0) from audit_chain")
                .query(Long.class)
                .single();
    }

    /** Events above {@code afterId} without a link, in id order. */
    List<Unsealed> unsealed(long afterId, int limit) {
        return jdbc.sql(
                        "select e.id, "
                                + EventRow.SELECT_COLUMNS
                                + " from audit_events e left join audit_chain c on c.event_id ="
                                + " e.id where c.event_id is null and e.id > :after order by e.id"
                                + " limit :limit")
                .param("after", afterId)
                .param("limit", limit)
                .query((rs, n) -> new Unsealed(rs.getLong("id"), EventRow.read(rs)))
                .list();
    }

    Head head(long chainKey) {
        return jdbc.sql(
                        "select seq, hash from audit_chain where chain_key = ? order by seq desc"
                                + " limit 1")
                .param(chainKey)
                .query((rs, n) -> new Head(rs.getLong("seq"), rs.getBytes("hash")))
                .optional()
                .or(() -> anchor(chainKey))
                .orElse(Head.GENESIS);
    }

    /** The latest anchor of a pruned chain. */
    Optional<Head> anchor(long chainKey) {
        return jdbc.sql(
                        "select seq, hash from audit_chain_anchors where chain_key = ? order by seq"
                                + " desc limit 1")
                .param(chainKey)
                .query((rs, n) -> new Head(rs.getLong("seq"), rs.getBytes("hash")))
                .optional();
    }

    void append(List<Link> links, Instant sealedAt) {
        if (links.isEmpty()) {
            return;
        }
        var sql =
                new StringBuilder(
                        "insert into audit_chain (event_id, public_id, tenant_id, seq, prev_hash,"
                                + " hash, sealed_at) values ");
        var params = new ArrayList<@Nullable Object>(links.size() * 7);
        OffsetDateTime at = OffsetDateTime.ofInstant(sealedAt, ZoneOffset.UTC);
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
            params.addAll(List.of(l.eventId(), l.publicId()));
            params.add(l.tenantId());
            params.addAll(List.of(l.seq(), l.prevHash(), l.hash(), at));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    /**
     * Up to {@code limit} links of a chain from {@code fromSeq}, in seq order, with their events.
     */
    List<StoredLink> links(long chainKey, long fromSeq, int limit) {
        return jdbc.sql(
                        "select c.seq, c.public_id as link_public_id, c.prev_hash, c.hash, e.id as"
                                + " event_row_id, "
                                + EventRow.SELECT_COLUMNS
                                + " from audit_chain c left join audit_events e on e.id ="
                                + " c.event_id where c.chain_key = :key and c.seq >= :from order by"
                                + " c.seq limit :limit")
                .param("key", chainKey)
                .param("from", fromSeq)
                .param("limit", limit)
                .query(
                        (rs, n) -> {
                            rs.getLong("event_row_id");
                            EventRow event = rs.wasNull() ? null : EventRow.read(rs);
                            return new StoredLink(
                                    rs.getLong("seq"),
                                    rs.getString("link_public_id"),
                                    rs.getBytes("prev_hash"),
                                    rs.getBytes("hash"),
                                    event);
                        })
                .list();
    }
}
