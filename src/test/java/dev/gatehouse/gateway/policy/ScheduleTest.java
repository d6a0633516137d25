package dev.gatehouse.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

class ScheduleTest {

    private static final Schedule PKT = Schedule.DEFAULT;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void theDefaultIsWeekdaysElevenToEightInKarachi() {
        assertThat(PKT.zone()).isEqualTo(ZoneId.of("Asia/Karachi"));
        assertThat(PKT.days())
                .containsExactly(
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY);
        assertThat(PKT.start()).isEqualTo(LocalTime.of(11, 0));
        assertThat(PKT.end()).isEqualTo(LocalTime.of(20, 0));
        assertThat(PKT.enabled()).isTrue();
    }

    @Test
    void fridayEveningClosesAtEightExclusive() {
        // Friday 2026-12-11, PKT is UTC+5.
        assertThat(PKT.isOpen(at("2026-12-11T14:59:59Z"))).isTrue();
        assertThat(PKT.isOpen(at("2026-12-11T15:00:00Z"))).isFalse();
        ZonedDateTime next = PKT.nextWindowStart(at("2026-12-11T15:00:00Z")).orElseThrow();
        assertThat(next.toString()).isEqualTo("2026-12-14T11:00+05:00[Asia/Karachi]");
        assertThat(next.toInstant()).isEqualTo(at("2026-12-14T06:00:00Z"));
    }

    @Test
    void saturdayIsClosedAllDay() {
        assertThat(PKT.isOpen(at("2026-12-12T07:00:00Z"))).isFalse();
        assertThat(PKT.isOpen(at("2026-12-12T11:00:00Z"))).isFalse();
        assertThat(PKT.windowAt(at("2026-12-12T07:00:00Z"))).isEmpty();
    }

    @Test
    void mondayOpensAtElevenSharp() {
        assertThat(PKT.isOpen(at("2026-12-14T05:59:59Z"))).isFalse();
        assertThat(PKT.isOpen(at("2026-12-14T06:00:00Z"))).isTrue();
        assertThat(PKT.nextWindowStart(at("2026-12-14T05:59:59Z")).orElseThrow().toInstant())
                .isEqualTo(at("2026-12-14T06:00:00Z"));
        Schedule.Window w = PKT.windowAt(at("2026-12-14T06:00:00Z")).orElseThrow();
        assertThat(w.end().toInstant()).isEqualTo(at("2026-12-14T15:00:00Z"));
    }

    @Test
    void aWindowFollowsTheZonesOffsetAcrossTheSpringChange() {
        Schedule nineToFive =
                new Schedule(
                        NEW_YORK,
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                        LocalTime.of(9, 0),
                        LocalTime.of(17, 0),
                        true);
        // Friday 2027-03-12 is EST (UTC-5); Monday 2027-03-15 is EDT (UTC-4).
        assertThat(nineToFive.isOpen(at("2027-03-12T13:59:59Z"))).isFalse();
        assertThat(nineToFive.isOpen(at("2027-03-12T14:00:00Z"))).isTrue();
        assertThat(nineToFive.nextWindowStart(at("2027-03-12T22:00:00Z")).orElseThrow().toInstant())
                .isEqualTo(at("2027-03-15T13:00:00Z"));
        assertThat(nineToFive.isOpen(at("2027-03-15T12:59:59Z"))).isFalse();
        assertThat(nineToFive.isOpen(at("2027-03-15T13:00:00Z"))).isTrue();
        assertThat(nineToFive.isOpen(at("2027-03-15T20:59:59Z"))).isTrue();
        assertThat(nineToFive.isOpen(at("2027-03-15T21:00:00Z"))).isFalse();
    }

    @Test
    void aStartInTheSpringGapMovesForwardByTheGap() {
        // 2027-03-14: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist that night.
        Schedule small =
                new Schedule(
                        NEW_YORK,
                        Set.of(DayOfWeek.SUNDAY),
                        LocalTime.of(2, 30),
                        LocalTime.of(4, 0),
                        true);
        ZonedDateTime next = small.nextWindowStart(at("2027-03-14T06:00:00Z")).orElseThrow();
        assertThat(next.toString()).isEqualTo("2027-03-14T03:30-04:00[America/New_York]");
        assertThat(small.isOpen(at("2027-03-14T07:29:59Z"))).isFalse();
        assertThat(small.isOpen(at("2027-03-14T07:30:00Z"))).isTrue();
        assertThat(small.isOpen(at("2027-03-14T07:59:59Z"))).isTrue();
        assertThat(small.isOpen(at("2027-03-14T08:00:00Z"))).isFalse();
        // A week later, no gap: 02:30 EDT.
        assertThat(small.isOpen(at("2027-03-21T06:30:00Z"))).isTrue();
    }

    @Test
    void aWindowInsideTheGapIsEmptyThatNight() {
        Schedule inGap =
                new Schedule(
                        NEW_YORK,
                        Set.of(DayOfWeek.SUNDAY),
                        LocalTime.of(2, 30),
                        LocalTime.of(3, 0),
                        true);
        for (String t :
                List.of("2027-03-14T06:59:59Z", "2027-03-14T07:00:00Z", "2027-03-14T07:30:00Z")) {
            assertThat(inGap.isOpen(at(t))).as(t).isFalse();
        }
        assertThat(inGap.nextWindowStart(at("2027-03-14T05:00:00Z")).orElseThrow().toInstant())
                .isEqualTo(at("2027-03-21T06:30:00Z"));
    }

