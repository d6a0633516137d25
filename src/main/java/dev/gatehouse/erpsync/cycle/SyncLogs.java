package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.SyncModule;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanyAdministration;
import dev.gatehouse.kernel.logging.LogComponent;
import dev.gatehouse.kernel.logging.LogTail;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

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
 * The end of one sync log file of one day, SageConnect's log viewer, for the API and the portal.
 *
 * <p>The log files are the installation's, shared by every tenant, so a tenant sees only the lines
 * about its own companies: those whose {@code company} field (set on every line a company's cycle,
 * steps and importer write) or whose message names one of its companies' ids. The component is one
 * of the sync's (a closed list, so no caller text reaches a path) and the day a date.
 */
@NamedInterface("operations")
@Component
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
public final class SyncLogs {

    public static final int DEFAULT_LINES = 200;
    public static final int MAX_LINES = 2000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LogTail tail;
    private final CompanyAdministration companies;
    private final Clock clock;

    SyncLogs(LogTail tail, CompanyAdministration companies, Clock clock) {
        this.tail = tail;
        this.companies = companies;
        this.clock = clock;
    }

    /** One line as shown: its time, level, the company it is about and its message. */
    public record Line(String ts, String level, @Nullable String companyId, String message) {}

    /**
     * The lines read.
     *
     * @param filesEnabled false when the node writes no log files (no {@code LOG_PATH})
     */
    public record Tail(String component, LocalDate date, boolean filesEnabled, List<Line> lines) {}

    /** The sync's log components, as their file names read. */
    public static List<String> components() {
        return SyncModule.SYNC_LOGS.stream().map(LogComponent::fileStem).toList();
    }

    /**
     * The last {@code lines} (1 to {@value #MAX_LINES}, {@value #DEFAULT_LINES} when null) of
     * {@code component}'s file (Sync-Cycle when null) of {@code date} (UTC, today when null) that
     * are about {@code tenant}'s companies.
     *
     * @throws dev.gatehouse.kernel.web.ApiProblem 400 naming the parameter that is wrong
     */
    public Tail read(
            TenantId tenant,
            @Nullable String component,
            @Nullable String date,
            @Nullable String lines) {
        LogComponent file = component(component);
        LocalDate day = day(date);
        int max = lines(lines);
        Set<String> ids =
                companies.list(tenant, 0, 500).stream()
                        .map(Company::publicId)
                        .collect(Collectors.toUnmodifiableSet());
        List<Line> data =
                ids.isEmpty()
                        ? List.of()
                        : tail.last(file, day, max, line -> mentions(line, ids)).stream()
                                .map(line -> view(line, ids))
                                .flatMap(Optional::stream)
                                .toList();
        return new Tail(file.fileStem(), day, tail.enabled(), data);
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
    private static Optional<Line> view(String line, Set<String> ids) {
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
                new Line(
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
