package dev.gatehouse.gateway.policy;

import org.jspecify.annotations.Nullable;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tenant's business hours (check 7): on each of {@code days}, relays are allowed from {@code
 * start} (inclusive) to {@code end} (exclusive), local time in {@code zone}. {@code enabled=false}
 * removes the restriction: always open, no next window.
 *
 * <p>Design notes:
 *
 * <ul>
 *   <li><b>Overnight windows are supported.</b> When {@code start} is after {@code end}
 *       (22:00–06:00) the window opens on each listed day and closes the next morning: {@code
 *       days=[FRI]} opens Friday 22:00 and closes Saturday 06:00. {@code start == end} is refused
 *       (a window of zero or twenty-four hours is ambiguous; {@code enabled=false} means always
 *       open).
 *   <li><b>Windows are instants, not wall-clock comparisons.</b> Each day's window is computed as
 *       two instants, and an instant is open when it lies in one of them.
 *   <li><b>Daylight-saving gaps and overlaps</b> follow {@link ZonedDateTime#of}: a boundary that
 *       falls in a gap (02:30 on the night clocks jump from 02:00 to 03:00) moves forward by the
 *       length of the gap (03:30); a boundary in an overlap (01:30 on the night clocks fall back)
 *       takes the earlier offset, its first occurrence. So during a repeated hour a window is open
 *       only on the first pass of its local times, and a window whose end falls at or before its
 *       start after these rules (02:15–02:45 inside a one-hour gap is 03:15–03:45, still fine; but
 *       02:30–03:00 becomes 03:30–03:00) is empty that day.
 * </ul>
 *
 * @param zone an IANA time zone
 * @param days the days on which a window opens, at least one
 * @param start the local opening time, whole minutes
 * @param end the local closing time (exclusive), whole minutes, different from {@code start}
 * @param enabled false removes the time restriction
 */
public record Schedule(
        ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end, boolean enabled) {

    /** Monday to Friday, 11:00–20:00 in {@code Asia/Karachi}, enabled. */
    public static final Schedule DEFAULT =
            new Schedule(
                    ZoneId.of("Asia/Karachi"),
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                    LocalTime.of(11, 0),
                    LocalTime.of(20, 0),
                    true);

    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    public Schedule {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        days = days.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(days));
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one day");
        }
        if (start.equals(end)) {
            throw new IllegalArgumentException("schedule start and end must differ, both " + start);
        }
        if (start.getSecond() != 0
                || start.getNano() != 0
                || end.getSecond() != 0
                || end.getNano() != 0) {
            throw new IllegalArgumentException("schedule times are whole minutes");
        }
    }

    /** One opening: from {@code start} (inclusive) to {@code end} (exclusive), in the zone. */
    public record Window(ZonedDateTime start, ZonedDateTime end) {

        public boolean contains(Instant at) {
            return !at.isBefore(start.toInstant()) && at.isBefore(end.toInstant());
        }
    }

    /**
     * Checks a schedule as a client wrote it; every problem at once, on the fields {@code
     * timezone}, {@code days}, {@code start} and {@code end}.
     *
     * @param timezone an IANA zone id such as {@code Asia/Karachi} (offsets such as {@code +05:00}
     *     are refused: they know no daylight saving)
     * @param days day names {@code MON}…{@code SUN}, at least one, each once
     * @param start {@code HH:MM}, 00:00–23:59
     * @param end {@code HH:MM}, different from {@code start}; earlier means the next day
     */
    public static Validated<Schedule> parse(
            String timezone, List<String> days, String start, String end, boolean enabled) {
        List<Problem> problems = new ArrayList<>();
        ZoneId zone = null;
        if (timezone.length() <= 64 && ZoneId.getAvailableZoneIds().contains(timezone)) {
            zone = ZoneId.of(timezone);
        } else {
            problems.add(
                    new Problem(
                            "timezone",
                            "must be an IANA time zone such as Asia/Karachi, was \""
                                    + PathSyntax.shorten(timezone)
                                    + "\""));
        }
        Set<DayOfWeek> parsedDays = EnumSet.noneOf(DayOfWeek.class);
        if (days.isEmpty()) {
            problems.add(new Problem("days", "must name at least one day"));
        }
        for (String d : days) {
            DayOfWeek day = dayOf(d);
            if (day == null) {
                problems.add(
                        new Problem(
                                "days",
                                "must be MON, TUE, WED, THU, FRI, SAT or SUN, was \""
                                        + PathSyntax.shorten(d)
                                        + "\""));
            } else if (!parsedDays.add(day)) {
                problems.add(new Problem("days", "names " + d + " twice"));
            }
        }
        LocalTime from = time("start", start, problems);
        LocalTime to = time("end", end, problems);
        if (from != null && from.equals(to)) {
            problems.add(
                    new Problem(
                            "end",
                            "must differ from start (22:00 to 06:00 runs overnight; set enabled"
                                    + " to false for no time restriction)"));
        }
        if (!problems.isEmpty() || zone == null || from == null || to == null) {
            return Validated.invalid(problems);
        }
        return Validated.valid(new Schedule(zone, parsedDays, from, to, enabled));
    }

    /** The wire name of {@code day}: {@code MON}…{@code SUN}. */
    public static String wireName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT);
    }

    /** True when {@code at} is inside a window, or the schedule is disabled. */
    public boolean isOpen(Instant at) {
        return !enabled || windowAt(at).isPresent();
    }

    /** The window {@code at} lies in; empty when closed or when the schedule is disabled. */
    public Optional<Window> windowAt(Instant at) {
        if (!enabled) {
            return Optional.empty();
        }
        LocalDate today = at.atZone(zone).toLocalDate();
        for (LocalDate d = today.minusDays(1); !d.isAfter(today.plusDays(1)); d = d.plusDays(1)) {
            Window w = windowOn(d);
            if (w != null && w.contains(at)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /**
     * The first window start strictly after {@code at}, in the schedule's zone ({@code toInstant()}
     * gives the instant); empty when the schedule is disabled.
     */
    public Optional<ZonedDateTime> nextWindowStart(Instant at) {
        if (!enabled) {
            return Optional.empty();
        }
        LocalDate today = at.atZone(zone).toLocalDate();
        // Every day is listed at most a week apart; two weeks covers windows emptied by DST.
        for (LocalDate d = today.minusDays(1); d.isBefore(today.plusDays(15)); d = d.plusDays(1)) {
            Window w = windowOn(d);
            if (w != null && w.start().toInstant().isAfter(at)) {
                return Optional.of(w.start());
            }
        }
        return Optional.empty();
    }

    /** The window opening on local date {@code day}, or null when none opens (or it is empty). */
    private @Nullable Window windowOn(LocalDate day) {
        if (!days.contains(day.getDayOfWeek())) {
            return null;
        }
        ZonedDateTime opens = ZonedDateTime.of(day, start, zone);
        ZonedDateTime closes =
                ZonedDateTime.of(start.isBefore(end) ? day : day.plusDays(1), end, zone);
        return closes.toInstant().isAfter(opens.toInstant()) ? new Window(opens, closes) : null;
    }

    private static @Nullable DayOfWeek dayOf(String wire) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (wireName(d).equals(wire)) {
                return d;
            }
        }
        return null;
    }

    private static @Nullable LocalTime time(String field, String text, List<Problem> problems) {
        if (!HH_MM.matcher(text).matches()) {
            problems.add(
                    new Problem(
                            field,
                            "must be a local time HH:MM from 00:00 to 23:59, was \""
                                    + PathSyntax.shorten(text)
                                    + "\""));
            return null;
        }
        return LocalTime.parse(text);
    }
}
