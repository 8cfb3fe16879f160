package org.orchestrator.rules.template;

import com.hubspot.jinjava.objects.date.StrftimeFormatter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Airflow's {@code macros} namespace: {@code macros.ds_add(ds, -1)}, {@code macros.ds_format(ds,
 * "%Y-%m-%d", "%d/%m/%Y")}, {@code macros.datetime(2026, 1, 31)} and {@code macros.timedelta(days)}.
 * Public because the template engine calls these methods by reflection.
 */
public final class Macros {

    Macros() {
    }

    /**
     * {@return the date {@code days} after {@code ds} (before, when negative), as {@code YYYY-MM-DD}}
     *
     * @param ds   a date as {@code YYYY-MM-DD}
     * @param days how many days to add
     */
    public String ds_add(String ds, Number days) {
        return LocalDate.parse(ds).plusDays(days.longValue()).toString();
    }

    /**
     * {@return {@code ds} read with one strftime format and written with another}
     *
     * @param ds     the date text
     * @param input  its strftime format, e.g. {@code %Y-%m-%d}
     * @param output the wanted strftime format
     */
    public String ds_format(String ds, String input, String output) {
        DateTimeFormatter in = StrftimeFormatter.toDateTimeFormatter(input);
        return StrftimeFormatter.toDateTimeFormatter(output).format(LocalDate.parse(ds, in));
    }

    /**
     * {@return a UTC date-time at midnight of that day}
     *
     * @param year  the year
     * @param month the month, 1-12
     * @param day   the day of the month
     */
    public ZonedDateTime datetime(Number year, Number month, Number day) {
        return ZonedDateTime.of(year.intValue(), month.intValue(), day.intValue(), 0, 0, 0, 0, ZoneOffset.UTC);
    }

    /**
     * {@return a span of whole days, to add to a {@link #datetime} with {@code .plus(...)}}
     *
     * @param days the number of days
     */
    public Duration timedelta(Number days) {
        return Duration.ofDays(days.longValue());
    }
}
