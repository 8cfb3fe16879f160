package org.orchestrator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.Schedule;

class TimetableTest {

    private static Dag dag(String schedule, String zone, Instant start) {
        return Dag.builder("d").schedule(schedule).timezone(zone).startDate(start).task("t", ctx -> { }).build();
    }

    private static List<DataInterval> first(Timetable timetable, int count) {
        List<DataInterval> intervals = new ArrayList<>();
        Instant after = null;
        for (int i = 0; i < count; i++) {
            DataInterval next = timetable.nextAfter(after).orElseThrow();
            intervals.add(next);
            after = next.end();
        }
        return intervals;
    }

    @Test
    void daily_cron_intervals_start_at_the_first_fire_time_after_the_start_date() {
        Timetable timetable = Timetable.of(dag("0 2 * * *", "UTC", Instant.parse("2026-01-01T10:00:00Z")));

        assertThat(first(timetable, 2)).containsExactly(
                new DataInterval(Instant.parse("2026-01-02T02:00:00Z"), Instant.parse("2026-01-03T02:00:00Z")),
                new DataInterval(Instant.parse("2026-01-03T02:00:00Z"), Instant.parse("2026-01-04T02:00:00Z")));
    }

    @Test
    void local_midnight_stays_midnight_across_daylight_saving_changes() {
        Timetable timetable = Timetable.of(dag("@daily", "Europe/Paris", Instant.parse("2026-03-27T23:00:00Z")));
        ZoneId paris = ZoneId.of("Europe/Paris");

        List<DataInterval> spring = first(timetable, 3);
        assertThat(spring).allSatisfy(i -> assertThat(i.start().atZone(paris).getHour()).isZero());
        assertThat(Duration.between(spring.get(1).start(), spring.get(1).end())).isEqualTo(Duration.ofHours(23));

        Timetable autumn = Timetable.of(dag("@daily", "Europe/Paris", Instant.parse("2026-10-24T22:00:00Z")));
        DataInterval fallBackDay = first(autumn, 2).get(0);
        assertThat(fallBackDay.start().atZone(paris).toLocalDate()).isEqualTo(LocalDate.of(2026, 10, 25));
        assertThat(Duration.between(fallBackDay.start(), fallBackDay.end())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void a_time_skipped_by_daylight_saving_still_gives_exactly_one_run_that_day() {
        Timetable timetable = Timetable.of(dag("30 2 * * *", "Europe/Paris", Instant.parse("2026-03-27T00:00:00Z")));
        ZoneId paris = ZoneId.of("Europe/Paris");

        List<LocalDate> days = first(timetable, 4).stream().map(i -> i.start().atZone(paris).toLocalDate()).toList();

        assertThat(days).containsExactly(LocalDate.of(2026, 3, 27), LocalDate.of(2026, 3, 28),
                LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 30));
    }

    @Test
    void fixed_intervals_are_aligned_on_the_start_date() {
        Dag dag = Dag.builder("d").schedule(Schedule.every(Duration.ofMinutes(10)))
                .startDate(Instant.parse("2026-01-01T00:03:00Z")).task("t", ctx -> { }).build();
        Timetable timetable = Timetable.of(dag);

        assertThat(timetable.nextAfter(Instant.parse("2026-01-01T00:05:00Z")).orElseThrow().start())
                .isEqualTo(Instant.parse("2026-01-01T00:13:00Z"));
        assertThat(timetable.latestEndedBy(Instant.parse("2026-01-01T01:00:00Z")).orElseThrow())
                .isEqualTo(new DataInterval(Instant.parse("2026-01-01T00:43:00Z"), Instant.parse("2026-01-01T00:53:00Z")));
    }

    @Test
    void latest_ended_cron_interval_is_the_one_before_now() {
        Timetable timetable = Timetable.of(dag("@hourly", "UTC", Instant.parse("2026-01-01T00:00:00Z")));

        assertThat(timetable.latestEndedBy(Instant.parse("2026-01-01T05:30:00Z")).orElseThrow())
                .isEqualTo(new DataInterval(Instant.parse("2026-01-01T04:00:00Z"), Instant.parse("2026-01-01T05:00:00Z")));
        assertThat(timetable.latestEndedBy(Instant.parse("2026-01-01T00:30:00Z"))).isEmpty();
    }

    @Test
    void once_has_a_single_interval_at_the_start_date_and_manual_has_none() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Timetable once = Timetable.of(dag("@once", "UTC", start));
        DataInterval only = once.nextAfter(null).orElseThrow();

        assertThat(only).isEqualTo(new DataInterval(start, start));
        assertThat(once.nextAfter(only.end())).isEmpty();
        assertThat(Timetable.of(Dag.builder("m").task("t", ctx -> { }).build()).nextAfter(null)).isEmpty();
    }

    @Test
    void no_interval_starts_after_the_end_date() {
        Dag dag = Dag.builder("d").schedule("@daily").startDate(LocalDate.of(2026, 1, 1)).endDate(LocalDate.of(2026, 1, 2))
                .task("t", ctx -> { }).build();
        Timetable timetable = Timetable.of(dag);

        assertThat(timetable.nextAfter(Instant.parse("2026-01-02T00:00:00Z"))).isPresent();
        assertThat(timetable.nextAfter(Instant.parse("2026-01-03T00:00:00Z"))).isEmpty();
    }
}
