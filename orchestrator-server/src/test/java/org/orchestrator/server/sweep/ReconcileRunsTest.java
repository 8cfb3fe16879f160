package org.orchestrator.server.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.execute.RunProgress;
import org.orchestrator.server.state.CallbackRequests;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.testing.SettableClock;

/** What a crash between two edges leaves behind, repaired by the sweep at the clock's time. */
class ReconcileRunsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final SweepDb db = new SweepDb();
    private final SettableClock clock = new SettableClock(T0);
    private final AtomicInteger woken = new AtomicInteger();
    private final ReconcileRuns chore = new ReconcileRuns(db.transactions(), db.bag(),
            new RunProgress(new TaskInstances(), new DagRuns(), new CallbackRequests()), clock, woken::incrementAndGet);
    private final Dag dag = Dag.builder("etl")
            .task("extract", ctx -> { })
            .task("load", ctx -> { }, t -> t.upstream("extract"))
            .build();

    ReconcileRunsTest() {
        db.pin(dag);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_task_whose_upstream_finished_but_was_never_followed_is_scheduled() {
        DagRunRow run = db.runningRun(dag, "manual__1", T0);
        db.force(run, "extract", TaskState.SUCCESS, null);
        clock.advance(Duration.ofMinutes(1));

        chore.run();

        assertThat(db.state(run, "load")).isEqualTo(TaskState.SCHEDULED);
        assertThat(db.instances(run).get("load").scheduledAt()).isEqualTo(clock.instant());
        assertThat(db.state(run)).isEqualTo(DagRunState.RUNNING);
        assertThat(woken).hasValue(1);
    }

    @Test
    void a_run_whose_tasks_all_finished_is_finished_at_the_clock_s_time() {
        DagRunRow run = db.runningRun(dag, "manual__1", T0);
        db.force(run, "extract", TaskState.SUCCESS, null);
        db.force(run, "load", TaskState.FAILED, null);
        clock.advance(Duration.ofMinutes(7));

        chore.run();

        assertThat(db.run(run).state()).isEqualTo(DagRunState.FAILED);
        assertThat(db.run(run).endDate()).isEqualTo(clock.instant());
        assertThat(woken).hasValue(0);
    }

    @Test
    void a_run_still_waiting_on_a_running_task_is_left_alone() {
        DagRunRow run = db.runningRun(dag, "manual__1", T0);
        db.force(run, "extract", TaskState.RUNNING, null);

        chore.run();

        assertThat(db.state(run)).isEqualTo(DagRunState.RUNNING);
        assertThat(db.state(run, "load")).isEqualTo(TaskState.NONE);
        assertThat(woken).hasValue(0);
    }
}
