package org.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IsolationOptionsTest {

    private static final Task NOOP = ctx -> { };

    @Test
    void a_task_takes_isolation_and_jvm_options_from_its_dag_s_defaults_unless_it_sets_its_own() {
        Dag dag = Dag.builder("d")
                .defaults(d -> d.isolation(Isolation.PROCESS).jvmOptions("-Xmx128m"))
                .task("inherits", NOOP)
                .task("own", NOOP, t -> t.isolation(Isolation.THREAD).jvmOptions("-Xss1m"))
                .build();

        assertThat(dag.task("inherits").orElseThrow().isolation()).contains(Isolation.PROCESS);
        assertThat(dag.task("inherits").orElseThrow().jvmOptions()).containsExactly("-Xmx128m");
        assertThat(dag.task("own").orElseThrow().isolation()).contains(Isolation.THREAD);
        assertThat(dag.task("own").orElseThrow().jvmOptions()).containsExactly("-Xmx128m", "-Xss1m");
    }

    @Test
    void a_task_nobody_isolated_leaves_the_choice_to_the_server() {
        TaskDefinition task = Dag.builder("d").task("a", NOOP).build().task("a").orElseThrow();

        assertThat(task.isolation()).isEmpty();
        assertThat(task.jvmOptions()).isEmpty();
    }

    @Test
    void a_jvm_option_that_is_not_an_option_is_refused_when_the_dag_is_built() {
        assertThatThrownBy(() -> Dag.builder("d").task("a", NOOP, t -> t.jvmOptions("Xmx1g")).build())
                .isInstanceOf(DagDefinitionException.class).hasMessageContaining("starts with '-'").hasMessageContaining("Xmx1g");
    }
}
