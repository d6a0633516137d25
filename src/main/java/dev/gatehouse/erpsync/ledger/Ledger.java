package dev.gatehouse.erpsync.ledger;

import dev.gatehouse.erpsync.ledger.LedgerEntry.Kind;
import dev.gatehouse.erpsync.ledger.LedgerEntry.State;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sync_ledger} table and its only owner.
 *
 * <p>Design: sending is claim, send, record. {@link #claim} either inserts the item's first row in
 * state {@code sending} or moves an existing row into it, atomically and only when the item may be
 * sent now: never when it is {@code sent}, never while another claim's lease runs, and after a
 * failed or unanswered attempt only once {@code next_attempt_at} has passed. PostgreSQL's unique
 * key and row lock make exactly one of any number of concurrent claimants win. The outcome is
 * recorded only under the winning claim's token ({@link #sent}, {@link #failed}, {@link
 * #unanswered}); a claim whose lease ran out (its node died mid-send) counts as unanswered, so the
 * next claimant asks the portal first. Every method takes the {@link TenantId}.
 */
@Repository
public class Ledger {

    private static final String COLUMNS =
            "id, company_id, kind, sage_key, state, source, portal_id, attempts, last_error,"
                    + " next_attempt_at, first_seen_at, last_attempt_at, sent_at";

    private final JdbcClient jdbc;
    private final Transactions tx;

    Ledger(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * A won claim: send the item, then record the outcome with this token.
     *
     * @param priorAttempt true when the item was attempted before (failed, unanswered, or a lease
     *     that ran out): the portal must be asked before it is sent again
     */
    public record Claim(
            long companyId,
            Kind kind,
            String sageKey,
            String token,
            boolean priorAttempt,
            int attempt) {}

    /**
     * Claims {@code sageKey} for sending until {@code leaseUntil}; empty when it is sent, leased by
     * another claim, or waiting for its retry time.
     */
    public Optional<Claim> claim(
            TenantId tenant,
            long companyId,
            Kind kind,
            String sageKey,
            String token,
            Instant now,
            Instant leaseUntil) {
        return tx.inTenant(
                tenant,
                () -> {
                    Optional<Integer> inserted =
                            jdbc.sql(
                                            "insert into sync_ledger (tenant_id, company_id, kind,"
                                                    + " sage_key, state, attempts, claim_token,"
                                                    + " claimed_until, first_seen_at,"
                                                    + " last_attempt_at, updated_at) values (?, ?,"
                                                    + " ?, ?, 'sending', 1, ?, ?, ?, ?, ?) on"
                                                    + " conflict (company_id, kind, sage_key) do"
                                                    + " nothing returning attempts")
                                    .param(tenant.value())
                                    .param(companyId)
                                    .param(kind.wire())
                                    .param(sageKey)
                                    .param(token)
                                    .param(Timestamp.from(leaseUntil))
                                    .param(Timestamp.from(now))
                                    .param(Timestamp.from(now))
                                    .param(Timestamp.from(now))
                                    .query(Integer.class)
                                    .optional();
                    if (inserted.isPresent()) {
                        return Optional.of(new Claim(companyId, kind, sageKey, token, false, 1));
                    }
                    return jdbc.sql(
                                    "update sync_ledger set state = 'sending', claim_token = ?,"
                                        + " claimed_until = ?, attempts = attempts + 1,"
                                        + " last_attempt_at = ?, updated_at = ? where tenant_id = ?"
                                        + " and company_id = ? and kind = ? and sage_key = ? and"
                                        + " ((state in ('failed', 'unanswered') and"
                                        + " (next_attempt_at is null or next_attempt_at <= ?)) or"
                                        + " (state = 'sending' and claimed_until < ?)) returning"
                                        + " attempts")
                            .param(token)
                            .param(Timestamp.from(leaseUntil))
                            .param(Timestamp.from(now))
                            .param(Timestamp.from(now))
                            .param(tenant.value())
                            .param(companyId)
                            .param(kind.wire())
                            .param(sageKey)
                            .param(Timestamp.from(now))
                            .param(Timestamp.from(now))
                            .query(Integer.class)
                            .optional()
                            .map(
                                    attempt ->
                                            new Claim(
                                                    companyId, kind, sageKey, token, true,
                                                    attempt));
                });
    }

    /** The claimed item is at the portal as {@code portalId}; false if the claim was lost. */
    public boolean sent(TenantId tenant, Claim c, String portalId, String source, Instant now) {
        return finish(
                tenant,
                c,
                "state = 'sent', source = ?, portal_id = ?, sent_at = ?, last_error = null,"
                        + " next_attempt_at = null",
                source,
                portalId,
                Timestamp.from(now));
    }

    /** The portal refused the claimed item (or it was not valid); retry after {@code next}. */
    public boolean failed(TenantId tenant, Claim c, String error, Instant next) {
        return finish(
                tenant,
                c,
                "state = 'failed', last_error = ?, next_attempt_at = ?",
                cut(error),
                Timestamp.from(next));
    }

    /** The portal may have the claimed item; ask it after {@code next} before any resend. */
    public boolean unanswered(TenantId tenant, Claim c, String error, Instant next) {
        return finish(
                tenant,
                c,
                "state = 'unanswered', last_error = ?, next_attempt_at = ?",
                cut(error),
                Timestamp.from(next));
    }

    /**
     * Records an item learned to be at the portal without a send of ours (SageConnect's FESA
     * history, a lookup): inserted as sent, or an unsent row that no live claim holds becomes sent.
     */
    public void learnedSent(
            TenantId tenant,
            long companyId,
            Kind kind,
            String sageKey,
            @Nullable String portalId,
            String source,
            Instant now) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into sync_ledger (tenant_id, company_id, kind,"
                                            + " sage_key, state, source, portal_id, first_seen_at,"
                                            + " sent_at, updated_at) values (?, ?, ?, ?, 'sent', ?,"
                                            + " nullif(?, ''), ?, ?, ?) on conflict (company_id,"
                                            + " kind, sage_key) do update set state = 'sent',"
                                            + " source = excluded.source, portal_id ="
                                            + " coalesce(excluded.portal_id,"
                                            + " sync_ledger.portal_id), sent_at = excluded.sent_at,"
                                            + " claim_token = null, claimed_until = null,"
                                            + " next_attempt_at = null, updated_at ="
                                            + " excluded.updated_at where sync_ledger.state in"
                                            + " ('failed', 'unanswered') or (sync_ledger.state ="
                                            + " 'sending' and sync_ledger.claimed_until <"
                                            + " excluded.updated_at)")
                                .param(tenant.value())
                                .param(companyId)
                                .param(kind.wire())
                                .param(sageKey)
                                .param(source)
                                .param(portalId == null ? "" : portalId)
                                .param(Timestamp.from(now))
                                .param(Timestamp.from(now))
                                .param(Timestamp.from(now))
                                .update());
    }

    /** The entries of {@code company} and {@code kind} with these Sage keys. */
    public List<LedgerEntry> entries(
            TenantId tenant, long companyId, Kind kind, List<String> sageKeys) {
        if (sageKeys.isEmpty()) {
            return List.of();
        }
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from sync_ledger where tenant_id = ? and"
                                                + " company_id = ? and kind = ? and sage_key ="
                                                + " any (?)")
                                .param(tenant.value())
                                .param(companyId)
                                .param(kind.wire())
                                .param(sageKeys.toArray(String[]::new))
                                .query(ROW)
                                .list());
    }

    /** One entry, or empty. */
    public Optional<LedgerEntry> entry(TenantId tenant, long companyId, Kind kind, String sageKey) {
        return entries(tenant, companyId, kind, List.of(sageKey)).stream().findFirst();
    }

    /**
     * Up to {@code limit} entries of {@code tenant} and {@code kind} after row id {@code afterId},
     * optionally of one company and one state.
     */
    public List<LedgerEntry> list(
            TenantId tenant,
            Kind kind,
            @Nullable Long companyId,
            @Nullable State state,
            long afterId,
            int limit) {
        StringBuilder sql =
                new StringBuilder("select " + COLUMNS + " from sync_ledger where tenant_id = ?")
                        .append(" and kind = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value(), kind.wire()));
        if (companyId != null) {
            sql.append(" and company_id = ?");
            params.add(companyId);
        }
        if (state != null) {
            sql.append(" and state = ?");
            params.add(state.wire());
        }
        sql.append(" and id > ? order by id limit ?");
        params.add(afterId);
        params.add(limit);
        return tx.inTenant(tenant, () -> jdbc.sql(sql.toString()).params(params).query(ROW).list());
    }

    private boolean finish(TenantId tenant, Claim c, String set, Object... values) {
        return tx.inTenant(
                tenant,
                () -> {
                    var spec =
                            jdbc.sql(
                                    "update sync_ledger set "
                                            + set
                                            + ", claim_token = null, claimed_until = null,"
                                            + " updated_at = now() where tenant_id = ? and"
                                            + " company_id = ? and kind = ? and sage_key = ? and"
                                            + " state = 'sending' and claim_token = ?");
                    for (Object v : values) {
                        spec = spec.param(v);
                    }
                    return spec.param(tenant.value())
                                    .param(c.companyId())
                                    .param(c.kind().wire())
                                    .param(c.sageKey())
                                    .param(c.token())
                                    .update()
                            == 1;
                });
    }

    private static String cut(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<LedgerEntry> ROW =
            (rs, n) ->
                    new LedgerEntry(
                            rs.getLong("id"),
                            rs.getLong("company_id"),
                            Kind.of(rs.getString("kind")),
                            rs.getString("sage_key"),
                            State.of(rs.getString("state")),
                            rs.getString("source"),
                            rs.getString("portal_id"),
                            rs.getInt("attempts"),
                            rs.getString("last_error"),
                            instant(rs.getTimestamp("next_attempt_at")),
                            rs.getTimestamp("first_seen_at").toInstant(),
                            instant(rs.getTimestamp("last_attempt_at")),
                            instant(rs.getTimestamp("sent_at")));
}
