package org.orchestrator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskBuilder;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;

class PastDependencyTest {

    private static TaskDefinition load(java.util.function.Consumer<TaskBuilder> options) {
        return Dag.builder("orders").task("load", ctx -> { }, options).task("report", ctx -> { })
                .chain("load", "report").build().task("load").orElseThrow();
    }

    private static final Set<String> DOWN = Set.of("report");

    @Test
    void a_task_without_depends_on_past_ignores_a_failed_previous_instance() {
        assertThat(PastDependency.met(load(t -> { }), Map.of("load", TaskState.FAILED), DOWN)).isTrue();
    }

    @Test
    void the_first_run_and_a_previous_run_without_the_task_are_exempt() {
        TaskDefinition task = load(t -> t.dependsOnPast(true));
        assertThat(PastDependency.met(task, null, DOWN)).isTrue();
        assertThat(PastDependency.met(task, Map.of("other", TaskState.FAILED), DOWN)).isTrue();
    }

    @Test
    void only_a_previous_success_or_skip_releases_the_task() {
        TaskDefinition task = load(t -> t.dependsOnPast(true));
        assertThat(PastDependency.met(task, Map.of("load", TaskState.SUCCESS), DOWN)).isTrue();
        assertThat(PastDependency.met(task, Map.of("load", TaskState.SKIPPED), DOWN)).isTrue();
        for (TaskState blocking : Set.of(TaskState.FAILED, TaskState.UPSTREAM_FAILED, TaskState.RUNNING, TaskState.NONE,
                TaskState.UP_FOR_RETRY, TaskState.QUEUED)) {
            assertThat(PastDependency.met(task, Map.of("load", blocking), DOWN)).as("%s", blocking).isFalse();
        }
    }

    @Test
    void wait_for_downstream_also_waits_for_the_previous_runs_direct_downstream() {
        TaskDefinition task = load(t -> t.waitForDownstream(true));
        assertThat(task.dependsOnPast()).as("wait for downstream implies depends on past").isTrue();
        assertThat(PastDependency.met(task, Map.of("load", TaskState.SUCCESS, "report", TaskState.RUNNING), DOWN)).isFalse();
        assertThat(PastDependency.met(task, Map.of("load", TaskState.SUCCESS, "report", TaskState.SKIPPED), DOWN)).isTrue();
        assertThat(PastDependency.met(load(t -> t.dependsOnPast(true)),
                Map.of("load", TaskState.SUCCESS, "report", TaskState.RUNNING), DOWN)).isTrue();
    }
}
