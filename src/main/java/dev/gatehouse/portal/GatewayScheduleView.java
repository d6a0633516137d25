package dev.gatehouse.portal;

import dev.gatehouse.gateway.controls.StoredSchedule;
import dev.gatehouse.gateway.policy.Schedule;

import org.jspecify.annotations.Nullable;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The schedule as its page shows it: the stored settings, whether a relay started now is inside a
 * window, and when the current window closes or the next one opens, each in the schedule's zone and
 * in UTC.
 *
 * @param currentEnd when the open window closes (schedule's zone); null when closed or disabled
 * @param nextStart when the next window opens (schedule's zone); null when the schedule is disabled
 */
public record GatewayScheduleView(
        Schedule schedule,
        @Nullable Instant updatedAt,
        boolean openNow,
        @Nullable ZonedDateTime currentEnd,
        @Nullable ZonedDateTime nextStart) {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm");

    static GatewayScheduleView of(StoredSchedule stored, Instant now) {
        Schedule s = stored.schedule();
        return new GatewayScheduleView(
                s,
                stored.updatedAt(),
                s.isOpen(now),
                s.windowAt(now).map(Schedule.Window::end).orElse(null),
                s.nextWindowStart(now).orElse(null));
    }

    /** {@code at} in the schedule's zone, {@code Mon 7 Dec 2026, 11:00 (Asia/Karachi)}. */
    public static String inZone(ZonedDateTime at, Locale locale) {
        return LOCAL.withLocale(locale).format(at) + " (" + at.getZone().getId() + ")";
    }

    /** {@code at} in UTC, {@code Mon 7 Dec 2026, 06:00 UTC}. */
    public static String inUtc(ZonedDateTime at, Locale locale) {
        return LOCAL.withLocale(locale).format(at.withZoneSameInstant(ZoneOffset.UTC)) + " UTC";
    }

    /** The days of the schedule in the reader's language, in week order. */
    public String days(Locale locale) {
        return String.join(
                ", ",
                schedule.days().stream()
                        .sorted()
                        .map(d -> d.getDisplayName(TextStyle.SHORT, locale))
                        .toList());
    }

    /** The week's days, Monday first. */
    public static List<DayOfWeek> week() {
        return List.of(DayOfWeek.values());
    }

    /** A day's name in the reader's language. */
    public static String dayName(DayOfWeek day, Locale locale) {
        return day.getDisplayName(TextStyle.FULL, locale);
    }
}
