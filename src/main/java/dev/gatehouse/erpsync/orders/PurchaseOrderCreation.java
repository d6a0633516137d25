package dev.gatehouse.erpsync.orders;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.flow.BoundedSends;
import dev.gatehouse.erpsync.flow.StepContext;
import dev.gatehouse.erpsync.ledger.ExactlyOnce;
import dev.gatehouse.erpsync.ledger.Ledger;
import dev.gatehouse.erpsync.ledger.LedgerEntry;
import dev.gatehouse.erpsync.ledger.LedgerEntry.Kind;
import dev.gatehouse.erpsync.portal.PortalAnswer;
import dev.gatehouse.erpsync.portal.PortalLookup;
import dev.gatehouse.erpsync.sage.SageDatabase;
import dev.gatehouse.erpsync.sage.SageSql;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cycle's {@code createPurchaseOrders} step (SageConnect's F5). Candidates are the POs the
 * approvals database marks approved for this company, last approved within {@code
 * RETRY_LOOKBACK_DAYS}. A PO FESA already records as sent ({@code POSTED}, {@code CLOSED} or {@code
 * CANCELLED} with a portal id, SageConnect's history) is recorded in the ledger and never sent;
 * lines at a location in {@code skip_locations} are left out, and a PO with no line left is not
 * sent. The rest are validated, then sent through the ledger ({@link ExactlyOnce}): a PO attempted
 * before is looked up first, and a PO the portal already has is recorded, never sent again. Each
 * outcome is also written to {@code fesaOCFocaltec} as SageConnect did ({@code POSTED} with the
 * portal id, or an {@code ERROR} row).
 */
public final class PurchaseOrderCreation {

    /** The step's name in runs, logs and {@code [TIMEOUT]} lines. */
    public static final String STEP = "createPurchaseOrders";

    static final Set<String> SENT_IN_FESA = Set.of("POSTED", "CLOSED", "CANCELLED");

    private static final Logger log = LoggerFactory.getLogger(PurchaseOrderCreation.class);

    private final Ledger ledger;
    private final ExactlyOnce exactlyOnce;
    private final SyncSettings settings;

    public PurchaseOrderCreation(Ledger ledger, SyncSettings settings) {
        this.ledger = ledger;
        this.exactlyOnce = new ExactlyOnce(ledger, settings.dryRun());
        this.settings = settings;
    }

    /** What the step did, for the run's summary. */
    public record Summary(
            int candidates,
            int sent,
            int found,
            int history,
            int skipped,
            int invalid,
            int waiting,
            int deferred,
            int failed) {}

    public Summary run(StepContext ctx) {
        String db = ctx.companyDatabase();
        LocalDateTime now = LocalDateTime.ofInstant(ctx.now(), ctx.zone());
        List<String> approved =
                SageOrders.approvedSince(
                        ctx.sql(SageDatabase.APPROVALS),
                        db,
                        now.toLocalDate().minusDays(settings.retryLookbackDays()).atStartOfDay());
        SageSql control = ctx.sql(SageDatabase.CONTROL);
        Map<String, List<SageOrders.Control>> fesa = SageOrders.control(control, db);
        Map<String, List<SageOrders.Row>> orders = new LinkedHashMap<>();
        for (SageOrders.Row r : SageOrders.rows(ctx.sql(SageDatabase.COMPANY), approved)) {
            orders.computeIfAbsent(r.poNumber(), k -> new java.util.ArrayList<>()).add(r);
        }
        Map<String, LedgerEntry> known =
                ledger
                        .entries(
                                ctx.company().tenant(),
                                ctx.company().id(),
                                Kind.PURCHASE_ORDER,
                                List.copyOf(orders.keySet()))
                        .stream()
                        .collect(Collectors.toMap(LedgerEntry::sageKey, e -> e));
        Counter c = new Counter();
        Map<String, List<SageOrders.Row>> due = new LinkedHashMap<>();
        for (Map.Entry<String, List<SageOrders.Row>> po : orders.entrySet()) {
            ctx.cancellation().check();
            String number = po.getKey();
            LedgerEntry entry = known.get(number);
            if (entry != null && entry.state() == LedgerEntry.State.SENT) {
                continue;
            }
            SageOrders.Control history = sentInFesa(fesa.getOrDefault(number, List.of()));
            if (history != null) {
                ledger.learnedSent(
                        ctx.company().tenant(),
                        ctx.company().id(),
                        Kind.PURCHASE_ORDER,
                        number,
                        history.portalId(),
                        "fesa",
                        ctx.now());
                c.history++;
                continue;
            }
            List<SageOrders.Row> lines =
                    po.getValue().stream()
                            .filter(
                                    l ->
                                            !ctx.company()
                                                    .config()
                                                    .skipLocations()
                                                    .contains(l.location()))
                            .toList();
            if (lines.isEmpty() || lines.getFirst().lineSeq() == null) {
                c.skipped++;
                continue;
            }
            c.candidates++;
            due.put(number, lines);
        }
        BoundedSends.each(
                ctx.cancellation(),
                settings.portalConcurrency(),
                due.entrySet(),
                po -> {
                    Counter mine = new Counter();
                    create(ctx, control, po.getKey(), po.getValue(), now, mine);
                    c.add(mine);
                });
        log.info(
                "[RETRY] tenant={} candidates={} deferred={} processing={}",
                ctx.company().publicId(),
                c.candidates,
                c.waiting + c.deferred,
                c.sent + c.found + c.invalid + c.failed);
        return c.summary();
    }

    /** The outcome of a manual upload of one PO. */
    public sealed interface Upload {}

    /** The PO is not in Sage (or has no line left after the skip locations). */
    public record NotInSage() implements Upload {}

    /** FESA or the ledger already records the PO as sent; nothing was sent. */
    public record AlreadySent(@org.jspecify.annotations.Nullable String portalId)
            implements Upload {}

    /** The PO went through the ledger; the step's counters say what happened. */
    public record Uploaded(Summary summary) implements Upload {}

    /**
     * Sends one PO now, approved or not, through the same ledger and FESA rules as the cycle: a PO
     * recorded as sent is not sent, a PO attempted before is looked up first.
     */
    public Upload uploadOne(StepContext ctx, String poNumber) {
        String db = ctx.companyDatabase();
        LocalDateTime now = LocalDateTime.ofInstant(ctx.now(), ctx.zone());
        SageSql control = ctx.sql(SageDatabase.CONTROL);
        List<SageOrders.Row> lines =
                SageOrders.rows(ctx.sql(SageDatabase.COMPANY), List.of(poNumber)).stream()
                        .filter(l -> !ctx.company().config().skipLocations().contains(l.location()))
                        .toList();
        if (lines.isEmpty() || lines.getFirst().lineSeq() == null) {
            return new NotInSage();
        }
        var entry =
                ledger.entry(
                        ctx.company().tenant(), ctx.company().id(), Kind.PURCHASE_ORDER, poNumber);
        if (entry.isPresent() && entry.get().state() == LedgerEntry.State.SENT) {
            return new AlreadySent(entry.get().portalId());
        }
        SageOrders.Control history =
                sentInFesa(SageOrders.control(control, db).getOrDefault(poNumber, List.of()));
        if (history != null) {
            ledger.learnedSent(
                    ctx.company().tenant(),
                    ctx.company().id(),
                    Kind.PURCHASE_ORDER,
                    poNumber,
                    history.portalId(),
                    "fesa",
                    ctx.now());
            return new AlreadySent(history.portalId());
        }
        Counter c = new Counter();
        c.candidates++;
        create(ctx, control, poNumber, lines, now, c);
        return new Uploaded(c.summary());
    }

    private void create(
            StepContext ctx,
            SageSql control,
            String number,
            List<SageOrders.Row> lines,
            LocalDateTime now,
            Counter c) {
        String db = ctx.companyDatabase();
        PurchaseOrderPayload.Built built =
                PurchaseOrderPayload.of(lines, ctx.company().config(), SageOrders.Row::ordered);
        ExactlyOnce.Outcome outcome =
                exactlyOnce.send(
                        new ExactlyOnce.Item(
                                ctx.company().tenant(),
                                ctx.company().id(),
                                Kind.PURCHASE_ORDER,
                                number,
                                () -> PortalLookup.purchaseOrder(ctx.portal(), number),
                                () ->
                                        built.problems().isEmpty()
                                                ? ctx.portal()
                                                        .post(
                                                                ctx.portal()
                                                                        .extern("/purchase-orders"),
                                                                built.body())
                                                : new PortalAnswer.Refused(
                                                        0,
                                                        "VALIDATION",
                                                        String.join("; ", built.problems()))),
                        ctx.now(),
                        settings.stepTimeout(),
                        settings.retryIntervalPurchaseOrder());
        switch (outcome) {
            case ExactlyOnce.Sent(String id) -> {
                c.sent++;
                SageOrders.appendControl(control, number, "POSTED", id, null, db, now);
            }
            case ExactlyOnce.Found(String id) -> {
                c.found++;
                log.info(
                        "[PORTAL-CHECK] tenant={} po={} found={} (not sent again)",
                        ctx.company().publicId(),
                        number,
                        id);
                SageOrders.appendControl(control, number, "POSTED", id, "PORTAL-CHECK", db, now);
            }
            case ExactlyOnce.NotNow n -> c.waiting++;
            case ExactlyOnce.Deferred(String reason) -> {
                c.deferred++;
                log.warn(
                        "[RETRY-DEFER] tenant={} po={} reason=lookup: {}",
                        ctx.company().publicId(),
                        number,
                        reason);
            }
            case ExactlyOnce.Refused(String error) -> {
                if (error.startsWith("VALIDATION")) {
                    c.invalid++;
                } else {
                    c.failed++;
                }
                log.warn("PO {} of {} not created: {}", number, ctx.company().publicId(), error);
                SageOrders.appendControl(control, number, "ERROR", "", error, db, now);
            }
            case ExactlyOnce.Unanswered(String error) -> {
                c.failed++;
                log.warn(
                        "PO {} of {} unanswered ({}); it is looked up before any resend",
                        number,
                        ctx.company().publicId(),
                        error);
                SageOrders.appendControl(control, number, "ERROR", "", error, db, now);
            }
        }
    }

    private static SageOrders.@org.jspecify.annotations.Nullable Control sentInFesa(
            List<SageOrders.Control> rows) {
        return rows.stream()
                .filter(r -> SENT_IN_FESA.contains(r.status()) && !r.portalId().isEmpty())
                .reduce((a, b) -> b)
                .orElse(null);
    }

    private static final class Counter {
        int candidates;
        int sent;
        int found;
        int history;
        int skipped;
        int invalid;
        int waiting;
        int deferred;
        int failed;

        /** Adds one PO's counts; POs finish on several threads at once. */
        synchronized void add(Counter po) {
            candidates += po.candidates;
            sent += po.sent;
            found += po.found;
            history += po.history;
            skipped += po.skipped;
            invalid += po.invalid;
            waiting += po.waiting;
            deferred += po.deferred;
            failed += po.failed;
        }

        synchronized Summary summary() {
            return new Summary(
                    candidates, sent, found, history, skipped, invalid, waiting, deferred, failed);
        }
    }
}
