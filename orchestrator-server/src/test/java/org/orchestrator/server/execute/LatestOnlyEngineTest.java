package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.RunType;
import org.orchestrator.server.testing.SettableClock;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.tasks.LatestOnly;

/**
 * Issue 14: {@link LatestOnly} in the real engine. A daily DAG with catchup, started on the 4th
 * by the engine's clock, catches up the 1st, 2nd and 3rd: only the 3rd (the latest interval)
 * notifies; the older ones skip the notification and still load. A manual run always notifies.
 */
class LatestOnlyEngineTest {

    private static final Instant MAR1 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void only_the_latest_scheduled_interval_runs_what_follows_latest_only_and_a_manual_run_always_does() {
        Dag dag = Dag.builder("newsletter").schedule("@daily").startDate(LocalDate.of(2026, 3, 1)).catchup(true)
                .task("latest_only", new LatestOnly())
                .task("notify", ctx -> { }, t -> t.upstream("latest_only"))
                .task("load", ctx -> { })
                .build();
        SettableClock clock = new SettableClock(MAR1.plus(DAY.multipliedBy(3)).plus(Duration.ofHours(1)));
        try (TestEngine engine = TestEngine.start(clock, dag)) {
            DagRunRow mar1 = awaitScheduled(engine, MAR1);
            DagRunRow mar2 = awaitScheduled(engine, MAR1.plus(DAY));
            DagRunRow mar3 = awaitScheduled(engine, MAR1.plus(DAY.multipliedBy(2)));
            for (DagRunRow older : new DagRunRow[] {mar1, mar2}) {
                assertThat(engine.awaitState(older)).isEqualTo(DagRunState.SUCCESS);
                assertThat(engine.state(older, "latest_only")).isEqualTo(TaskState.SUCCESS);
                assertThat(engine.state(older, "notify")).as(older.runId()).isEqualTo(TaskState.SKIPPED);
                assertThat(engine.state(older, "load")).isEqualTo(TaskState.SUCCESS);
            }
            assertThat(engine.awaitState(mar3)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.state(mar3, "notify")).isEqualTo(TaskState.SUCCESS);

            DagRunRow manual = engine.trigger("newsletter", Map.of());
            assertThat(engine.awaitState(manual)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.state(manual, "notify")).isEqualTo(TaskState.SUCCESS);
        }
    }

    private static DagRunRow awaitScheduled(TestEngine engine, Instant logicalDate) {
        String runId = RunType.SCHEDULED.runIdFor(logicalDate);
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.orchestrator().reads().run("newsletter", runId).isPresent());
        Optional<DagRunRow> run = engine.orchestrator().reads().run("newsletter", runId);
        return run.orElseThrow();
    }
}
