package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.tasks.TriggerDagRunTask;

/**
 * Issue 14: {@link TriggerDagRunTask} in the real engine, on H2 (and PostgreSQL with
 * {@code -Dorchestrator.test.db=postgresql}): the child run gets the conf, logical date and run
 * id asked for and records its parent task instance; a waiting trigger stays running while the
 * child runs, succeeds with it, and fails when it fails.
 */
class TriggerDagRunEngineTest {

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration POKE = Duration.ofMillis(50);

    private static Dag child(CountDownLatch release, boolean fails) {
        return Dag.builder("report")
                .task("render", ctx -> {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    if (fails) {
                        throw new IllegalStateException("renderer crashed for " + ctx.conf().get("region"));
                    }
                    ctx.xcomPush("region", ctx.conf().get("region"));
                })
                .build();
    }

    private static Dag parent(boolean wait) {
        return Dag.builder("orders")
                .task("trigger_report", TriggerDagRunTask.of("report")
                        .conf(ctx -> Map.of("region", "emea", "parent_day", ctx.logicalDate().toString()))
                        .logicalDate(ctx -> ctx.logicalDate().plus(Duration.ofHours(6)))
                        .runId("triggered__{dag_id}__{ds}")
                        .waitForCompletion(wait).pokeInterval(POKE).timeout(Duration.ofMinutes(5))
                        .build())
                .task("after", ctx -> { })
                .chain("trigger_report", "after")
                .build();
    }

    @Test
    void a_waiting_trigger_runs_until_its_child_succeeds_and_the_child_links_back_to_it() {
        CountDownLatch release = new CountDownLatch(1);
        try (TestEngine engine = TestEngine.start(parent(true), child(release, false))) {
            DagRunRow parentRun = engine.trigger("orders", DAY);
            DagRunRow child = awaitChild(engine, "triggered__orders__2026-03-02");

            assertThat(child.logicalDate()).isEqualTo(DAY.plus(Duration.ofHours(6)));
            assertThat(child.conf()).contains("\"region\":\"emea\"").contains("\"parent_day\":\"" + DAY + "\"");
            assertThat(child.triggeredBy()).isEqualTo(new DagRunRow.TriggeredBy("orders", parentRun.runId(), "trigger_report"));
            await().during(POKE.multipliedBy(10)).atMost(Duration.ofSeconds(10)).until(() ->
                    engine.state(parentRun, "trigger_report") == TaskState.RUNNING
                            && engine.state(parentRun, "after") == TaskState.NONE);

            release.countDown();

            assertThat(engine.awaitState(child)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.awaitState(parentRun)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.instances(parentRun).get("trigger_report").endDate())
                    .isAfterOrEqualTo(engine.run(child).endDate());
            assertThat(engine.log(parentRun, "trigger_report", 1))
                    .contains("triggered run 'triggered__orders__2026-03-02' of dag 'report'");
        }
    }

    @Test
    void a_waiting_trigger_fails_when_its_child_run_fails() {
        CountDownLatch release = new CountDownLatch(1);
        try (TestEngine engine = TestEngine.start(parent(true), child(release, true))) {
            DagRunRow parentRun = engine.trigger("orders", DAY);
            DagRunRow child = awaitChild(engine, "triggered__orders__2026-03-02");
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.state(parentRun, "trigger_report") == TaskState.RUNNING);

            release.countDown();

            assertThat(engine.awaitState(child)).isEqualTo(DagRunState.FAILED);
            assertThat(engine.awaitState(parentRun)).isEqualTo(DagRunState.FAILED);
            assertThat(engine.state(parentRun, "trigger_report")).isEqualTo(TaskState.FAILED);
            assertThat(engine.state(parentRun, "after")).isEqualTo(TaskState.UPSTREAM_FAILED);
            assertThat(engine.tries(parentRun, "trigger_report").getFirst().error())
                    .contains("triggered run 'triggered__orders__2026-03-02' of dag 'report' failed");
        }
    }

    @Test
    void a_trigger_that_does_not_wait_succeeds_once_the_child_run_exists() {
        CountDownLatch release = new CountDownLatch(1);
        try (TestEngine engine = TestEngine.start(parent(false), child(release, false))) {
            DagRunRow parentRun = engine.trigger("orders", DAY);
            assertThat(engine.awaitState(parentRun)).isEqualTo(DagRunState.SUCCESS);
            DagRunRow child = awaitChild(engine, "triggered__orders__2026-03-02");
            assertThat(child.state()).isIn(DagRunState.QUEUED, DagRunState.RUNNING);
            release.countDown();
            assertThat(engine.awaitState(child)).isEqualTo(DagRunState.SUCCESS);
        }
    }

    @Test
    void triggering_an_unknown_dag_fails_the_task_with_its_name() {
        Dag dag = Dag.builder("orders").task("trigger", TriggerDagRunTask.of("no_such_dag").build()).build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger("orders", DAY);
            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.FAILED);
            assertThat(engine.tries(run, "trigger").getFirst().error())
                    .contains("cannot trigger dag 'no_such_dag': no such dag is loaded");
        }
    }

    private static DagRunRow awaitChild(TestEngine engine, String runId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.orchestrator().reads().run("report", runId).isPresent());
        return engine.orchestrator().reads().run("report", runId).orElseThrow();
    }
}
