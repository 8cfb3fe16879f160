package org.orchestrator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunCallback;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskCallback;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;

/** Which callbacks each outcome fires, for the server and the test harness alike; no database. */
class CallbackRuleTest {

    private final TaskCallback onSuccess = e -> { };
    private final TaskCallback onFailure = e -> { };
    private final TaskCallback onRetry = e -> { };
    private final DagRunCallback runSucceeded = e -> { };
    private final DagRunCallback runFailed = e -> { };

    private final Dag dag = Dag.builder("d")
            .onSuccess(runSucceeded).onFailure(runFailed)
            .task("t", ctx -> { }, t -> t.onSuccess(onSuccess).onFailure(onFailure).onRetry(onRetry))
            .build();
    private final TaskDefinition task = dag.task("t").orElseThrow();

    @Test
    void each_task_outcome_fires_its_own_callbacks() {
        assertThat(CallbackRule.forTask(task, TaskState.SUCCESS)).containsExactly(onSuccess);
        assertThat(CallbackRule.forTask(task, TaskState.FAILED)).containsExactly(onFailure);
        assertThat(CallbackRule.forTask(task, TaskState.UP_FOR_RETRY)).containsExactly(onRetry);
    }

    @ParameterizedTest
    @EnumSource(value = TaskState.class, names = {"SUCCESS", "FAILED", "UP_FOR_RETRY"}, mode = EnumSource.Mode.EXCLUDE)
    void other_task_states_fire_nothing(TaskState state) {
        assertThat(CallbackRule.forTask(task, state)).isEmpty();
    }

    @Test
    void a_finished_run_fires_the_dag_s_callbacks_for_its_state() {
        assertThat(CallbackRule.forRun(dag, DagRunState.SUCCESS)).containsExactly(runSucceeded);
        assertThat(CallbackRule.forRun(dag, DagRunState.FAILED)).containsExactly(runFailed);
    }

    @ParameterizedTest
    @EnumSource(value = DagRunState.class, names = {"QUEUED", "RUNNING"})
    void an_unfinished_run_fires_nothing(DagRunState state) {
        assertThat(CallbackRule.forRun(dag, state)).isEmpty();
    }
}
