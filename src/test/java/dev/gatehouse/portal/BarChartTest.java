package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.events.RelayHours;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

class BarChartTest {

    static final Instant START = Instant.parse("2026-12-06T11:00:00Z");

    static List<RelayHours.Hour> day(long... totals) {
        List<RelayHours.Hour> hours = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            long allowed = i < totals.length ? totals[i] : 0;
            long denied = i == 23 ? 40 : 0;
            hours.add(
                    new RelayHours.Hour(
                            START.plus(Duration.ofHours(i)),
                            allowed,
                            denied,
                            denied == 0 ? Map.of() : Map.of("policy_denied", denied)));
        }
        return hours;
    }

    @Test
    void barsShareTheWidthAndTheirHeightsFollowTheCounts() {
        BarChart chart = BarChart.ofRelays(day(80, 0, 40), ZoneId.of("UTC"), Locale.ENGLISH);

        assertThat(chart.bars()).hasSize(24);
        assertThat(chart.top()).isEqualTo(100);
        BarChart.Bar first = chart.bars().get(0);
        BarChart.Bar third = chart.bars().get(2);
        assertThat(first.allowedHeight()).isEqualTo(2 * third.allowedHeight());
        assertThat(first.allowedY() + first.allowedHeight()).isEqualTo(chart.baseline());
        assertThat(chart.bars().get(1).allowedHeight()).isZero();
        BarChart.Bar last = chart.bars().get(23);
        assertThat(last.deniedHeight()).isEqualTo(third.allowedHeight());
        assertThat(last.deniedY() + last.deniedHeight()).isEqualTo(last.allowedY());
        assertThat(last.x() + last.width()).isLessThanOrEqualTo(BarChart.WIDTH);
        assertThat(first.title()).isEqualTo("Sun 6 Dec 11:00: 80 relayed, 0 denied");
        assertThat(chart.ticks()).extracting(BarChart.Tick::text).containsExactly("0", "50", "100");
    }

    @Test
    void aDayIsLabelledEverySixHoursInTheViewersZone() {
        BarChart chart = BarChart.ofRelays(day(1), ZoneId.of("Asia/Karachi"), Locale.ENGLISH);

        // 11:00 UTC is 16:00 in Karachi: the marks fall at 18:00, 00:00, 06:00 and 12:00 there
        assertThat(chart.labels())
                .extracting(BarChart.Label::text)
                .containsExactly("18:00", "00:00", "06:00", "12:00");
    }

    @Test
    void aWeekIsLabelledAtEachMidnight() {
        List<RelayHours.Hour> week = new ArrayList<>();
        for (int i = 0; i < 168; i++) {
            week.add(new RelayHours.Hour(START.plus(Duration.ofHours(i)), 3, 0, Map.of()));
        }
        BarChart chart = BarChart.ofRelays(week, ZoneId.of("UTC"), Locale.forLanguageTag("es"));
        assertThat(chart.bars()).hasSize(168);
        assertThat(chart.labels()).hasSize(7);
        assertThat(chart.labels().getFirst().text()).isEqualTo("lun 7");
        assertThat(chart.top()).isEqualTo(5);
    }

    @Test
    void theAxisTopIsOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(BarChart.roundUp(0)).isEqualTo(1);
        assertThat(BarChart.roundUp(7)).isEqualTo(10);
        assertThat(BarChart.roundUp(11)).isEqualTo(20);
        assertThat(BarChart.roundUp(201)).isEqualTo(500);
        assertThat(BarChart.roundUp(5000)).isEqualTo(5000);
        assertThat(BarChart.roundUp(5001)).isEqualTo(10_000);
    }
}
