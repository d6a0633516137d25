package dev.gatehouse.kernel.audit.web;

import dev.gatehouse.kernel.audit.AuditCursor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditQuery;
import dev.gatehouse.kernel.audit.Decision;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.ApiProblem.FieldMessage;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the query string of {@code GET /v1/audit-events} (and its export) into an {@link
 * AuditQuery}, or one 400 listing every bad parameter. Unknown and repeated parameters are refused
 * too, so a typo never silently widens a query.
 */
final class AuditQueryParams {

    static final Set<String> KNOWN =
            Set.of("action", "actor", "target", "decision", "from", "to", "ref", "limit", "cursor");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_.:@+-]{1,200}$");
    private static final Pattern REF = Pattern.compile("^[A-Za-z0-9._-]{8,64}$");

    private final Map<String, List<String>> params;
    private final List<FieldMessage> errors = new ArrayList<>();

    private AuditQueryParams(Map<String, List<String>> params) {
        this.params = params;
    }

    static AuditQuery parse(Map<String, List<String>> params) {
        return new AuditQueryParams(params).toQuery();
    }

    private AuditQuery toQuery() {
        params.keySet().stream()
                .filter(k -> !KNOWN.contains(k))
                .sorted()
                .forEach(k -> errors.add(new FieldMessage(k, "unknown parameter")));
        String action = one("action");
        if (action != null && !AuditEntry.isValidAction(action)) {
            error("action", "must be an action name like api_key.created");
        }
        String actor = matching("actor", ID, "must be an id of 1 to 200 letters, digits or _.:@+-");
        String target =
                matching("target", ID, "must be an id of 1 to 200 letters, digits or _.:@+-");
        Decision decision = decision();
        Instant from = instant("from");
        Instant to = instant("to");
        if (from != null && to != null && !from.isBefore(to)) {
            error("to", "must be after from");
        }
        String ref = matching("ref", REF, "must be 8 to 64 letters, digits or ._-");
        int limit = limit();
        AuditCursor cursor = cursor();
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest("The query parameters are not valid.", errors);
        }
        return new AuditQuery(action, actor, target, decision, from, to, ref, limit, cursor);
    }

    private @Nullable String one(String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            error(name, "must be given at most once");
            return null;
        }
        String value = values.getFirst();
        if (value.isEmpty()) {
            error(name, "must not be empty");
            return null;
        }
        return value;
    }

    private @Nullable String matching(String name, Pattern pattern, String message) {
        String value = one(name);
        if (value != null && !pattern.matcher(value).matches()) {
            error(name, message);
            return null;
        }
        return value;
    }

    private @Nullable Decision decision() {
        String value = one("decision");
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "allow" -> Decision.ALLOW;
            case "deny" -> Decision.DENY;
            default -> {
                error("decision", "must be allow or deny");
                yield null;
            }
        };
    }

    private @Nullable Instant instant(String name) {
        String value = one(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            error(name, "must be an RFC 3339 date-time such as 2026-11-25T10:00:00Z");
            return null;
        }
    }

    private int limit() {
        String value = one("limit");
        if (value == null) {
            return AuditQuery.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= AuditQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        error("limit", "must be an integer between 1 and " + AuditQuery.MAX_LIMIT);
        return AuditQuery.DEFAULT_LIMIT;
    }

    private @Nullable AuditCursor cursor() {
        String value = one("cursor");
        if (value == null) {
            return null;
        }
        var cursor = AuditCursor.decode(value);
        if (cursor.isEmpty()) {
            error("cursor", "is not a cursor returned by this API");
        }
        return cursor.orElse(null);
    }

    private void error(String field, String message) {
        errors.add(new FieldMessage(field, message));
    }
}
