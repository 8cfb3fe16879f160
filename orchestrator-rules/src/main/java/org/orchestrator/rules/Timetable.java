package org.orchestrator.rules;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.Schedule;

/**
 * The data intervals of a DAG's schedule, as Airflow's timetables define them. Cron is evaluated
 * on the wall clock of the DAG's timezone, so a daily run stays at the same local time across
 * daylight-saving changes (its interval is then 23 or 25 hours long). A local time that does not
 * exist (skipped by the spring change) fires right after the gap, at the shifted time, so no
 * day loses its run; a repeated local time (autumn) fires once, at its first occurrence.
 * Pure: no clock, no database.
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
            case Schedule.OnAssets a -> Optional.empty();
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
            case Schedule.OnAssets a -> Optional.empty();
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
        Optional<Instant> end = isFireTime(now) ? Optional.of(now) : lastFireBefore(now);
        return end.flatMap(e -> lastFireBefore(e).map(s -> new DataInterval(s, e)))
                .filter(interval -> !interval.start().isBefore(earliest));
    }

    private boolean isFireTime(Instant instant) {
        return lastFireBefore(instant.plusNanos(1)).filter(instant::equals).isPresent();
    }

    private Optional<Instant> nextOrSameFire(Instant from) {
        return isFireTime(from) ? Optional.of(from) : nextFireAfter(from);
    }

    /** Steps cron on the wall clock until a fire time maps to an instant after {@code from}. */
    private Optional<Instant> nextFireAfter(Instant from) {
        ZonedDateTime wall = wallClock(from);
        while (true) {
            Optional<ZonedDateTime> next = cron.nextExecution(wall);
            if (next.isEmpty() || fromWallClock(next.get()).isAfter(from)) {
                return next.map(this::fromWallClock);
            }
            wall = next.get();
        }
    }

    /** Steps cron back on the wall clock until a fire time maps to an instant before {@code before}. */
    private Optional<Instant> lastFireBefore(Instant before) {
        ZonedDateTime wall = wallClock(before);
        while (true) {
            Optional<ZonedDateTime> last = cron.lastExecution(wall);
            if (last.isEmpty() || fromWallClock(last.get()).isBefore(before)) {
                return last.map(this::fromWallClock);
            }
            wall = last.get();
        }
    }

    private Optional<DataInterval> cronIntervalStartingAt(Instant start) {
        return nextFireAfter(start).map(end -> new DataInterval(start, end));
    }

    /** The local date-time of the DAG's zone, carried in a UTC value so cron sees no DST at all. */
    private ZonedDateTime wallClock(Instant instant) {
        return LocalDateTime.ofInstant(instant, zone()).atZone(ZoneOffset.UTC);
    }

    private Instant fromWallClock(ZonedDateTime wall) {
        return ZonedDateTime.ofLocal(wall.toLocalDateTime(), zone(), null).toInstant();
    }

    private ZoneId zone() {
        return dag.timezone();
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