    @Test
    void inTheAutumnOverlapOnlyTheFirstPassIsOpen() {
        // 2027-11-07: 02:00 EDT falls back to 01:00 EST; 01:00–01:30 happens twice.
        Schedule repeated =
                new Schedule(
                        NEW_YORK,
                        Set.of(DayOfWeek.SUNDAY),
                        LocalTime.of(1, 0),
                        LocalTime.of(1, 30),
                        true);
        assertThat(repeated.isOpen(at("2027-11-07T04:59:59Z"))).isFalse();
        assertThat(repeated.isOpen(at("2027-11-07T05:00:00Z"))).isTrue();
        assertThat(repeated.isOpen(at("2027-11-07T05:29:59Z"))).isTrue();
        assertThat(repeated.isOpen(at("2027-11-07T05:30:00Z"))).isFalse();
        assertThat(repeated.isOpen(at("2027-11-07T06:10:00Z"))).isFalse(); // 01:10 EST, second pass
        assertThat(repeated.nextWindowStart(at("2027-11-07T05:30:00Z")).orElseThrow().toInstant())
                .isEqualTo(at("2027-11-14T06:00:00Z"));
    }

    @Test
    void anAutumnWeekdayKeepsItsLocalHours() {
        Schedule nineToFive =
                new Schedule(
                        NEW_YORK,
                        Set.of(DayOfWeek.MONDAY),
                        LocalTime.of(9, 0),
                        LocalTime.of(17, 0),
                        true);
        // Monday 2027-11-08 is EST (UTC-5).
        assertThat(nineToFive.isOpen(at("2027-11-08T13:59:59Z"))).isFalse();
        assertThat(nineToFive.isOpen(at("2027-11-08T14:00:00Z"))).isTrue();
    }

    @Test
    void anOvernightWindowClosesTheNextMorning() {
        Schedule overnight =
                new Schedule(
                        ZoneId.of("Asia/Karachi"),
                        Set.of(DayOfWeek.FRIDAY),
                        LocalTime.of(22, 0),
                        LocalTime.of(6, 0),
                        true);
        assertThat(overnight.isOpen(at("2026-12-11T16:59:59Z"))).isFalse(); // Fri 21:59:59
        assertThat(overnight.isOpen(at("2026-12-11T17:00:00Z"))).isTrue(); // Fri 22:00
        assertThat(overnight.isOpen(at("2026-12-12T00:59:59Z"))).isTrue(); // Sat 05:59:59
        assertThat(overnight.isOpen(at("2026-12-12T01:00:00Z"))).isFalse(); // Sat 06:00
        assertThat(overnight.isOpen(at("2026-12-10T18:00:00Z"))).isFalse(); // Thu 23:00
        assertThat(overnight.nextWindowStart(at("2026-12-12T01:00:00Z")).orElseThrow().toInstant())
                .isEqualTo(at("2026-12-18T17:00:00Z"));
    }

    @Test
    void aDisabledScheduleIsAlwaysOpen() {
        Schedule off = new Schedule(PKT.zone(), PKT.days(), PKT.start(), PKT.end(), false);
        assertThat(off.isOpen(at("2026-12-12T21:00:00Z"))).isTrue();
        assertThat(off.nextWindowStart(at("2026-12-12T21:00:00Z"))).isEmpty();
    }

    @Test
    void aWrittenScheduleReportsEveryProblem() {
        List<Problem> problems =
                Schedule.parse(
                                "Mars/Olympus",
                                List.of("MONDAY", "TUE", "TUE"),
                                "9:00",
                                "24:00",
                                true)
                        .problems();
        assertThat(problems)
                .extracting(Problem::field)
                .containsExactly("timezone", "days", "days", "start", "end");
        assertThat(Schedule.parse("+05:00", List.of("MON"), "09:00", "17:00", true).problems())
                .extracting(Problem::field)
                .containsExactly("timezone");
        assertThat(Schedule.parse("UTC", List.of(), "09:00", "09:00", true).problems())
                .extracting(Problem::message)
                .containsExactly(
                        "must name at least one day",
                        "must differ from start (22:00 to 06:00 runs overnight; set enabled to"
                                + " false for no time restriction)");
        Schedule ok =
                Schedule.parse("Europe/Madrid", List.of("SAT", "MON"), "22:00", "06:00", true)
                        .orElseThrow();
        assertThat(ok.days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);
        assertThat(Schedule.wireName(DayOfWeek.SATURDAY)).isEqualTo("SAT");
    }

    @Test
    void theConstructorRefusesWhatParseRefuses() {
        assertThatThrownBy(() -> new Schedule(PKT.zone(), Set.of(), PKT.start(), PKT.end(), true))
                .hasMessageContaining("at least one day");
        assertThatThrownBy(
                        () -> new Schedule(PKT.zone(), PKT.days(), PKT.start(), PKT.start(), true))
                .hasMessageContaining("must differ");
    }
}
