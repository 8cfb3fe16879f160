package org.orchestrator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DataInterval;

class LatestRunTest {

    private static final Instant MAR3 = Instant.parse("2026-03-03T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private final Dag daily = Dag.builder("daily").schedule("@daily").startDate(LocalDate.of(2026, 3, 1))
            .task("t", ctx -> { }).build();

    @Test
    void the_interval_that_ended_last_is_the_latest_until_the_next_one_ends() {
        DataInterval mar3 = new DataInterval(MAR3, MAR3.plus(DAY));
        assertThat(LatestRun.isLatest(daily, mar3, false, MAR3.plus(DAY).plusSeconds(1))).isTrue();
        assertThat(LatestRun.isLatest(daily, mar3, false, MAR3.plus(DAY.multipliedBy(2)).minusSeconds(1))).isTrue();
        assertThat(LatestRun.isLatest(daily, mar3, false, MAR3.plus(DAY.multipliedBy(2)).plusSeconds(1))).isFalse();
    }

    @Test
    void an_older_interval_is_not_the_latest_but_a_manual_run_always_is() {
        DataInterval mar1 = new DataInterval(MAR3.minus(DAY.multipliedBy(2)), MAR3.minus(DAY));
        Instant now = MAR3.plus(DAY).plusSeconds(60);
        assertThat(LatestRun.isLatest(daily, mar1, false, now)).isFalse();
        assertThat(LatestRun.isLatest(daily, mar1, true, now)).isTrue();
    }

    @Test
    void a_dag_without_a_schedule_has_no_older_interval_to_skip() {
        Dag manual = Dag.builder("manual").task("t", ctx -> { }).build();
        assertThat(LatestRun.isLatest(manual, new DataInterval(MAR3, MAR3), false, MAR3.plus(DAY))).isTrue();
    }
}
