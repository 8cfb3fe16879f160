package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;

/**
 * Issue 14: a DAG's {@code dagrunTimeout} in the real engine, on H2 (and PostgreSQL with
 * {@code -Dorchestrator.test.db=postgresql}). A run whose task sleeps far longer than the timeout
 * is failed by the sweep; the sleeping try is interrupted by its node, the task that had not
 * started is skipped, and the DAG's failure callback runs once.
 */
class DagrunTimeoutEngineTest {

    @Test
    void a_run_still_running_after_its_dagrun_timeout_fails_and_its_running_sleep_is_stopped() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        List<String> failures = new CopyOnWriteArrayList<>();
        Dag dag = Dag.builder("slow_export")
                .dagrunTimeout(Duration.ofSeconds(1))
                .onFailure(e -> failures.add(e.runId()))
                .task("export", ctx -> {
                    try {
                        Thread.sleep(Duration.ofMinutes(5));
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                })
                .task("publish", ctx -> { })
                .chain("export", "publish")
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger("slow_export", Map.of());
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.state(run, "export") == TaskState.RUNNING);

            DagRunRow failed = engine.awaitFinished(run, Duration.ofSeconds(20));

            assertThat(failed.state()).isEqualTo(DagRunState.FAILED);
            assertThat(failed.endDate()).isAfterOrEqualTo(failed.startDate().plusSeconds(1));
            assertThat(engine.state(run, "export")).isEqualTo(TaskState.FAILED);
            assertThat(engine.state(run, "publish")).isEqualTo(TaskState.SKIPPED);
            assertThat(interrupted.await(20, java.util.concurrent.TimeUnit.SECONDS))
                    .as("the sleeping try was interrupted, not left running").isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.tries(run, "export").getFirst().endDate() != null);
            assertThat(engine.tries(run, "export").getFirst().error()).contains("stopped");
            await().atMost(Duration.ofSeconds(20)).until(() -> failures.size() == 1);
            assertThat(failures).containsExactly(run.runId());
        }
    }

    @Test
    void a_run_that_finishes_within_its_dagrun_timeout_succeeds() {
        Dag dag = Dag.builder("quick_export").dagrunTimeout(Duration.ofMinutes(5))
                .task("export", ctx -> { }).build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger("quick_export", Map.of());
            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
        }
    }
}
