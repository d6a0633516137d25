package dev.gatehouse.portal;

import dev.gatehouse.gateway.events.RelayHours;

import org.jspecify.annotations.Nullable;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of a stacked bar chart, drawn by the template as server-rendered SVG (no script, no
 * inline style: the strict CSP holds): one bar per column, its good part (relayed, sent) at the
 * bottom and its bad part (denied, failed) stacked above, three horizontal grid lines with their
 * counts, and labels along the bottom. Every bar carries a title with its counts, for pointers and
 * screen readers. Pure; immutable.
 *
 * @param width the view box's width
 * @param height the view box's height
 * @param top the axis's top value: a round number at least the largest column's total
 */
public record BarChart(
        int width, int height, long top, List<Bar> bars, List<Tick> ticks, List<Label> labels) {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 220;
    static final int LEFT = 48;
    static final int BOTTOM = 24;
    static final int TOP_MARGIN = 8;

    /** One column: the good part from {@code allowedY} down, the bad part above it. */
    public record Bar(
            double x,
            double width,
            double allowedY,
            double allowedHeight,
            double deniedY,
            double deniedHeight,
            String title) {}

    /** A grid line at {@code y} with its count. */
    public record Tick(double y, String text) {}

    /** A label under the bars, centred at {@code x}. */
    public record Label(double x, String text) {}

    /**
     * One column's data.
     *
     * @param good the bottom part's count (relayed, sent)
     * @param bad the top part's count (denied, failed)
     * @param title what the bar's title says
     * @param label the text under the bar, or null for none
     */
    public record Column(long good, long bad, String title, @Nullable String label) {}

    /**
     * The chart of relays per hour ({@code hours}, oldest first), labelled in {@code zone}: every
     * sixth hour for a day or less, every day at midnight for longer windows.
     */
    public static BarChart ofRelays(List<RelayHours.Hour> hours, ZoneId zone, Locale locale) {
        DateTimeFormatter titled =
                DateTimeFormatter.ofPattern("EEE d MMM HH:mm", locale).withZone(zone);
        boolean daily = hours.size() > 24;
        DateTimeFormatter labelled =
                DateTimeFormatter.ofPattern(daily ? "EEE d" : "HH:mm", locale).withZone(zone);
        List<Column> columns = new ArrayList<>(hours.size());
        for (RelayHours.Hour h : hours) {
            ZonedDateTime local = h.hour().atZone(zone);
            boolean mark = daily ? local.getHour() == 0 : local.getHour() % 6 == 0;
            columns.add(
                    new Column(
                            h.allowed(),
                            h.denied(),
                            titled.format(h.hour())
                                    + ": "
                                    + h.allowed()
                                    + " relayed, "
                                    + h.denied()
                                    + " denied",
                            mark ? labelled.format(h.hour()) : null));
        }
        return of(columns);
    }

    /** The chart of {@code columns}, left to right. */
    public static BarChart of(List<Column> columns) {
        long most = 0;
        for (Column c : columns) {
            most = Math.max(most, c.good() + c.bad());
        }
        long top = roundUp(most);
        double plotWidth = WIDTH - LEFT;
        double plotHeight = HEIGHT - BOTTOM - TOP_MARGIN;
        double slot = columns.isEmpty() ? plotWidth : plotWidth / columns.size();
        double gap = slot >= 6 ? 1 : 0;
        double base = TOP_MARGIN + plotHeight;
        List<Bar> bars = new ArrayList<>(columns.size());
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            double goodHeight = plotHeight * c.good() / top;
            double badHeight = plotHeight * c.bad() / top;
            double x = LEFT + i * slot;
            bars.add(
                    new Bar(
                            round(x + gap / 2),
                            round(slot - gap),
                            round(base - goodHeight),
                            round(goodHeight),
                            round(base - goodHeight - badHeight),
                            round(badHeight),
                            c.title()));
            if (c.label() != null) {
                labels.add(new Label(round(x + slot / 2), c.label()));
            }
        }
        List<Tick> ticks =
                List.of(
                        new Tick(round(base), "0"),
                        new Tick(round(base - plotHeight / 2), format(top / 2.0)),
                        new Tick(round(TOP_MARGIN), format(top)));
        return new BarChart(WIDTH, HEIGHT, top, List.copyOf(bars), ticks, List.copyOf(labels));
    }

    /** The view box, for the {@code viewBox} attribute. */
    public String viewBox() {
        return "0 0 " + width + " " + height;
    }

    /** Where the bars stand. */
    public double baseline() {
        return HEIGHT - BOTTOM;
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code n} (at least 1). */
    static long roundUp(long n) {
        if (n <= 1) {
            return 1;
        }
        long power = 1;
        while (power * 10 < n) {
            power *= 10;
        }
        for (long step : new long[] {1, 2, 5, 10}) {
            if (step * power >= n) {
                return step * power;
            }
        }
        return power * 10;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
