package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.SyncScopes;
import dev.gatehouse.kernel.keys.Caller;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /v1/sync/logs}: the end of one sync log file of one day, only the lines about the
 * caller's companies ({@link SyncLogs}). Needs {@code sync:read}.
 */
@RestController
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
class LogsController {

    private final SyncLogs logs;

    LogsController(SyncLogs logs) {
        this.logs = logs;
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
        SyncLogs.Tail read = logs.read(caller.tenantWith(SyncScopes.READ), component, date, lines);
        return new LogsView(
                read.component(),
                read.date(),
                read.filesEnabled(),
                read.lines().stream()
                        .map(l -> new LineView(l.ts(), l.level(), l.companyId(), l.message()))
                        .toList());
    }
}
