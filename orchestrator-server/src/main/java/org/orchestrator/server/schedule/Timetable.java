package org.orchestrator.server.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.Schedule;

/**
 * The data intervals of a DAG's schedule, as Airflow's timetables define them. Cron is evaluated
 * in the DAG's timezone, so a daily run stays at the same local time across daylight-saving
 * changes (its interval is then 23 or 25 hours long). Pure: no clock, no database.
 */
public final class Timetable {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final Dag dag;
    private final ExecutionTime cron;

    private Timetable(Dag dag) {
        this.dag = dag;
        this.cron = dag.schedule() instanceof Schedule.Cron c ? ExecutionTime.forCron(UNIX.parse(c.unixCron())) : null;
    }

    /** @param dag a DAG @return its timetable */
    public static Timetable of(Dag dag) {
        return new Timetable(dag);
    }

    /**
     * The first interval that starts at or after {@code after} (or at the start date when null).
     *
     * @param after the end of the last interval created, or null
     * @return the interval, or empty when the schedule has no more (manual, once done, past end date)
     */
    public Optional<DataInterval> nextAfter(Instant after) {
        Instant earliest = dag.startDate().orElse(Instant.EPOCH);
        Instant from = after == null || after.isBefore(earliest) ? earliest : after;
        Optional<DataInterval> next = switch (dag.schedule()) {
            case Schedule.Manual m -> Optional.empty();
            case Schedule.Once o -> after == null ? Optional.of(new DataInterval(earliest, earliest)) : Optional.empty();
            case Schedule.Every e -> Optional.of(everyInterval(alignUp(from, earliest, e.period()), e.period()));
            case Schedule.Cron c -> nextOrSameFire(from).flatMap(this::cronIntervalStartingAt);
        };
        return next.filter(this::withinEndDate);
    }

    /**
     * The latest interval that has ended by {@code now}: what a DAG without catchup runs.
     *
     * @param now the current time
     * @return the interval, or empty when none has ended yet
     */
    public Optional<DataInterval> latestEndedBy(Instant now) {
        Instant earliest = dag.startDate().orElse(Instant.EPOCH);
        Optional<DataInterval> latest = switch (dag.schedule()) {
            case Schedule.Manual m -> Optional.empty();
            case Schedule.Once o -> now.isBefore(earliest) ? Optional.empty() : Optional.of(new DataInterval(earliest, earliest));
            case Schedule.Every e -> latestEvery(now, earliest, e.period());
            case Schedule.Cron c -> latestCron(now, earliest);
        };
        return latest.filter(this::withinEndDate);
    }

    /** @return when an interval may be run: its end (the start for {@code @once}) */
    public static Instant dueAt(DataInterval interval) {
        return interval.end();
    }

    private boolean withinEndDate(DataInterval interval) {
        return dag.endDate().map(end -> !interval.start().isAfter(end)).orElse(true);
    }

    private static Instant alignUp(Instant from, Instant origin, Duration period) {
        long steps = ceilDiv(Duration.between(origin, from).toMillis(), period.toMillis());
        return origin.plus(period.multipliedBy(Math.max(steps, 0)));
    }

    private static DataInterval everyInterval(Instant start, Duration period) {
        return new DataInterval(start, start.plus(period));
    }

    private static Optional<DataInterval> latestEvery(Instant now, Instant origin, Duration period) {
        long ended = Math.floorDiv(Duration.between(origin, now).toMillis(), period.toMillis());
        if (ended < 1) {
            return Optional.empty();
        }
        Instant end = origin.plus(period.multipliedBy(ended));
        return Optional.of(new DataInterval(end.minus(period), end));
    }

    private Optional<DataInterval> latestCron(Instant now, Instant earliest) {
        Optional<ZonedDateTime> end = isFireTime(now) ? Optional.of(now.atZone(zone())) : cron.lastExecution(now.atZone(zone()));
        return end.flatMap(e -> cron.lastExecution(e).map(s -> new DataInterval(s.toInstant(), e.toInstant())))
                .filter(interval -> !interval.start().isBefore(earliest));
    }

    private boolean isFireTime(Instant instant) {
        ZonedDateTime zoned = instant.atZone(zone());
        return zoned.getSecond() == 0 && zoned.getNano() == 0 && cron.isMatch(zoned);
    }

    private Optional<Instant> nextOrSameFire(Instant from) {
        return isFireTime(from) ? Optional.of(from) : cron.nextExecution(from.atZone(zone())).map(ZonedDateTime::toInstant);
    }

    private Optional<DataInterval> cronIntervalStartingAt(Instant start) {
        return cron.nextExecution(start.atZone(zone())).map(end -> new DataInterval(start, end.toInstant()));
    }

    private ZoneId zone() {
        return dag.timezone();
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
