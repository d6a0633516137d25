package dev.gatehouse.erpsync.ledger;

import dev.gatehouse.erpsync.ledger.Ledger.Claim;
import dev.gatehouse.erpsync.ledger.LedgerEntry.Kind;
import dev.gatehouse.erpsync.portal.PortalAnswer;
import dev.gatehouse.erpsync.portal.PortalClient;
import dev.gatehouse.erpsync.portal.PortalLookup;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Sends one item through the {@link Ledger}: claim it, ask the portal first if it was attempted
 * before, send only on a clear "absent", record the outcome under the claim. A refusal that says
 * the portal already has the external id is checked with a lookup and recorded as sent. Whatever
 * the caller's send does, the item can be sent again only after {@code retryInterval} and a lookup.
 * Thread-safe.
 */
public final class ExactlyOnce {

    private final Ledger ledger;
    private final boolean dryRun;

    public ExactlyOnce(Ledger ledger) {
        this(ledger, false);
    }

    /**
     * @param dryRun {@code SYNC_DRY_RUN}: nothing is claimed or recorded; an item not sent yet is
     *     handed to its sender, whose portal client only logs it, and answered {@link NotNow}
     */
    public ExactlyOnce(Ledger ledger, boolean dryRun) {
        this.ledger = ledger;
        this.dryRun = dryRun;
    }

    /** What happened to one item. */
    public sealed interface Outcome {}

    /** Sent now; the portal's id. */
    public record Sent(String portalId) implements Outcome {}

    /** Not sent: the portal already had it (a lost answer, or sent by someone else). */
    public record Found(String portalId) implements Outcome {}

    /** Not sent now: already sent, claimed by another sender, or waiting for its retry time. */
    public record NotNow(@Nullable LedgerEntry entry) implements Outcome {}

    /** Not sent: the lookup gave no clear answer; tried again after the retry interval. */
    public record Deferred(String reason) implements Outcome {}

    /** The portal refused it; tried again after the retry interval. */
    public record Refused(String error) implements Outcome {}

    /** The portal did not answer; looked up before any resend. */
    public record Unanswered(String error) implements Outcome {}

    /** One item to send. */
    public record Item(
            TenantId tenant,
            long companyId,
            Kind kind,
            String sageKey,
            Supplier<PortalLookup.Lookup> lookup,
            Supplier<PortalAnswer> send) {}

    /**
     * Sends {@code item} unless it is sent or not due; {@code lease} bounds how long the claim
     * holds if this node dies mid-send.
     */
    public Outcome send(Item item, Instant now, Duration lease, Duration retryInterval) {
        if (dryRun) {
            Optional<LedgerEntry> entry =
                    ledger.entry(item.tenant(), item.companyId(), item.kind(), item.sageKey());
            if ((entry.isEmpty() || entry.get().state() != LedgerEntry.State.SENT)
                    && !(item.send().get() instanceof PortalAnswer.Refused r
                            && r.code().equals(PortalClient.DRY_RUN))) {
                throw new IllegalStateException(
                        "SYNC_DRY_RUN is on but the portal client sent "
                                + item.kind()
                                + " "
                                + item.sageKey());
            }
            return new NotNow(entry.orElse(null));
        }
        Optional<Claim> claimed =
                ledger.claim(
                        item.tenant(),
                        item.companyId(),
                        item.kind(),
                        item.sageKey(),
                        UUID.randomUUID().toString(),
                        now,
                        now.plus(lease));
        if (claimed.isEmpty()) {
            return new NotNow(
                    ledger.entry(item.tenant(), item.companyId(), item.kind(), item.sageKey())
                            .orElse(null));
        }
        Claim claim = claimed.get();
        Instant retryAt = now.plus(retryInterval);
        if (claim.priorAttempt()) {
            switch (item.lookup().get()) {
                case PortalLookup.Found(String id, String status) -> {
                    ledger.sent(item.tenant(), claim, id, "portal", now);
                    return new Found(id);
                }
                case PortalLookup.Unknown(String reason) -> {
                    ledger.unanswered(item.tenant(), claim, "lookup: " + reason, retryAt);
                    return new Deferred(reason);
                }
                case PortalLookup.Absent a -> {}
            }
        }
        return switch (item.send().get()) {
            case PortalAnswer.Stored(int status, var body) -> {
                String id = body.path("id").asString("");
                if (id.isEmpty() || id.length() > 64) {
                    ledger.unanswered(
                            item.tenant(), claim, "HTTP " + status + " without an id", retryAt);
                    yield new Unanswered("HTTP " + status + " without an id");
                }
                ledger.sent(item.tenant(), claim, id, "gatehouse", now);
                yield new Sent(id);
            }
            case PortalAnswer.Refused(int status, String code, String description) -> {
                if (status == 409) {
                    if (item.lookup().get() instanceof PortalLookup.Found(String id, String s)) {
                        ledger.sent(item.tenant(), claim, id, "portal", now);
                        yield new Found(id);
                    }
                }
                String error = code + ": " + description;
                ledger.failed(item.tenant(), claim, error, retryAt);
                yield new Refused(error);
            }
            case PortalAnswer.Unanswered(String reason) -> {
                ledger.unanswered(item.tenant(), claim, reason, retryAt);
                yield new Unanswered(reason);
            }
        };
    }
}
