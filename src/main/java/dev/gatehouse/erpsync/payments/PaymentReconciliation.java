package dev.gatehouse.erpsync.payments;

import dev.gatehouse.erpsync.SageDates;
import dev.gatehouse.erpsync.flow.StepContext;
import dev.gatehouse.erpsync.ledger.ExactlyOnce;
import dev.gatehouse.erpsync.ledger.Ledger;
import dev.gatehouse.erpsync.ledger.LedgerEntry;
import dev.gatehouse.erpsync.portal.PortalUnavailable;
import dev.gatehouse.erpsync.sage.SageDatabase;
import dev.gatehouse.erpsync.sage.SageSql;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Payment reconciliation (SageConnect's F9 {@code runReconciliation} with its UUID diagnostic and
 * repair): the posted Sage payments not yet sent, each classified against the invoices pending to
 * pay at the portal, in this order:
 *
 * <ol>
 *   <li>{@code missing_provider_id}: the vendor has no portal provider id ({@code APVENO});
 *   <li>{@code missing_uuid}: an invoice it pays has no CFDI UUID ({@code APIBHO FOLIOCFD});
 *   <li>{@code not_in_portal}: an invoice's UUID is not among the portal's invoices pending to pay;
 *   <li>{@code provider_mismatch}: the portal has the invoice under another provider;
 *   <li>{@code ready}: it can be sent.
 * </ol>
 *
 * Payments are listed by number. Each invoice is listed with its UUID, whether the portal has it
 * and under which provider (the UUID diagnostic). A dry run changes nothing. Applied, it repairs
 * what can be repaired (the provider id found by RFC, UUIDs found by folio, written to Sage as the
 * cycle does) and sends the ready payments at least {@link PaymentUpload#MIN_AGE} old through the
 * same ledger as the cycle, so a payment the portal already has is recorded, never sent twice;
 * {@code not_in_portal} and {@code provider_mismatch} need a person and are only reported.
 */
@NamedInterface("reconciliation")
public final class PaymentReconciliation {

    /** The most payments one reconciliation looks at; the oldest beyond it are left out. */
    public static final int MAX_PAYMENTS = 1000;

    /** A payment's class. */
    public enum Kind {
        READY,
        MISSING_PROVIDER_ID,
        MISSING_UUID,
        NOT_IN_PORTAL,
        PROVIDER_MISMATCH;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One invoice a payment applies to, as Sage and the portal see it. */
    public record Invoice(
            String invoice, String uuid, boolean inPortal, @Nullable String portalProviderId) {}

    /** One payment, its class, and what applying did to it (null in a dry run). */
    public record Item(
            String docNumber,
            String vendor,
            String providerId,
            Kind kind,
            List<Invoice> invoices,
            @Nullable String outcome) {}

    /** The reconciliation of one company. */
    public record Report(boolean dryRun, int alreadySent, List<Item> items) {}

    private final Ledger ledger;
    private final PaymentUpload upload;

    public PaymentReconciliation(Ledger ledger, PaymentUpload upload) {
        this.ledger = ledger;
        this.upload = upload;
    }

    /**
     * Reconciles the payments posted since {@code from} ({@code docNumber} only, when given).
     *
     * @throws PortalUnavailable when the portal's pending invoices cannot be read
     */
    public Report reconcile(
            StepContext ctx, LocalDate from, @Nullable String docNumber, boolean dryRun) {
        SageSql company = ctx.sql(SageDatabase.COMPANY);
        SageSql control = ctx.sql(SageDatabase.CONTROL);
        String idCia = ctx.companyDatabase();
        List<SagePayments.Payment> posted =
                SagePayments.posted(company, SageDates.number(from)).stream()
                        .filter(p -> docNumber == null || p.docNumber().equals(docNumber))
                        .toList();
        Set<String> fesa = SagePayments.recordedInFesa(control, idCia);
        Set<String> sent =
                ledger
                        .entries(
                                ctx.company().tenant(),
                                ctx.company().id(),
                                LedgerEntry.Kind.PAYMENT,
                                posted.stream().map(SagePayments.Payment::docNumber).toList())
                        .stream()
                        .filter(e -> e.state() == LedgerEntry.State.SENT)
                        .map(LedgerEntry::sageKey)
                        .collect(Collectors.toSet());
        List<SagePayments.Payment> open =
                posted.stream()
                        .filter(p -> !fesa.contains(p.docNumber()) && !sent.contains(p.docNumber()))
                        .limit(MAX_PAYMENTS)
                        .toList();
        List<JsonNode> pending = open.isEmpty() ? List.of() : PaymentUpload.pendingInvoices(ctx);
        Map<String, JsonNode> byUuid =
                pending.stream()
                        .collect(
                                Collectors.toMap(
                                        i -> i.path("uuid").asString("").toUpperCase(Locale.ROOT),
                                        Function.identity(),
                                        (a, b) -> a));
        List<Item> items = new ArrayList<>();
        for (SagePayments.Payment p : open) {
            ctx.cancellation().check();
            List<SagePayments.Invoice> invoices = SagePayments.invoices(company, p);
            List<Invoice> seen =
                    invoices.stream()
                            .map(
                                    i -> {
                                        JsonNode at = byUuid.get(i.uuid().toUpperCase(Locale.ROOT));
                                        return new Invoice(
                                                i.invoice(),
                                                i.uuid(),
                                                at != null,
                                                at == null
                                                        ? null
                                                        : at.path("metadata")
                                                                .path("provider_id")
                                                                .asString(""));
                                    })
                            .toList();
            Kind kind = classify(p, seen);
            String outcome =
                    dryRun ? null : apply(ctx, company, control, idCia, p, invoices, kind, pending);
            items.add(new Item(p.docNumber(), p.vendor(), p.providerId(), kind, seen, outcome));
        }
        items.sort(java.util.Comparator.comparing(Item::docNumber));
        return new Report(dryRun, posted.size() - open.size(), items);
    }

    private static Kind classify(SagePayments.Payment p, List<Invoice> invoices) {
        if (p.providerId().isEmpty()) {
            return Kind.MISSING_PROVIDER_ID;
        }
        if (invoices.isEmpty() || invoices.stream().anyMatch(i -> i.uuid().isEmpty())) {
            return Kind.MISSING_UUID;
        }
        if (invoices.stream().anyMatch(i -> !i.inPortal())) {
            return Kind.NOT_IN_PORTAL;
        }
        if (invoices.stream().anyMatch(i -> !p.providerId().equals(i.portalProviderId()))) {
            return Kind.PROVIDER_MISMATCH;
        }
        return Kind.READY;
    }

    private String apply(
            StepContext ctx,
            SageSql company,
            SageSql control,
            String idCia,
            SagePayments.Payment p,
            List<SagePayments.Invoice> invoices,
            Kind kind,
            List<JsonNode> pending) {
        return switch (kind) {
            case MISSING_PROVIDER_ID ->
                    PaymentUpload.resolveProviderId(ctx, company, p)
                            ? "provider_id_written"
                            : "provider_id_not_found";
            case MISSING_UUID -> {
                List<String> missing =
                        invoices.stream()
                                .filter(i -> i.uuid().isEmpty())
                                .map(SagePayments.Invoice::invoice)
                                .toList();
                int written = PaymentUpload.writeUuids(ctx, company, p, missing, pending);
                yield missing.isEmpty() || written < missing.size()
                        ? "uuid_not_found"
                        : "uuids_written";
            }
            case NOT_IN_PORTAL, PROVIDER_MISMATCH -> "needs_a_person";
            case READY -> {
                var entered = SageDates.instant(p.auditDate(), p.auditTime(), ctx.zone());
                if (Duration.between(entered, ctx.now()).compareTo(PaymentUpload.MIN_AGE) < 0) {
                    yield "too_young";
                }
                yield switch (upload.send(ctx, control, idCia, p, invoices)) {
                    case ExactlyOnce.Sent s -> "sent";
                    case ExactlyOnce.Found f -> "found";
                    case ExactlyOnce.NotNow n -> "waiting";
                    case ExactlyOnce.Deferred d -> "deferred";
                    case ExactlyOnce.Refused r -> "failed";
                    case ExactlyOnce.Unanswered u -> "unanswered";
                };
            }
        };
    }
}
