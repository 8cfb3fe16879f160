package org.orchestrator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskBuilder;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;

/** Retry or fail, as the server and the test harness both decide it; no database. */
class RetryRuleTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private static TaskDefinition task(Consumer<TaskBuilder> options) {
        return Dag.builder("d").task("t", ctx -> { }, options).build().task("t").orElseThrow();
    }

    @Test
    void a_failed_try_with_tries_left_is_retried_after_the_retry_delay() {
        TaskDefinition task = task(t -> t.retries(2).retryDelay(Duration.ofMinutes(5)));

        RetryRule.Verdict verdict = RetryRule.afterTry(TaskState.FAILED, 1, task.maxTries(), task);

        assertThat(verdict.state()).isEqualTo(TaskState.UP_FOR_RETRY);
        assertThat(verdict.retries()).isTrue();
        assertThat(verdict.retryAt(NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void the_last_failed_try_fails_the_task_with_no_retry_time() {
        TaskDefinition task = task(t -> t.retries(2).retryDelay(Duration.ofMinutes(5)));

        RetryRule.Verdict verdict = RetryRule.afterTry(TaskState.FAILED, 3, task.maxTries(), task);

        assertThat(verdict.state()).isEqualTo(TaskState.FAILED);
        assertThat(verdict.retries()).isFalse();
        assertThat(verdict.retryAt(NOW)).isNull();
        assertThat(verdict.retryDelay()).isZero();
    }

    @Test
    void backoff_doubles_the_delay_per_failed_try_up_to_the_max_delay() {
        TaskDefinition task = task(t -> t.retries(10).retryDelay(Duration.ofMinutes(1)).exponentialBackoff(true)
                .maxRetryDelay(Duration.ofMinutes(5)));

        assertThat(RetryRule.afterTry(TaskState.FAILED, 1, 11, task).retryDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryRule.afterTry(TaskState.FAILED, 2, 11, task).retryDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetryRule.afterTry(TaskState.FAILED, 3, 11, task).retryDelay()).isEqualTo(Duration.ofMinutes(4));
        assertThat(RetryRule.afterTry(TaskState.FAILED, 4, 11, task).retryDelay()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void the_instance_s_own_max_tries_rule_not_the_definition_s() {
        // A cleared instance gets its retries back: try 3 of a task with one retry may retry again.
        TaskDefinition task = task(t -> t.retries(1));

        assertThat(RetryRule.afterTry(TaskState.FAILED, 3, 4, task).state()).isEqualTo(TaskState.UP_FOR_RETRY);
        assertThat(RetryRule.afterTry(TaskState.FAILED, 2, task.maxTries(), task).state()).isEqualTo(TaskState.FAILED);
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"SUCCESS", "SKIPPED"})
    void success_and_skip_stand_whatever_tries_are_left(TaskState ended) {
        TaskDefinition task = task(t -> t.retries(3));

        RetryRule.Verdict verdict = RetryRule.afterTry(ended, 1, task.maxTries(), task);

        assertThat(verdict.state()).isEqualTo(ended);
        assertThat(verdict.retryAt(NOW)).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"SUCCESS", "SKIPPED", "FAILED"}, mode = EnumSource.Mode.EXCLUDE)
    void a_try_cannot_end_in_any_other_state(TaskState ended) {
        TaskDefinition task = task(t -> t.retries(3));

        assertThatThrownBy(() -> RetryRule.afterTry(ended, 1, task.maxTries(), task))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ended.wireName());
    }
}
