package dev.gatehouse.kernel.audit;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One page of events, newest first.
 *
 * @param events the events
 * @param next where the next page starts, or null on the last page
 */
public record AuditPage(List<AuditEvent> events, @Nullable AuditCursor next) {

    public AuditPage {
        events = List.copyOf(events);
    }
}
