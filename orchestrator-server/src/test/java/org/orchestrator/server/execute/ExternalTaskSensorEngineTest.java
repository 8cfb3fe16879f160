package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.tasks.sensor.ExternalTaskSensor;

/**
 * Issue 5: the task library's {@link ExternalTaskSensor} in the real engine, on the real database
 * (H2, and PostgreSQL in the second pass). DAG {@code orders} loads; DAG {@code report} waits for
 * {@code orders.load} of its own logical date, which the engine answers from the stored runs
 * ({@code TaskInstances.stateAt}), before it reports.
 */
class ExternalTaskSensorEngineTest {

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant DAY_BEFORE = DAY.minus(Duration.ofDays(1));
    private static final Duration POKE = Duration.ofMillis(50);
    private static final Pattern POKES = Pattern.compile("is there after (\\d+) poke\\(s\\)");

    private static Dag orders(boolean loadFails) {
        return Dag.builder("orders")
                .task("load", ctx -> {
                    if (loadFails) {
                        throw new IllegalStateException("warehouse refused the load");
                    }
                    ctx.log().info("loaded orders of {}", ctx.logicalDate());
                })
                .build();
    }

    private static Dag report(ExternalTaskSensor sensor) {
        return Dag.builder("report")
                .task("wait_for_load", sensor)
                .task("report", ctx -> ctx.log().info("report of {}", ctx.logicalDate()))
                .chain("wait_for_load", "report")
                .build();
    }

    @Test
    void the_sensor_waits_until_the_other_dags_task_succeeds_for_the_same_logical_date_then_its_run_goes_on() {
        ExternalTaskSensor sensor = ExternalTaskSensor.of("orders", "load").pokeInterval(POKE).timeout(Duration.ofMinutes(5)).build();
        try (TestEngine engine = TestEngine.start(orders(false), report(sensor))) {
            DagRunRow report = engine.trigger("report", DAY);
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.state(report, "wait_for_load") == TaskState.RUNNING
                    && engine.currentLog(report, "wait_for_load").contains("waiting for task orders.load of " + DAY + " to be [success]"));

            // The other DAG's run of another day succeeds: not the one the sensor waits for.
            DagRunRow dayBefore = engine.trigger("orders", DAY_BEFORE);
            assertThat(engine.awaitState(dayBefore)).isEqualTo(DagRunState.SUCCESS);
            // It keeps poking, many intervals long, and what follows it does not start.
            await().during(POKE.multipliedBy(12)).atMost(Duration.ofSeconds(10)).until(() ->
                    engine.state(report, "wait_for_load") == TaskState.RUNNING
                            && engine.state(report, "report") == TaskState.NONE
                            && engine.run(report).state() == DagRunState.RUNNING);

            DagRunRow sameDay = engine.trigger("orders", DAY);
            assertThat(engine.awaitState(sameDay)).isEqualTo(DagRunState.SUCCESS);

            assertThat(engine.awaitState(report)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.state(report, "wait_for_load")).isEqualTo(TaskState.SUCCESS);
            assertThat(engine.state(report, "report")).isEqualTo(TaskState.SUCCESS);
            assertThat(engine.tries(report, "wait_for_load")).hasSize(1);
            assertThat(engine.instances(report).get("report").startDate())
                    .as("the report started only after the load it waited for had ended")
                    .isAfterOrEqualTo(engine.instances(sameDay).get("load").endDate());
            // The first poke came before either orders run existed; the wait spanned the whole window above.
            Matcher pokes = POKES.matcher(engine.log(report, "wait_for_load", 1));
            assertThat(pokes.find()).as("the sensor logs how many pokes it took").isTrue();
            assertThat(Integer.parseInt(pokes.group(1))).isGreaterThan(1);
        }
    }

    @Test
    void a_failed_task_of_the_other_dag_fails_the_waiting_sensor_at_once_and_its_run_fails() {
        // Failed states are failed and upstream_failed by default; the timeout is far away, so only they can end the wait.
        ExternalTaskSensor sensor = ExternalTaskSensor.of("orders", "load").pokeInterval(POKE).timeout(Duration.ofMinutes(5)).build();
        try (TestEngine engine = TestEngine.start(orders(true), report(sensor))) {
            DagRunRow report = engine.trigger("report", DAY);
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.state(report, "wait_for_load") == TaskState.RUNNING);

            DagRunRow sameDay = engine.trigger("orders", DAY);
            assertThat(engine.awaitState(sameDay)).isEqualTo(DagRunState.FAILED);

            assertThat(engine.awaitState(report)).isEqualTo(DagRunState.FAILED);
            assertThat(engine.state(report, "wait_for_load")).isEqualTo(TaskState.FAILED);
            assertThat(engine.state(report, "report")).isEqualTo(TaskState.UPSTREAM_FAILED);
            assertThat(engine.tries(report, "wait_for_load").getFirst().error())
                    .contains("external task orders.load of " + DAY + " is failed; not waiting for it any longer");
        }
    }

    @Test
    void with_no_failed_states_the_sensor_waits_on_a_failed_task_until_its_timeout_then_fails() {
        ExternalTaskSensor sensor = ExternalTaskSensor.of("orders", "load").failedStates()
                .pokeInterval(POKE).timeout(Duration.ofSeconds(1)).build();
        try (TestEngine engine = TestEngine.start(orders(true), report(sensor))) {
            DagRunRow failedLoad = engine.trigger("orders", DAY);
            assertThat(engine.awaitState(failedLoad)).isEqualTo(DagRunState.FAILED);

            DagRunRow report = engine.trigger("report", DAY);

            assertThat(engine.awaitState(report)).isEqualTo(DagRunState.FAILED);
            assertThat(engine.state(report, "wait_for_load")).isEqualTo(TaskState.FAILED);
            assertThat(engine.state(report, "report")).isEqualTo(TaskState.UPSTREAM_FAILED);
            assertThat(engine.tries(report, "wait_for_load").getFirst().error())
                    .contains("sensor timed out after PT1S")
                    .contains("waiting for task orders.load of " + DAY + " to be [success]");
        }
    }
}
