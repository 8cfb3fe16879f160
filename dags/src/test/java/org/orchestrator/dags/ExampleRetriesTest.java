package org.orchestrator.dags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskEvent;
import org.orchestrator.api.TaskState;
import org.orchestrator.tasks.testing.RecordingLogger;
import org.orchestrator.tasks.testing.TestTaskContext;
import org.slf4j.event.Level;

class ExampleRetriesTest {

    private final RecordingLogger callbackLog = new RecordingLogger("callbacks");
    private final Dag dag = ExampleRetries.dag(callbackLog);
    private final TaskDefinition flaky = dag.task("flaky").orElseThrow();

    @Test
    void is_manual_with_flaky_then_report() {
        assertThat(dag.schedule()).isEqualTo(Schedule.manual());
        assertThat(dag.tasks()).extracting(TaskDefinition::id).containsExactly("flaky", "report");
        assertThat(dag.task("report").orElseThrow().upstream()).containsExactly("flaky");
    }

    @Test
    void flaky_retries_three_times_backing_off_from_one_second() {
        assertThat(flaky.maxTries()).isEqualTo(4);
        assertThat(flaky.retryDelayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(flaky.retryDelayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void flaky_fails_tries_one_and_two_and_succeeds_on_three() throws Exception {
        for (int tryNumber = 1; tryNumber <= 2; tryNumber++) {
            TestTaskContext ctx = TestTaskContext.forTask(dag, "flaky").tryNumber(tryNumber, flaky.maxTries());
            assertThatThrownBy(() -> flaky.task().execute(ctx)).hasMessageContaining("fails on purpose on try " + tryNumber + " of 4");
        }
        TestTaskContext third = TestTaskContext.forTask(dag, "flaky").tryNumber(3, flaky.maxTries());
        flaky.task().execute(third);

        assertThat(third.pushed("succeeded_on_try", Integer.class)).contains(3);
        assertThat(third.logLines()).containsExactly("succeeded on try 3 of 4");
    }

    @Test
    void report_logs_the_try_flaky_succeeded_on() throws Exception {
        TestTaskContext report = TestTaskContext.forTask(dag, "report").xcom("flaky", "succeeded_on_try", 3);

        dag.task("report").orElseThrow().task().execute(report);

        assertThat(report.logLines()).containsExactly("flaky needed 3 tries");
    }

    @Test
    void callbacks_log_retry_failure_and_success() throws Exception {
        flaky.onRetry().getFirst().call(event(1, TaskState.UP_FOR_RETRY, "boom"));
        flaky.onFailure().getFirst().call(event(4, TaskState.FAILED, "boom again"));
        flaky.onSuccess().getFirst().call(event(3, TaskState.SUCCESS, null));

        assertThat(callbackLog.messages(Level.WARN)).containsExactly("example_retries.flaky try 1 failed and will be retried: boom");
        assertThat(callbackLog.messages(Level.ERROR)).containsExactly("example_retries.flaky failed for good on try 4: boom again");
        assertThat(callbackLog.messages(Level.INFO)).containsExactly("example_retries.flaky succeeded on try 3");
    }

    private static TaskEvent event(int tryNumber, TaskState state, String error) {
        return new TaskEvent("example_retries", "manual__1", "flaky", tryNumber, state, Instant.EPOCH, Optional.ofNullable(error));
    }
}
