package dev.gatehouse.portal;

import dev.gatehouse.kernel.audit.AuditCursor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditPage;
import dev.gatehouse.kernel.audit.AuditQuery;
import dev.gatehouse.kernel.audit.AuditReader;
import dev.gatehouse.kernel.audit.Decision;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The audit explorer: search by action, actor, decision, time and ref; an event with its decision
 * path.
 */
@Controller
public class AuditPages {

    /** The filters as typed, to fill the form again. */
    public record Filters(
            @Nullable String action,
            @Nullable String actor,
            @Nullable String decision,
            @Nullable String from,
            @Nullable String to,
            @Nullable String ref) {}

    private final AuditReader audit;
    private final JsonMapper json;

    AuditPages(AuditReader audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/portal/audit")
    ModelAndView list(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String decision,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String ref,
            @RequestParam(required = false) @Nullable String cursor) {
        PortalUser user = requireAudit(request);
        Filters f =
                new Filters(
                        blank(action),
                        blank(actor),
                        blank(decision),
                        blank(from),
                        blank(to),
                        blank(ref));
        Msg msg = PortalContext.of(request).msg();
        Optional<AuditQuery> query = toQuery(f, cursor);
        if (query.isEmpty()) {
            return Pages.page(
                    "audit",
                    request,
                    "events",
                    List.of(),
                    "filters",
                    f,
                    "nextLink",
                    null,
                    "error",
                    msg.text("audit.badFilter"));
        }
        AuditPage page = audit.query(user.tenant(), query.get());
        String next = page.next() == null ? null : link(f, page.next().encode());
        return Pages.page(
                "audit",
                request,
                "events",
                page.events(),
                "filters",
                f,
                "nextLink",
                next,
                "error",
                null);
    }

    @GetMapping("/portal/audit/{id}")
    ModelAndView event(HttpServletRequest request, @PathVariable String id) {
        PortalUser user = requireAudit(request);
        return audit.find(user.tenant(), id)
                .map(
                        e ->
                                Pages.page(
                                        "auditEvent",
                                        request,
                                        "event",
                                        e,
                                        "steps",
                                        DecisionStep.of(e.details()),
                                        "detailsJson",
                                        json.writerWithDefaultPrettyPrinter()
                                                .writeValueAsString(e.details())))
                .orElseThrow(() -> ApiProblem.notFound("No such audit event."));
    }

    private static PortalUser requireAudit(HttpServletRequest request) {
        PortalUser user = PortalContext.of(request).signedIn();
        if (!user.can(Scope.AUDIT_READ)) {
            throw ApiProblem.forbidden("Your role cannot read the audit log.");
        }
        return user;
    }

    private static Optional<AuditQuery> toQuery(Filters f, @Nullable String cursor) {
        try {
            Decision decision = f.decision() == null ? null : Decision.fromWire(f.decision());
            Instant from =
                    f.from() == null
                            ? null
                            : LocalDate.parse(f.from()).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant to =
                    f.to() == null
                            ? null
                            : LocalDate.parse(f.to())
                                    .plusDays(1)
                                    .atStartOfDay()
                                    .toInstant(ZoneOffset.UTC);
            AuditCursor after =
                    cursor == null
                            ? null
                            : AuditCursor.decode(cursor)
                                    .orElseThrow(() -> new IllegalArgumentException("bad cursor"));
            if (f.action() != null && !AuditEntry.isValidAction(f.action())) {
                return Optional.empty();
            }
            return Optional.of(
                    new AuditQuery(
                            f.action(),
                            f.actor(),
                            null,
                            decision,
                            from,
                            to,
                            f.ref(),
                            AuditQuery.DEFAULT_LIMIT,
                            after));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String link(Filters f, String cursor) {
        StringBuilder sb = new StringBuilder("/portal/audit?cursor=").append(enc(cursor));
        append(sb, "action", f.action());
        append(sb, "actor", f.actor());
        append(sb, "decision", f.decision());
        append(sb, "from", f.from());
        append(sb, "to", f.to());
        append(sb, "ref", f.ref());
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, @Nullable String value) {
        if (value != null) {
            sb.append('&').append(name).append('=').append(enc(value));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
