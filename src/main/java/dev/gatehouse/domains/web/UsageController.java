package dev.gatehouse.domains.web;

import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.domains.Usage;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /v1/usage?month=YYYY-MM}: connections that went live in that UTC month (each counted
 * once per month), and connections live right now.
 */
@RestController
class UsageController {

    private final Usage usage;
    private final Clock clock;

    UsageController(Usage usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @Schema(name = "Usage")
    record UsageView(String month, long connectionsGoneLive, long activeConnections) {}

    @GetMapping("/v1/usage")
    UsageView usage(
            Caller caller,
            @Parameter(
                            description = "A UTC month, YYYY-MM; the current one when omitted.",
                            schema = @Schema(pattern = "^[0-9]{4}-[0-9]{2}$"))
                    @RequestParam(required = false)
                    @Nullable String month) {
        TenantId tenant = caller.tenantWith(DomainScopes.APPS_READ);
        YearMonth m;
        try {
            m =
                    month == null
                            ? YearMonth.now(clock.withZone(ZoneOffset.UTC))
                            : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("month", "must be YYYY-MM");
        }
        if (m.getYear() < 2000 || m.getYear() > 9999) {
            throw ApiProblem.badRequest("month", "must be YYYY-MM between 2000-01 and 9999-12");
        }
        return new UsageView(m.toString(), usage.goneLive(tenant, m), usage.liveNow(tenant));
    }
}
