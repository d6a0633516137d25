package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.SyncModule;
import dev.gatehouse.erpsync.SyncScopes;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyAdministration;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.logging.LogComponent;
import dev.gatehouse.kernel.logging.LogTail;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/sync/logs}: the end of one sync log file of one day, SageConnect's log viewer.
 *
 * <p>The log files are the installation's, shared by every tenant, so a tenant sees only the lines
 * about its own companies: those whose {@code company} field (set on every line a company's cycle,
 * steps and importer write) or whose message names one of its companies' ids. The component is one
 * of the sync's (a closed list, so no caller text reaches a path) and the day a date. Needs {@code
 * sync:read}.
 */
@RestController
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
class LogsController {

    static final int DEFAULT_LINES = 200;
    static final int MAX_LINES = 2000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LogTail tail;
    private final CompanyAdministration companies;
    private final Clock clock;

    LogsController(LogTail tail, CompanyAdministration companies, Clock clock) {
        this.tail = tail;
        this.companies = companies;
        this.clock = clock;
    }

    @Schema(name = "SyncLogLine")
    record LineView(
            String ts,
            String level,
            @Schema(description = "The company the line is about, when it names one.")
                    @Nullable String companyId,
            String message) {}

    @Schema(name = "SyncLogs")
    record LogsView(
            String component,
            LocalDate date,
            @Schema(description = "False when the node writes no log files (no LOG_PATH).")
                    boolean filesEnabled,
            List<LineView> data) {}

    @GetMapping("/v1/sync/logs")
    LogsView logs(
            Caller caller,
            @Schema(
                            description =
                                    "Sync, Sync-Cycle, Sync-Portal, Sync-Payments,"
                                            + " Sync-PurchaseOrders, Sync-Documents or"
                                            + " Sync-Importer; Sync-Cycle by default.")
                    @RequestParam(required = false)
                    @Nullable String component,
            @Schema(description = "The day (UTC), yyyy-mm-dd; today by default.")
                    @RequestParam(required = false)
                    @Nullable String date,
            @Schema(description = "The last lines to show, 1–2000; 200 by default.")
                    @RequestParam(required = false)
                    @Nullable String lines) {
        TenantId tenant = caller.tenantWith(SyncScopes.READ);
        LogComponent file = component(component);
        LocalDate day = day(date);
        int max = lines(lines);
        Set<String> ids =
                companies.list(tenant, 0, 500).stream()
                        .map(Company::publicId)
                        .collect(Collectors.toUnmodifiableSet());
        List<LineView> data =
                ids.isEmpty()
                        ? List.of()
                        : tail.last(file, day, max, line -> mentions(line, ids)).stream()
                                .map(line -> view(line, ids))
                                .flatMap(Optional::stream)
                                .toList();
        return new LogsView(file.fileStem(), day, tail.enabled(), data);
    }

    private static boolean mentions(String line, Set<String> ids) {
        for (String id : ids) {
            if (line.contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** The line as shown, when it is about one of {@code ids} (not only naming it in passing). */
    private static Optional<LineView> view(String line, Set<String> ids) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        String message = event.path("msg").asString("");
        String company = event.path(CycleRunner.MDC_COMPANY).asString("");
        if (company.isEmpty()) {
            company = ids.stream().filter(message::contains).findFirst().orElse("");
        }
        if (!ids.contains(company)) {
            return Optional.empty();
        }
        JsonNode error = event.path("error");
        if (error.isObject()) {
            message = message + " (" + error.path("type").asString("") + ")";
        }
        return Optional.of(
                new LineView(
                        event.path("ts").asString(""),
                        event.path("level").asString(""),
                        company,
                        message));
    }

    private static LogComponent component(@Nullable String name) {
        String wanted = name == null ? "Sync-Cycle" : name;
        return SyncModule.SYNC_LOGS.stream()
                .filter(
                        c ->
                                c.fileStem()
                                        .toLowerCase(Locale.ROOT)
                                        .equals(wanted.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(
                        () ->
                                ApiProblem.badRequest(
                                        "component",
                                        "must be one of "
                                                + SyncModule.SYNC_LOGS.stream()
                                                        .map(LogComponent::fileStem)
                                                        .collect(Collectors.joining(", "))));
    }

    private LocalDate day(@Nullable String date) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (date == null) {
            return today;
        }
        try {
            LocalDate d = LocalDate.parse(date);
            if (!d.isAfter(today) && !d.isBefore(today.minusYears(10))) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw ApiProblem.badRequest("date", "must be a past or present day as yyyy-mm-dd");
    }

    private static int lines(@Nullable String value) {
        if (value == null) {
            return DEFAULT_LINES;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_LINES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.badRequest("lines", "must be a whole number from 1 to " + MAX_LINES);
    }
}
