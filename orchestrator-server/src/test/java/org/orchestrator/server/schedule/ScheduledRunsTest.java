package org.orchestrator.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.Schedule;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.RunType;
import org.orchestrator.server.testing.TestEngine;

/** Scheduled runs from Quartz on the real H2 job store, across a stopped server. */
class ScheduledRunsTest {

    private static Dag everySecond(String id, boolean catchup, Instant start) {
        return Dag.builder(id).schedule(Schedule.every(Duration.ofSeconds(1))).startDate(start).catchup(catchup)
                .maxActiveRuns(64).task("tick", ctx -> { }).build();
    }

    private static List<DagRunRow> scheduledRuns(TestEngine engine, String dagId) {
        return engine.orchestrator().database().transactions().withHandle(h -> new DagRuns().ofDag(h, dagId, 1000, 0)).stream()
                .filter(r -> r.runType() == RunType.SCHEDULED)
                .sorted(java.util.Comparator.comparing(DagRunRow::logicalDate)).toList();
    }

    private static void assertContiguous(List<DagRunRow> runs) {
        for (int i = 0; i < runs.size(); i++) {
            DagRunRow run = runs.get(i);
            assertThat(run.logicalDate()).isEqualTo(run.interval().start());
            assertThat(Duration.between(run.interval().start(), run.interval().end())).isEqualTo(Duration.ofSeconds(1));
            if (i > 0) {
                assertThat(run.interval().start()).as("no gap, no overlap").isEqualTo(runs.get(i - 1).interval().end());
            }
        }
    }

    private static void waitUntil(Instant instant) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> !Instant.now().isBefore(instant));
    }

    @Test
    void one_second_schedule_creates_runs_with_contiguous_one_second_intervals() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2);
        try (TestEngine engine = TestEngine.start(everySecond("ticker", true, start))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduledRuns(engine, "ticker").size() >= 5);

            List<DagRunRow> runs = scheduledRuns(engine, "ticker");
            assertThat(runs.getFirst().interval().start()).isEqualTo(start);
            assertContiguous(runs);
            assertThat(runs).allSatisfy(r -> assertThat(r.interval().end()).isBeforeOrEqualTo(r.queuedAt()));
        }
    }

    @Test
    void catchup_creates_every_interval_missed_while_stopped_exactly_once() {
        Path home = TestEngine.fresh();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        Dag dag = everySecond("catching_up", true, start);
        Instant stoppedAt;
        try (TestEngine engine = TestEngine.start(home, Map.of(), dag)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduledRuns(engine, "catching_up").size() >= 2);
        }
        stoppedAt = Instant.now();
        waitUntil(stoppedAt.plusSeconds(5));
        try (TestEngine engine = TestEngine.start(home, Map.of(), dag)) {
            Instant restartedAt = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(() -> scheduledRuns(engine, "catching_up").stream()
                    .anyMatch(r -> !r.interval().end().isBefore(restartedAt)));
            await().atMost(Duration.ofSeconds(30)).until(() -> scheduledRuns(engine, "catching_up").stream()
                    .allMatch(r -> engine.run(r).state().isFinished()));

            List<DagRunRow> runs = scheduledRuns(engine, "catching_up");
            assertContiguous(runs);
            long missed = runs.stream().filter(r -> r.interval().start().isAfter(stoppedAt)
                    && r.interval().end().isBefore(stoppedAt.plusSeconds(5))).count();
            assertThat(missed).isGreaterThanOrEqualTo(3);
            assertThat(runs).allSatisfy(r -> assertThat(engine.run(r).state()).isEqualTo(DagRunState.SUCCESS));
            assertThat(runs).allSatisfy(r -> assertThat(engine.tries(r, "tick")).hasSize(1));
        }
    }

    @Test
    void without_catchup_only_the_latest_missed_interval_runs() {
        Path home = TestEngine.fresh();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        Dag dag = everySecond("no_catchup", false, start);
        try (TestEngine engine = TestEngine.start(home, Map.of(), dag)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduledRuns(engine, "no_catchup").size() >= 1);
        }
        Instant stoppedAt = Instant.now();
        waitUntil(stoppedAt.plusSeconds(5));
        try (TestEngine engine = TestEngine.start(home, Map.of(), dag)) {
            Instant restartedAt = Instant.now();
            await().atMost(Duration.ofSeconds(20)).until(() -> scheduledRuns(engine, "no_catchup").stream()
                    .anyMatch(r -> r.queuedAt().isAfter(restartedAt)));

            List<DagRunRow> runs = scheduledRuns(engine, "no_catchup");
            long duringDowntime = runs.stream().filter(r -> r.interval().start().isAfter(stoppedAt.plusSeconds(1))
                    && r.interval().end().isBefore(restartedAt.minusSeconds(1))).count();
            assertThat(duringDowntime).as("intervals missed while stopped are not run").isZero();
            DagRunRow firstAfterRestart = runs.stream().filter(r -> r.queuedAt().isAfter(restartedAt)).findFirst().orElseThrow();
            assertThat(firstAfterRestart.interval().end()).isAfterOrEqualTo(restartedAt.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @Test
    void a_paused_dag_creates_no_runs_until_unpaused() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3);
        try (TestEngine engine = TestEngine.start(TestEngine.fresh(), Map.of("ORCHESTRATOR_DAGS_PAUSED_AT_CREATION", "true"),
                everySecond("paused", true, start))) {
            waitUntil(Instant.now().plusSeconds(3));
            assertThat(scheduledRuns(engine, "paused")).isEmpty();

            engine.orchestrator().ops().dags().pause(Actor.cli(), "paused", false);

            await().atMost(Duration.ofSeconds(20)).until(() -> scheduledRuns(engine, "paused").size() >= 3);
        }
    }
}
