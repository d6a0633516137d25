package dev.gatehouse.erpsync.cycle;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.gatehouse.erpsync.SyncScopes;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyAdministration;
import dev.gatehouse.erpsync.flow.StepContext;
import dev.gatehouse.erpsync.ledger.Ledger;
import dev.gatehouse.erpsync.ledger.LedgerEntry;
import dev.gatehouse.erpsync.orders.PurchaseOrderChanges;
import dev.gatehouse.erpsync.orders.PurchaseOrderCreation;
import dev.gatehouse.erpsync.payments.PaymentReconciliation;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.openapi.ProblemResponse;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ledger over the API: the purchase orders and payments the sync has sent or tried to send, and
 * the manual upload of one PO, which goes through the same ledger as the cycle (a PO recorded as
 * sent is not sent; one attempted before is looked up at the portal first). Reads need {@code
 * sync:read}, the upload and an operator's status change of a PO at the portal {@code sync:admin}.
 */
@RestController
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
class ItemsController {

    private static final Pattern PO_NUMBER = Pattern.compile("^[A-Za-z0-9_./-]{1,22}$");

    private final Ledger ledger;
    private final CompanyAdministration companies;
    private final PurchaseOrderCreation orders;
    private final PurchaseOrderChanges changes;
    private final SyncOperations operations;
    private final AuditLog audit;

    ItemsController(
            Ledger ledger,
            CompanyAdministration companies,
            PurchaseOrderCreation orders,
            PurchaseOrderChanges changes,
            SyncOperations operations,
            AuditLog audit) {
        this.ledger = ledger;
        this.companies = companies;
        this.orders = orders;
        this.changes = changes;
        this.operations = operations;
        this.audit = audit;
    }

    @Schema(name = "SyncLedgerItem")
    record ItemView(
            String companyId,
            @Schema(description = "PONUMBER or the payment's DOCNBR.") String sageKey,
            @Schema(
                            description =
                                    "The PO number (PONUMBER) of a purchase order; null for a"
                                            + " payment.")
                    @Nullable String poNumber,
            @Schema(allowableValues = {"sending", "sent", "failed", "unanswered"}) String state,
            @Schema(
                            description =
                                    "How sent was learned: gatehouse (our send), fesa"
                                            + " (SageConnect's history) or portal (a lookup).")
                    @Nullable String source,
            @Nullable String portalId,
            int attempts,
            @Nullable String lastError,
            @Nullable Instant nextAttemptAt,
            Instant firstSeenAt,
            @Nullable Instant lastAttemptAt,
            @Nullable Instant sentAt) {}

    @Schema(name = "SyncPurchaseOrderUpload")
    record UploadView(
            @Schema(
                            allowableValues = {
                                "sent",
                                "found",
                                "already_sent",
                                "failed",
                                "deferred",
                                "waiting"
                            })
                    String outcome,
            @Nullable ItemView item) {}

    @GetMapping("/v1/sync/purchase-orders")
    Page<ItemView> purchaseOrders(
            Caller caller,
            @RequestParam(name = "company_id", required = false) @Nullable String companyId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return list(caller, LedgerEntry.Kind.PURCHASE_ORDER, companyId, status, limit, cursor);
    }

    @GetMapping("/v1/sync/payments")
    Page<ItemView> payments(
            Caller caller,
            @RequestParam(name = "company_id", required = false) @Nullable String companyId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return list(caller, LedgerEntry.Kind.PAYMENT, companyId, status, limit, cursor);
    }

    @PostMapping("/v1/sync/purchase-orders/{po}:upload")
    @ProblemResponse(
            status = 503,
            code = "license_invalid",
            when = "The SageConnect license is not VALID (nor in its 24 h grace).")
    @ProblemResponse(status = 502, code = "sage_unavailable", when = "The Sage database failed.")
    UploadView upload(
            Caller caller,
            @PathVariable String po,
            @RequestParam(name = "company_id", required = false) @Nullable String companyId) {
        TenantId tenant = caller.tenantWith(SyncScopes.ADMIN);
        if (companyId == null) {
            throw ApiProblem.badRequest(
                    "company_id", "is required: PO numbers repeat across companies");
        }
        Company company = company(tenant, companyId);
        if (!PO_NUMBER.matcher(po).matches()) {
            throw ApiProblem.notFound("No such purchase order in Sage.");
        }
        StepContext ctx = operations.context(company, "manualUpload", PurchaseOrderCreation.class);
        PurchaseOrderCreation.Upload result;
        try {
            result = orders.uploadOne(ctx, po);
        } catch (dev.gatehouse.erpsync.sage.SageFailure e) {
            throw SyncOperations.sageUnavailable();
        }
        String outcome =
                switch (result) {
                    case PurchaseOrderCreation.NotInSage n ->
                            throw ApiProblem.notFound("No such purchase order in Sage.");
                    case PurchaseOrderCreation.AlreadySent a -> "already_sent";
                    case PurchaseOrderCreation.Uploaded(var s) ->
                            s.sent() > 0
                                    ? "sent"
                                    : s.found() > 0
                                            ? "found"
                                            : s.waiting() > 0
                                                    ? "waiting"
                                                    : s.deferred() > 0 ? "deferred" : "failed";
                };
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("po_number", po);
        details.put("outcome", outcome);
        audit.record(
                AuditEntry.of(tenant, KeyIssuer.actorOf(caller), "sync_purchase_order.uploaded")
                        .withTarget("sync_company", company.publicId())
                        .withDetails(details));
        Optional<LedgerEntry> entry =
                ledger.entry(tenant, company.id(), LedgerEntry.Kind.PURCHASE_ORDER, po);
        return new UploadView(outcome, entry.map(e -> view(company.publicId(), e)).orElse(null));
    }

