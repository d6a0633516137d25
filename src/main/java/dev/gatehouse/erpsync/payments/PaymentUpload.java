package dev.gatehouse.erpsync.payments;

import dev.gatehouse.erpsync.SageDates;
import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.flow.BoundedSends;
import dev.gatehouse.erpsync.flow.StepContext;
import dev.gatehouse.erpsync.ledger.ExactlyOnce;
import dev.gatehouse.erpsync.ledger.Ledger;
import dev.gatehouse.erpsync.ledger.LedgerEntry;
import dev.gatehouse.erpsync.ledger.LedgerEntry.Kind;
import dev.gatehouse.erpsync.portal.PortalLookup;
import dev.gatehouse.erpsync.portal.PortalUnavailable;
import dev.gatehouse.erpsync.sage.SageDatabase;
import dev.gatehouse.erpsync.sage.SageSql;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cycle's {@code uploadPayments} step (SageConnect's F4). Candidates are the posted Sage
 * payments audited within {@code RETRY_LOOKBACK_DAYS} (not only today's, so a payment entered
 * yesterday is not forgotten). For each, in order:
 *
 * <ol>
 *   <li>recorded as sent in FESA ({@code fesaPagosFocaltec}, SageConnect's history) → recorded in
 *       the ledger as sent, never sent;
 *   <li>entered less than 60 minutes ago → left for a later tick (Sage may still be changing it);
 *   <li>vendor without a portal provider id → resolved by RFC and written to {@code APVENO}; the
 *       payment goes on the next tick;
 *   <li>an invoice without a CFDI UUID → left for a later tick;
 *   <li>else sent through the ledger ({@link ExactlyOnce}) and, once the portal has it, recorded in
 *       FESA ({@code PAID} when every invoice is fully paid, else {@code PARTIAL}).
 * </ol>
 *
 * A payment the ledger has as sent but FESA lacks (a FESA write that failed) gets its FESA row.
 */
public final class PaymentUpload {

    /** The step's name in runs, logs and {@code [TIMEOUT]} lines. */
    public static final String STEP = "uploadPayments";

    /** A payment younger than this is left alone: Sage may still be changing it. */
    public static final Duration MIN_AGE = Duration.ofMinutes(60);

    private static final Logger log = LoggerFactory.getLogger(PaymentUpload.class);

    private final Ledger ledger;
    private final ExactlyOnce exactlyOnce;
    private final SyncSettings settings;

    public PaymentUpload(Ledger ledger, SyncSettings settings) {
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
            int tooYoung,
            int waiting,
            int deferred,
            int failed,
            int providerIdsResolved,
            int missingUuid,
            int uuidsResolved) {}

    public Summary run(StepContext ctx) {
        SageSql company = ctx.sql(SageDatabase.COMPANY);
        SageSql control = ctx.sql(SageDatabase.CONTROL);
        String idCia = ctx.companyDatabase();
        LocalDate today = LocalDate.ofInstant(ctx.now(), ctx.zone());
        int from = SageDates.number(today.minusDays(settings.retryLookbackDays()));
        List<SagePayments.Payment> payments = SagePayments.posted(company, from);
        Set<String> fesa = SagePayments.recordedInFesa(control, idCia);
        Map<String, LedgerEntry> known =
                ledger
                        .entries(
                                ctx.company().tenant(),
                                ctx.company().id(),
                                Kind.PAYMENT,
                                payments.stream().map(SagePayments.Payment::docNumber).toList())
                        .stream()
                        .collect(Collectors.toMap(LedgerEntry::sageKey, e -> e));
        Counter c = new Counter();
        List<Ready> due = new java.util.ArrayList<>();
        for (SagePayments.Payment p : payments) {
            ctx.cancellation().check();
            LedgerEntry entry = known.get(p.docNumber());
            boolean sent = entry != null && entry.state() == LedgerEntry.State.SENT;
            if (fesa.contains(p.docNumber())) {
                if (!sent) {
                    ledger.learnedSent(
                            ctx.company().tenant(),
                            ctx.company().id(),
                            Kind.PAYMENT,
                            p.docNumber(),
                            null,
                            "fesa",
                            ctx.now());
                }
                c.history++;
                continue;
            }
            if (entry != null && sent) {
                recordInFesa(ctx, control, idCia, p, entry.portalId());
                continue;
            }
            c.candidates++;
            ready(ctx, company, p, c).ifPresent(due::add);
        }
        BoundedSends.each(
                ctx.cancellation(),
                settings.portalConcurrency(),
                due,
                r -> {
                    Counter mine = c.forItem();
                    upload(ctx, control, idCia, r, mine);
                    c.add(mine);
                });
        log.info(
                "[RETRY] tenant={} candidates={} deferred={} processing={}",
                ctx.company().publicId(),
                c.candidates,
                c.tooYoung + c.waiting + c.deferred + c.missingUuid + c.providerIds,
                c.sent + c.found + c.failed);
        return c.summary();
    }

    /** A payment old enough, with its supplier's portal id and every invoice's UUID. */
    private record Ready(SagePayments.Payment payment, List<SagePayments.Invoice> invoices) {}

    /**
     * The payment with its invoices when it can be sent now; else empty, counted, and what can be
     * repaired (its supplier's portal id, its invoices' UUIDs) written to Sage for the next tick.
     * Runs on the step's thread, one payment after the other: two payments of one supplier or one
     * invoice would otherwise both find the optional field missing and both insert it.
     */
    private Optional<Ready> ready(
            StepContext ctx, SageSql company, SagePayments.Payment p, Counter c) {
        var entered = SageDates.instant(p.auditDate(), p.auditTime(), ctx.zone());
        if (Duration.between(entered, ctx.now()).compareTo(MIN_AGE) < 0) {
            c.tooYoung++;
            return Optional.empty();
        }
        if (p.providerId().isEmpty()) {
            if (resolveProviderId(ctx, company, p)) {
                c.providerIds++;
            } else {
                c.deferred++;
            }
            return Optional.empty();
        }
        List<SagePayments.Invoice> invoices = SagePayments.invoices(company, p);
        List<String> missing =
                invoices.stream()
                        .filter(i -> i.uuid().isEmpty())
                        .map(SagePayments.Invoice::invoice)
                        .toList();
        if (!missing.isEmpty()) {
            int resolved = resolveUuids(ctx, company, p, missing, c);
            c.uuids += resolved;
        }
        if (invoices.isEmpty() || !missing.isEmpty()) {
            log.warn(
                    "[RETRY-DEFER] tenant={} payment={} reason={}",
                    ctx.company().publicId(),
                    p.docNumber(),
                    invoices.isEmpty()
                            ? "no posted invoice"
                            : "invoices without a CFDI UUID (FOLIOCFD): " + missing);
            c.missingUuid++;
            return Optional.empty();
        }
        return Optional.of(new Ready(p, invoices));
    }

    /** Sends one ready payment through its ledger claim and counts the outcome. */
    private void upload(StepContext ctx, SageSql control, String idCia, Ready r, Counter c) {
        SagePayments.Payment p = r.payment();
        switch (send(ctx, control, idCia, p, r.invoices())) {
            case ExactlyOnce.Sent sent -> c.sent++;
            case ExactlyOnce.Found found -> c.found++;
            case ExactlyOnce.NotNow n -> c.waiting++;
            case ExactlyOnce.Deferred(String reason) -> {
                c.deferred++;
                log.warn(
                        "[RETRY-DEFER] tenant={} payment={} reason=lookup: {}",
                        ctx.company().publicId(),
                        p.docNumber(),
                        reason);
            }
            case ExactlyOnce.Refused(String error) -> {
                c.failed++;
                log.warn(
                        "Error POST payment: tenant={} payment={} {}",
                        ctx.company().publicId(),
                        p.docNumber(),
                        error);
            }
            case ExactlyOnce.Unanswered(String error) -> {
                c.failed++;
                log.warn(
                        "Payment unanswered: tenant={} payment={} {}; it is looked up before"
                                + " any resend",
                        ctx.company().publicId(),
                        p.docNumber(),
                        error);
            }
        }
    }

    /**
     * Sends {@code p} through the ledger ({@link ExactlyOnce}) and, once the portal has it (sent
     * now or found by a lookup), records it in FESA. For the cycle and for reconciliation alike.
     */
    ExactlyOnce.Outcome send(
            StepContext ctx,
            SageSql control,
            String idCia,
            SagePayments.Payment p,
            List<SagePayments.Invoice> invoices) {
        JsonNode payload = PaymentPayload.of(p, invoices);
        ExactlyOnce.Outcome outcome =
                exactlyOnce.send(
                        new ExactlyOnce.Item(
                                ctx.company().tenant(),
                                ctx.company().id(),
                                Kind.PAYMENT,
                                p.docNumber(),
                                () -> PortalLookup.payment(ctx.portal(), p.docNumber()),
                                () -> ctx.portal().post(ctx.portal().extern("/payments"), payload)),
                        ctx.now(),
                        settings.stepTimeout(),
                        settings.retryIntervalPayment());
        switch (outcome) {
            case ExactlyOnce.Sent(String id) -> recordInFesa(ctx, control, idCia, p, id);
            case ExactlyOnce.Found(String id) -> {
                log.info(
                        "[PORTAL-CHECK] tenant={} payment={} found={} (not sent again)",
                        ctx.company().publicId(),
                        p.docNumber(),
                        id);
                recordInFesa(ctx, control, idCia, p, id);
            }
            default -> {
                // nothing to record: the ledger keeps the attempt
            }
        }
        return outcome;
    }

    /**
     * Finds the CFDI UUIDs of {@code invoices} among the supplier's invoices pending to pay at the
     * portal (folio, or series and folio, equal to Sage's invoice number) and writes them to {@code
     * APIBHO FOLIOCFD}; the payment goes on the next tick. Returns how many it wrote.
     */
    private int resolveUuids(
            StepContext ctx,
            SageSql company,
            SagePayments.Payment p,
            List<String> invoices,
            Counter c) {
        List<JsonNode> pending;
        try {
            pending = c.pending(ctx);
        } catch (PortalUnavailable e) {
            return 0;
        }
        return writeUuids(ctx, company, p, invoices, pending);
    }

    /**
     * Writes to {@code APIBHO FOLIOCFD} the UUID {@link #uuidFor} finds for each of {@code
     * invoices}; returns how many it wrote.
     */
    static int writeUuids(
            StepContext ctx,
            SageSql company,
            SagePayments.Payment p,
            List<String> invoices,
            List<JsonNode> pending) {
        int written = 0;
        for (String invoice : invoices) {
            String uuid = uuidFor(pending, p.providerId(), invoice);
            if (!uuid.isEmpty()
                    && SagePayments.writeInvoiceUuid(
                            company,
                            p.vendor(),
                            invoice,
                            uuid,
                            SageDates.number(LocalDate.ofInstant(ctx.now(), ctx.zone())),
                            ctx.companyDatabase())) {
                log.info(
                        "UUID {} written for invoice {} of {} (payment {} goes on the next tick)",
                        uuid,
                        invoice,
                        p.vendor(),
                        p.docNumber());
                written++;
            }
        }
        return written;
    }

    /**
     * The UUID (upper case) of the supplier's invoice pending to pay at the portal whose folio, or
     * series and folio, is Sage's invoice number; empty when none is.
     */
    static String uuidFor(List<JsonNode> pending, String providerId, String invoice) {
        return pending.stream()
                .filter(i -> i.path("metadata").path("provider_id").asString("").equals(providerId))
                .filter(
                        i -> {
                            String folio = i.path("folio").asString("");
                            String serie = i.path("serie").asString("");
                            return !folio.isEmpty()
                                    && (invoice.equals(folio) || invoice.equals(serie + folio));
                        })
                .map(i -> i.path("uuid").asString("").toUpperCase(java.util.Locale.ROOT))
                .filter(u -> u.matches("^[0-9A-F-]{36}$"))
                .findFirst()
                .orElse("");
    }

    /** The invoices pending to pay at the portal since the 1st of last month. */
    static List<JsonNode> pendingInvoices(StepContext ctx) {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        q.put(
                "from",
                LocalDate.ofInstant(ctx.now(), ctx.zone())
                        .minusMonths(1)
                        .withDayOfMonth(1)
                        .toString());
        q.put("documentTypes", "CFDI");
        q.put("cfdiType", "INVOICE");
        q.put("stage", "PENDING_TO_PAY");
        return ctx.portal()
                .readAll(ctx.portal().extern("/cfdis"), q, i -> i.path("uuid").asString(""));
    }

    /**
     * Finds the vendor's portal provider id by its RFC and writes it to {@code APVENO}; false when
     * it could not.
     */
    static boolean resolveProviderId(StepContext ctx, SageSql company, SagePayments.Payment p) {
        if (p.rfc().isEmpty()) {
            log.warn(
                    "[RETRY-DEFER] tenant={} payment={} reason=vendor {} has neither a provider id"
                            + " nor an RFC",
                    ctx.company().publicId(),
                    p.docNumber(),
                    p.vendor());
            return false;
        }
        try {
            JsonNode found =
                    ctx.portal()
                            .read(
                                    ctx.portal().extern("/providers"),
                                    Map.of("rfc", p.rfc(), "pageSize", "-1"));
            String id = found.path("items").path(0).path("id").asString("");
            if (id.isEmpty()) {
                log.warn(
                        "[RETRY-DEFER] tenant={} payment={} reason=no portal provider has RFC {}",
                        ctx.company().publicId(),
                        p.docNumber(),
                        p.rfc());
                return false;
            }
            SagePayments.writeProviderId(
                    company,
                    p.vendor(),
                    id,
                    SageDates.number(LocalDate.ofInstant(ctx.now(), ctx.zone())));
            log.info(
                    "Provider id {} written for vendor {} (payment {} goes on the next tick)",
                    id,
                    p.vendor(),
                    p.docNumber());
            return true;
        } catch (PortalUnavailable e) {
            log.warn(
                    "[RETRY-DEFER] tenant={} payment={} reason={}",
                    ctx.company().publicId(),
                    p.docNumber(),
                    e.getMessage());
            return false;
        }
    }

    private static void recordInFesa(
            StepContext ctx,
            SageSql control,
            String idCia,
            SagePayments.Payment p,
            @org.jspecify.annotations.Nullable String portalId) {
        boolean paid =
                SagePayments.invoices(ctx.sql(SageDatabase.COMPANY), p).stream()
                        .allMatch(SagePayments.Invoice::fullyPaid);
        SagePayments.recordInFesa(
                control, idCia, p.docNumber(), paid, portalId == null ? "" : portalId);
    }

    private static final class Counter {
        int candidates;
        int sent;
        int found;
        int history;
        int tooYoung;
        int waiting;
        int deferred;
        int failed;
        int providerIds;
        int missingUuid;
        int uuids;
        private final Pending pending;

        Counter() {
            this(new Pending());
        }

        private Counter(Pending pending) {
            this.pending = pending;
        }

        /** A counter for one item's work, sharing this step's read of the pending invoices. */
        Counter forItem() {
            return new Counter(pending);
        }

        /** Adds one item's counts; items finish on several threads at once. */
        synchronized void add(Counter item) {
            candidates += item.candidates;
            sent += item.sent;
            found += item.found;
            history += item.history;
            tooYoung += item.tooYoung;
            waiting += item.waiting;
            deferred += item.deferred;
            failed += item.failed;
            providerIds += item.providerIds;
            missingUuid += item.missingUuid;
            uuids += item.uuids;
        }

        /** The invoices pending to pay at the portal, read once per step. */
        List<JsonNode> pending(StepContext ctx) {
            return pending.get(ctx);
        }

        synchronized Summary summary() {
            return new Summary(
                    candidates,
                    sent,
                    found,
                    history,
                    tooYoung,
                    waiting,
                    deferred,
                    failed,
                    providerIds,
                    missingUuid,
                    uuids);
        }
    }

    /** The step's one read of the invoices pending to pay, shared by its items' threads. */
    private static final class Pending {
        private @org.jspecify.annotations.Nullable List<JsonNode> invoices;

        synchronized List<JsonNode> get(StepContext ctx) {
            if (invoices == null) {
                invoices = pendingInvoices(ctx);
            }
            return invoices;
        }
    }
}
