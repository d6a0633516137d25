package dev.gatehouse.erpsync;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Sage 300's dates and times: dates as the number yyyymmdd, times as hhmmsscc (hundredths), both in
 * the company's local time.
 */
public final class SageDates {

    private SageDates() {}

    /** {@code 20261207} for 7 December 2026. */
    public static int number(LocalDate date) {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    public static LocalDate date(int yyyymmdd) {
        return LocalDate.of(yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }

    public static LocalDate date(BigDecimal yyyymmdd) {
        return date(yyyymmdd.intValueExact());
    }

    /** {@code 9450000} is 09:45:00.00. */
    public static LocalTime time(int hhmmsscc) {
        return LocalTime.of(
                hhmmsscc / 1_000_000,
                hhmmsscc / 10_000 % 100,
                hhmmsscc / 100 % 100,
                hhmmsscc % 100 * 10_000_000);
    }

    /** The instant of a Sage date and time written in {@code zone}. */
    public static Instant instant(int yyyymmdd, int hhmmsscc, ZoneId zone) {
        return LocalDateTime.of(date(yyyymmdd), time(hhmmsscc)).atZone(zone).toInstant();
    }
}