    @Schema(name = "SyncPurchaseOrderStatusRequest")
    record StatusBody(
            @Schema(allowableValues = {"OPEN", "CLOSED", "CANCELLED", "GENERATED"})
                    @Nullable String status) {}

    @Schema(name = "SyncPurchaseOrderStatus")
    record StatusView(String companyId, String poNumber, String status, String portalId) {}

    @PutMapping("/v1/sync/purchase-orders/{po}/status")
    @ProblemResponse(
            status = 503,
            code = "license_invalid",
            when = "The SageConnect license is not VALID (nor in its 24 h grace).")
    @ProblemResponse(
            status = 502,
            code = "portal_refused",
            when = "The portal refused the status or did not answer; nothing was recorded.")
    @ProblemResponse(status = 502, code = "sage_unavailable", when = "The Sage database failed.")
    StatusView setStatus(
            Caller caller,
            @PathVariable String po,
            @RequestParam(name = "company_id", required = false) @Nullable String companyId,
            @RequestBody StatusBody body) {
        TenantId tenant = caller.tenantWith(SyncScopes.ADMIN);
        if (companyId == null) {
            throw ApiProblem.badRequest(
                    "company_id", "is required: PO numbers repeat across companies");
        }
        Company company = company(tenant, companyId);
        String status = body.status() == null ? "" : body.status();
        if (!PurchaseOrderChanges.STATUSES.contains(status)) {
            throw ApiProblem.badRequest("status", "must be OPEN, CLOSED, CANCELLED or GENERATED");
        }
        if (!PO_NUMBER.matcher(po).matches()) {
            throw ApiProblem.notFound("The portal has no such purchase order.");
        }
        StepContext ctx = operations.context(company, "manualStatus", PurchaseOrderChanges.class);
        String known =
                ledger.entry(tenant, company.id(), LedgerEntry.Kind.PURCHASE_ORDER, po)
                        .map(LedgerEntry::portalId)
                        .orElse(null);
        PurchaseOrderChanges.StatusChange change;
        try {
            change = changes.setStatus(ctx, po, status, known);
        } catch (dev.gatehouse.erpsync.sage.SageFailure e) {
            throw SyncOperations.sageUnavailable();
        }
        return switch (change) {
            case PurchaseOrderChanges.NotAtPortal n ->
                    throw ApiProblem.notFound("The portal has no such purchase order.");
            case PurchaseOrderChanges.StatusNotSet(String reason) ->
                    throw new ApiProblem(
                            502,
                            "portal_refused",
                            "Bad gateway",
                            "The status was not set: " + reason,
                            List.of(),
                            null);
            case PurchaseOrderChanges.StatusSet(String portalId) -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("po_number", po);
                details.put("status", status);
                details.put("portal_id", portalId);
                audit.record(
                        AuditEntry.of(
                                        tenant,
                                        KeyIssuer.actorOf(caller),
                                        "sync_purchase_order.status_set")
                                .withTarget("sync_company", company.publicId())
                                .withDetails(details));
                yield new StatusView(company.publicId(), po, status, portalId);
            }
        };
    }

    @Schema(name = "SyncReconcileRequest")
    record ReconcileBody(
            @Nullable String companyId,
            @Schema(
                            description =
                                    "yyyy-mm-dd, at most a year back; RETRY_LOOKBACK_DAYS back by"
                                            + " default.")
                    @Nullable String fromDate,
            @Schema(description = "One payment's DOCNBR, such as PY0002.") @Nullable String filter,
            @Schema(description = "True by default: classify and change nothing.")
                    @Nullable Boolean dryRun) {}

    @Schema(name = "SyncReconciledInvoice")
    record ReconciledInvoiceView(
            String invoice,
            @Schema(description = "APIBHO FOLIOCFD; empty when Sage has none.") String uuid,
            @Schema(description = "Whether the portal has it pending to pay.") boolean inPortal,
            @Nullable String portalProviderId) {}

    @Schema(name = "SyncReconciledPayment")
    record ReconciledView(
            String docNumber,
            String vendor,
            String providerId,
            @JsonProperty("class")
                    @Schema(
                            allowableValues = {
                                "ready",
                                "missing_provider_id",
                                "missing_uuid",
                                "not_in_portal",
                                "provider_mismatch"
                            })
                    String paymentClass,
            List<ReconciledInvoiceView> invoices,
            @Schema(
                            description = "What applying did; null in a dry run.",
                            allowableValues = {
                                "sent",
                                "found",
                                "waiting",
                                "deferred",
                                "failed",
                                "unanswered",
                                "too_young",
                                "provider_id_written",
                                "provider_id_not_found",
                                "uuids_written",
                                "uuid_not_found",
                                "needs_a_person"
                            })
                    @Nullable String outcome) {}

    @Schema(name = "SyncReconciliation")
    record ReconciliationView(
            String companyId,
            boolean dryRun,
            LocalDate fromDate,
            @Schema(description = "Payments FESA or the ledger already has as sent.")
                    int alreadySent,
            @Schema(description = "How many payments are in each class.")
                    Map<String, Integer> classes,
            List<ReconciledView> data) {}

    @PostMapping("/v1/sync/payments:reconcile")
    @ProblemResponse(
            status = 503,
            code = "license_invalid",
            when = "The SageConnect license is not VALID (nor in its 24 h grace).")
    @ProblemResponse(
            status = 502,
            code = "portal_unavailable",
            when = "The portal's invoices could not be read.")
    @ProblemResponse(status = 502, code = "sage_unavailable", when = "The Sage database failed.")
    ReconciliationView reconcile(Caller caller, @RequestBody ReconcileBody body) {
        boolean dryRun = body.dryRun() == null || body.dryRun();
        TenantId tenant = caller.tenantWith(dryRun ? SyncScopes.READ : SyncScopes.ADMIN);
        SyncOperations.Reconciled done =
                operations.reconcile(
                        tenant,
                        body.companyId(),
                        body.fromDate(),
                        body.filter(),
                        dryRun,
                        KeyIssuer.actorOf(caller));
        Map<String, Integer> classes = new LinkedHashMap<>();
        for (PaymentReconciliation.Kind k : PaymentReconciliation.Kind.values()) {
            classes.put(k.wire(), done.classes().getOrDefault(k.wire(), 0));
        }
        return new ReconciliationView(
                done.company().publicId(),
                done.dryRun(),
                done.fromDate(),
                done.report().alreadySent(),
                classes,
                done.report().items().stream().map(ItemsController::view).toList());
    }

    private static ReconciledView view(PaymentReconciliation.Item i) {
        return new ReconciledView(
                i.docNumber(),
                i.vendor(),
                i.providerId(),
                i.kind().wire(),
                i.invoices().stream()
                        .map(
                                v ->
                                        new ReconciledInvoiceView(
                                                v.invoice(),
                                                v.uuid(),
                                                v.inPortal(),
                                                v.portalProviderId()))
                        .toList(),
                i.outcome());
    }

    private Page<ItemView> list(
            Caller caller,
            LedgerEntry.Kind kind,
            @Nullable String companyId,
            @Nullable String status,
            @Nullable String limit,
            @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(SyncScopes.READ);
        Long company = companyId == null ? null : company(tenant, companyId).id();
        LedgerEntry.State state = state(status);
        Map<Long, String> names =
                companies.list(tenant, 0, 500).stream()
                        .collect(Collectors.toMap(Company::id, Company::publicId));
        PageRequest page = PageRequest.of(limit, cursor);
        long after = page.startAfter(0, id -> parse(id));
        return page.cut(
                ledger.list(tenant, kind, company, state, after, page.fetchSize()),
                e -> Long.toString(e.id()),
                e -> view(names.getOrDefault(e.companyId(), ""), e));
    }

    private Company company(TenantId tenant, String companyId) {
        return companies
                .find(tenant, companyId)
                .orElseThrow(() -> ApiProblem.notFound("No such company."));
    }

    private static ItemView view(String company, LedgerEntry e) {
        return new ItemView(
                company,
                e.sageKey(),
                e.kind() == LedgerEntry.Kind.PURCHASE_ORDER ? e.sageKey() : null,
                e.state().wire(),
                e.source(),
                e.portalId(),
                e.attempts(),
                e.lastError(),
                e.nextAttemptAt(),
                e.firstSeenAt(),
                e.lastAttemptAt(),
                e.sentAt());
    }

    private static LedgerEntry.@Nullable State state(@Nullable String status) {
        if (status == null) {
            return null;
        }
        for (LedgerEntry.State s : LedgerEntry.State.values()) {
            if (s.wire().equals(status.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw ApiProblem.badRequest("status", "must be sending, sent, failed or unanswered");
    }

    private static Optional<Long> parse(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
