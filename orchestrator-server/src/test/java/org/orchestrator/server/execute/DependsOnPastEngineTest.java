package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;

/**
 * Issue 14: {@code dependsOnPast} and {@code waitForDownstream} in the real engine, on H2 (and
 * PostgreSQL with {@code -Dorchestrator.test.db=postgresql}), with Airflow's semantics: the
 * previous run is the one with the latest earlier logical date; the first run is exempt.
 */
class DependsOnPastEngineTest {

    private static final Instant DAY1 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant DAY2 = DAY1.plus(Duration.ofDays(1));
    /** Several sweeps: long enough for the reconcile chore (every 200 ms in tests) to have looked again. */
    private static final Duration SWEEPS = Duration.ofSeconds(2);

    @Test
    void a_run_whose_predecessor_failed_holds_the_task_until_the_predecessor_is_marked_success() {
        AtomicBoolean failing = new AtomicBoolean(true);
        Dag dag = Dag.builder("ledger")
                .task("check", ctx -> { })
                .task("load", ctx -> {
                    if (failing.get()) {
                        throw new IllegalStateException("ledger locked");
                    }
                }, t -> t.dependsOnPast(true))
                .chain("check", "load")
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow first = engine.trigger("ledger", DAY1);
            assertThat(engine.awaitState(first)).as("the first run is exempt: it ran, and failed").isEqualTo(DagRunState.FAILED);
            failing.set(false);

            DagRunRow second = engine.trigger("ledger", DAY2);
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.state(second, "check") == TaskState.SUCCESS);
            await().during(SWEEPS).atMost(SWEEPS.multipliedBy(5)).until(() ->
                    engine.state(second, "load") == TaskState.NONE && engine.run(second).state() == DagRunState.RUNNING);

            engine.orchestrator().ops().tasks().mark(Actor.cli(),
                    engine.instances(first).get("load"), TaskState.SUCCESS);

            assertThat(engine.awaitState(second)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.instances(second).get("load").startDate())
                    .isAfterOrEqualTo(engine.instances(first).get("load").endDate());
        }
    }

    @Test
    void a_task_without_depends_on_past_runs_whatever_its_predecessor_did() {
        AtomicBoolean failing = new AtomicBoolean(true);
        Dag dag = Dag.builder("ledger").task("load", ctx -> {
            if (failing.getAndSet(false)) {
                throw new IllegalStateException("ledger locked");
            }
        }).build();
        try (TestEngine engine = TestEngine.start(dag)) {
            assertThat(engine.awaitState(engine.trigger("ledger", DAY1))).isEqualTo(DagRunState.FAILED);
            assertThat(engine.awaitState(engine.trigger("ledger", DAY2))).isEqualTo(DagRunState.SUCCESS);
        }
    }

    @Test
    void wait_for_downstream_holds_the_task_until_the_previous_runs_downstream_is_done() {
        AtomicBoolean reportFails = new AtomicBoolean(true);
        Dag dag = Dag.builder("ledger")
                .task("load", ctx -> { }, t -> t.waitForDownstream(true))
                .task("report", ctx -> {
                    if (reportFails.get()) {
                        throw new IllegalStateException("report server down");
                    }
                })
                .chain("load", "report")
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow first = engine.trigger("ledger", DAY1);
            assertThat(engine.awaitState(first)).isEqualTo(DagRunState.FAILED);
            assertThat(engine.state(first, "load")).isEqualTo(TaskState.SUCCESS);
            reportFails.set(false);

            DagRunRow second = engine.trigger("ledger", DAY2);
            await().during(SWEEPS).atMost(SWEEPS.multipliedBy(5)).until(() -> engine.state(second, "load") == TaskState.NONE);

            engine.orchestrator().ops().tasks().mark(Actor.cli(),
                    engine.instances(first).get("report"), TaskState.SUCCESS);
            assertThat(engine.awaitState(second)).isEqualTo(DagRunState.SUCCESS);
        }
    }
}
