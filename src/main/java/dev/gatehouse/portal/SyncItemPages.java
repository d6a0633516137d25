package dev.gatehouse.portal;

import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.cycle.SyncLogs;
import dev.gatehouse.erpsync.cycle.SyncOperations;
import dev.gatehouse.erpsync.ledger.Ledger;
import dev.gatehouse.erpsync.ledger.LedgerEntry;
import dev.gatehouse.erpsync.payments.PaymentReconciliation;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SageConnect's payments, purchase orders and logs in the portal. Payments and purchase orders show
 * the ledger (state, portal id, attempts, last error) of one company at a time; payments also run
 * the reconciliation, a dry run first (needs {@code sync:read}) and then, confirmed, for real
 * (needs {@code sync:admin}; audited), through {@link SyncOperations} as the API does. The logs
 * page shows only lines about the tenant's companies ({@link SyncLogs}).
 */
@Controller
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
class SyncItemPages {

    static final String PAYMENTS = SyncPages.BASE + "/payments";
    static final String ORDERS = SyncPages.BASE + "/purchase-orders";
    static final String LOGS = SyncPages.BASE + "/logs";
    static final int PAGE = 100;

    private final SyncOperations operations;
    private final SyncLogs logs;
    private final Ledger ledger;
    private final SyncAccess access;

    SyncItemPages(SyncOperations operations, SyncLogs logs, Ledger ledger, SyncAccess access) {
        this.operations = operations;
        this.logs = logs;
        this.ledger = ledger;
        this.access = access;
    }

    @GetMapping(PAYMENTS)
    ModelAndView payments(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String company,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String after) {
        PortalUser user = SyncAccess.reader(request);
        SyncListing listing =
                listing(user, LedgerEntry.Kind.PAYMENT, PAYMENTS, company, status, after);
        return paymentsPage(request, user, listing, null, Map.of());
    }

    @PostMapping(PAYMENTS + "/reconcile")
    ModelAndView reconcile(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String company,
            @RequestParam(name = "from_date", defaultValue = "") String fromDate,
            @RequestParam(defaultValue = "") String filter,
            @RequestParam(defaultValue = "dry") String mode,
            @RequestParam(defaultValue = "") String confirm) {
        boolean dryRun =
                switch (mode) {
                    case "dry" -> true;
                    case "apply" -> false;
                    default -> throw ApiProblem.badRequest("mode", "must be dry or apply");
                };
        PortalUser user = dryRun ? SyncAccess.reader(request) : SyncAccess.admin(request);
        Company chosen = access.company(user.tenant(), company);
        String cleanFilter = filter.strip().toUpperCase(Locale.ROOT);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("company", chosen.publicId());
        fields.put("from_date", fromDate.strip());
        fields.put("filter", cleanFilter);
        fields.put("mode", mode);
        if (!dryRun && !GatewayConfirmation.confirmed(confirm)) {
            return new GatewayConfirmation(
                            "sync.reconcile.applyTitle",
                            PortalContext.of(request)
                                    .msg()
                                    .text("sync.reconcile.applyConfirm", chosen.name()),
                            PAYMENTS + "/reconcile",
                            fields,
                            "sync.reconcile.apply",
                            PAYMENTS + "?company=" + chosen.publicId())
                    .page(request);
        }
        SyncOperations.Reconciled done =
                operations.reconcile(
                        user.tenant(),
                        chosen.publicId(),
                        given(fromDate),
                        cleanFilter.isEmpty() ? null : cleanFilter,
                        dryRun,
                        SyncAccess.actor(user));
        SyncListing listing =
                listing(user, LedgerEntry.Kind.PAYMENT, PAYMENTS, chosen.publicId(), null, null);
        return paymentsPage(request, user, listing, done, fields);
    }

    @GetMapping(ORDERS)
    ModelAndView purchaseOrders(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String company,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String after) {
        PortalUser user = SyncAccess.reader(request);
        SyncListing listing =
                listing(user, LedgerEntry.Kind.PURCHASE_ORDER, ORDERS, company, status, after);
        return Pages.page(
                "sync/orders",
                request,
                "banner",
                access.banner(listing.companies()),
                "listing",
                listing);
    }

    @GetMapping(LOGS)
    ModelAndView logs(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String component,
            @RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String lines) {
        PortalUser user = SyncAccess.reader(request);
        return Pages.page(
                "sync/logs",
                request,
                "banner",
                access.banner(operations.companies(user.tenant())),
                "tail",
                logs.read(user.tenant(), given(component), given(date), given(lines)),
                "components",
                SyncLogs.components(),
                "lines",
                lines == null || lines.isBlank() ? SyncLogs.DEFAULT_LINES : lines);
    }

    private ModelAndView paymentsPage(
            HttpServletRequest request,
            PortalUser user,
            SyncListing listing,
            SyncOperations.@Nullable Reconciled done,
            Map<String, String> form) {
        return Pages.page(
                "sync/payments",
                request,
                "banner",
                access.banner(listing.companies()),
                "listing",
                listing,
                "report",
                done,
                "kinds",
                List.of(PaymentReconciliation.Kind.values()),
                "form",
                form,
                "canAdmin",
                SyncAccess.canAdmin(user));
    }

    private SyncListing listing(
            PortalUser user,
            LedgerEntry.Kind kind,
            String base,
            @Nullable String companyId,
            @Nullable String status,
            @Nullable String after) {
        List<Company> all = operations.companies(user.tenant());
        Optional<Company> company = access.chosen(user.tenant(), companyId, all);
        LedgerEntry.State state = state(status);
        long from = after(after);
        if (company.isEmpty()) {
            return new SyncListing(null, all, List.of(), null, null);
        }
        List<LedgerEntry> fetched =
                ledger.list(user.tenant(), kind, company.get().id(), state, from, PAGE + 1);
        List<LedgerEntry> rows = fetched.stream().limit(PAGE).toList();
        String next =
                fetched.size() > PAGE
                        ? base
                                + "?company="
                                + company.get().publicId()
                                + (state == null ? "" : "&status=" + state.wire())
                                + "&after="
                                + rows.getLast().id()
                        : null;
        return new SyncListing(company.get(), all, rows, state == null ? null : state.wire(), next);
    }

    /** A form's empty field is a parameter not given. */
    private static @Nullable String given(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static LedgerEntry.@Nullable State state(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        for (LedgerEntry.State s : LedgerEntry.State.values()) {
            if (s.wire().equals(status)) {
                return s;
            }
        }
        throw ApiProblem.badRequest("status", "must be sending, sent, failed or unanswered");
    }

    private static long after(@Nullable String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long id = Long.parseLong(after);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.badRequest("after", "must be a row number from a next-page link");
    }
}
