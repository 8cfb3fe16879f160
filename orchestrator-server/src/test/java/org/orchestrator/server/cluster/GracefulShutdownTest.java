package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TaskTries;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/**
 * Shutdown stops claiming, lets running tries finish within the grace period, and hands back
 * those still running when it ends, without charging them a try; the node leaves the node table.
 */
class GracefulShutdownTest {

    /** While set, the task hangs (until interrupted); the restarted engine clears it. */
    private static final AtomicBoolean HANG = new AtomicBoolean(true);

    private static Dag dag(Duration taskTime) {
        return Dag.builder("slow_shutdown")
                .task("work", ctx -> {
                    if (HANG.get()) {
                        Thread.sleep(taskTime);
                    }
                })
                .build();
    }

    @Test
    void a_try_running_at_shutdown_finishes_within_the_grace_period_and_the_node_deregisters() {
        Path home = TestEngine.fresh();
        HANG.set(true);
        TestEngine engine = TestEngine.start(home, Map.of(), dag(Duration.ofMillis(1500)));
        DagRunRow run = engine.trigger("slow_shutdown", Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.state(run, "work") == TaskState.RUNNING);

        engine.orchestrator().shutdown(Duration.ofSeconds(20));

        try (Database database = Database.open(TestDatabase.config(home))) {
            TaskInstanceRow ti = instance(database, run);
            assertThat(ti.state()).isEqualTo(TaskState.SUCCESS);
            assertThat(ti.tryNumber()).isEqualTo(1);
            long nodes = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM node").mapTo(Long.class).one());
            assertThat(nodes).as("registered nodes after shutdown").isZero();
        }
    }

    @Test
    void a_try_still_running_when_the_grace_period_ends_is_handed_back_and_runs_again_without_using_a_retry() {
        Path home = TestEngine.fresh();
        HANG.set(true);
        TestEngine engine = TestEngine.start(home, Map.of(), dag(Duration.ofMinutes(5)));
        DagRunRow run = engine.trigger("slow_shutdown", Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.state(run, "work") == TaskState.RUNNING);

        engine.orchestrator().shutdown(Duration.ofMillis(300));

        try (Database database = Database.open(TestDatabase.config(home))) {
            TaskInstanceRow ti = instance(database, run);
            assertThat(ti.state()).isEqualTo(TaskState.UP_FOR_RETRY);
            assertThat(ti.maxTries()).as("no retries configured, yet the handed-back try is not counted").isEqualTo(2);
            var tries = database.transactions().withHandle(h -> new TaskTries().of(h, ti.id()));
            assertThat(tries).singleElement().satisfies(t -> {
                assertThat(t.state()).isEqualTo(TaskState.UP_FOR_RETRY);
                assertThat(t.error()).contains("handed back").contains("shut down");
            });
        }
        HANG.set(false);
        try (TestEngine restarted = TestEngine.start(home, Map.of(), dag(Duration.ZERO))) {
            assertThat(restarted.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(restarted.tries(run, "work")).extracting(TaskTries.TryRow::state)
                    .containsExactly(TaskState.UP_FOR_RETRY, TaskState.SUCCESS);
        }
    }

    private static TaskInstanceRow instance(Database database, DagRunRow run) {
        return database.transactions().withHandle(h -> new TaskInstances().ofRun(h, run.id())).get("work");
    }
}
