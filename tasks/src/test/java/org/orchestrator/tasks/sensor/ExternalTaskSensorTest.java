package org.orchestrator.tasks.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.TaskState;
import org.orchestrator.tasks.testing.RunningTask;
import org.orchestrator.tasks.testing.TestTaskContext;

class ExternalTaskSensorTest {

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

    private final TestTaskContext ctx = TestTaskContext.of("report", "wait_for_load").logicalDate(DAY);

    @Test
    void the_wait_ends_when_the_other_dags_task_succeeds_for_the_same_logical_date() throws Exception {
        ctx.withExternalState("orders", "load", DAY, TaskState.RUNNING);
        ExternalTaskSensor sensor = ExternalTaskSensor.of("orders", "load").pokeInterval(Duration.ofMillis(20)).timeout(Duration.ofSeconds(30)).build();
        RunningTask waiting = RunningTask.start(sensor, ctx);
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.logLines().stream().anyMatch(l -> l.startsWith("waiting for task orders.load")));
        assertThat(waiting.join(Duration.ZERO)).isFalse();

        ctx.withExternalState("orders", "load", DAY.plusSeconds(86_400), TaskState.SUCCESS); // another date: no effect
        ctx.withExternalState("orders", "load", DAY, TaskState.SUCCESS);

        assertThat(waiting.join(Duration.ofSeconds(20))).isTrue();
        assertThat(waiting.failure()).isNull();
    }

    @Test
    void a_failed_external_task_fails_the_sensor_at_once() {
        ctx.withExternalState("orders", "load", DAY, TaskState.FAILED);
        ExternalTaskSensor sensor = ExternalTaskSensor.of("orders", "load").pokeInterval(Duration.ofHours(1)).build();

        assertThatThrownBy(() -> sensor.execute(ctx)).isInstanceOf(OrchestratorException.class)
                .hasMessage("external task orders.load of 2026-03-02T00:00:00Z is failed; not waiting for it any longer");
    }

    @Test
    void with_no_failed_states_it_keeps_waiting_until_the_timeout() {
        ctx.withExternalState("orders", "load", DAY, TaskState.FAILED);
        ExternalTaskSensor sensor = ExternalTaskSensor.of("orders", "load").failedStates()
                .pokeInterval(Duration.ofMillis(10)).timeout(Duration.ofMillis(50)).build();

        assertThatThrownBy(() -> sensor.execute(ctx)).isInstanceOf(SensorTimeoutException.class)
                .hasMessageEndingWith("waiting for task orders.load of 2026-03-02T00:00:00Z to be [success]");
    }

    @Test
    void a_delta_looks_at_an_earlier_run() throws Exception {
        ctx.withExternalState("hourly", "extract", DAY.minus(Duration.ofHours(1)), TaskState.SUCCESS);

        ExternalTaskSensor.of("hourly", "extract").delta(Duration.ofHours(1)).pokeInterval(Duration.ofHours(1)).build().execute(ctx);

        assertThat(ctx.logLines()).anyMatch(l -> l.contains("of 2026-03-01T23:00:00Z to be [success] is there after 1 poke(s)"));
    }

    @Test
    void allowed_states_may_include_skipped() throws Exception {
        ctx.withExternalState("orders", "load", DAY, TaskState.SKIPPED);

        ExternalTaskSensor.of("orders", "load").allowedStates(TaskState.SUCCESS, TaskState.SKIPPED).pokeInterval(Duration.ofHours(1)).build().execute(ctx);

        assertThat(ctx.logLines()).anyMatch(l -> l.contains("is there after 1 poke(s)"));
    }
}
