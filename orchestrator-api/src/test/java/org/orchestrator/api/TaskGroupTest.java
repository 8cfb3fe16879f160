package org.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskGroupTest {

    private static final Task NOOP = ctx -> { };

    @Test
    void tasks_of_a_group_get_the_group_id_as_prefix_and_know_their_group() {
        Dag dag = Dag.builder("etl")
                .group("extract", g -> g.task("orders", NOOP).group("refs", r -> r.task("countries", NOOP)))
                .build();

        assertThat(dag.tasks()).extracting(TaskDefinition::id)
                .containsExactly("extract.orders", "extract.refs.countries");
        assertThat(dag.task("extract.refs.countries").orElseThrow().groupPath()).containsExactly("extract", "extract.refs");
        assertThat(dag.task("extract.orders").orElseThrow().groupId()).contains("extract");
    }

    @Test
    void a_group_that_keeps_ids_adds_no_prefix() {
        Dag dag = Dag.builder("etl").group("extract", g -> g.prefixIds(false).task("orders", NOOP)).build();

        assertThat(dag.task("orders").orElseThrow().groupId()).contains("extract");
    }

    @Test
    void group_defaults_lie_between_the_dag_defaults_and_the_task_options() {
        Dag dag = Dag.builder("etl")
                .defaults(d -> d.retries(1).pool("dag_pool").priorityWeight(5))
                .group("extract", g -> g.defaults(d -> d.retries(3).pool("sources"))
                        .task("orders", NOOP)
                        .task("customers", NOOP, t -> t.retries(0))
                        .group("inner", i -> i.defaults(d -> d.retryDelay(Duration.ofSeconds(7))).task("deep", NOOP)))
                .task("load", NOOP)
                .build();

        TaskDefinition orders = dag.task("extract.orders").orElseThrow();
        assertThat(orders.retries()).isEqualTo(3);
        assertThat(orders.pool()).isEqualTo("sources");
        assertThat(orders.priorityWeight()).isEqualTo(5);
        assertThat(dag.task("extract.customers").orElseThrow().retries()).isZero();
        TaskDefinition deep = dag.task("extract.inner.deep").orElseThrow();
        assertThat(deep.retries()).isEqualTo(3);
        assertThat(deep.retryDelay()).isEqualTo(Duration.ofSeconds(7));
        assertThat(dag.task("load").orElseThrow().retries()).isEqualTo(1);
        assertThat(dag.task("load").orElseThrow().pool()).isEqualTo("dag_pool");
    }

    @Test
    void a_dependency_on_a_group_means_its_roots_downstream_and_its_leaves_upstream() {
        Dag dag = Dag.builder("etl")
                .task("start", NOOP)
                .group("extract", g -> g
                        .task("a", NOOP).task("b", NOOP).task("c", NOOP)
                        .chain("a", "c"))
                .task("end", NOOP, t -> t.upstream("extract"))
                .chain("start", "extract")
                .build();

        assertThat(dag.downstream("start")).containsExactlyInAnyOrder("extract.a", "extract.b");
        assertThat(dag.task("end").orElseThrow().upstream()).containsExactlyInAnyOrder("extract.b", "extract.c");
        assertThat(dag.task("extract.c").orElseThrow().upstream()).containsExactly("extract.a");
    }

    @Test
    void names_inside_a_group_are_looked_up_in_the_group_first_then_outside() {
        Dag dag = Dag.builder("etl")
                .task("start", NOOP)
                .task("prep", NOOP)
                .group("g", g -> g
                        .task("prep", NOOP, t -> t.upstream("start"))
                        .task("next", NOOP, t -> t.upstream("prep")))
                .build();

        assertThat(dag.task("g.prep").orElseThrow().upstream()).containsExactly("start");
        assertThat(dag.task("g.next").orElseThrow().upstream()).containsExactly("g.prep");
    }

    @Test
    void groups_nest_and_a_nested_group_can_be_depended_on() {
        Dag dag = Dag.builder("etl")
                .group("outer", o -> o
                        .group("first", f -> f.task("x", NOOP).task("y", NOOP).chain("x", "y"))
                        .group("second", s -> s.task("z", NOOP))
                        .chain("first", "second"))
                .task("after", NOOP)
                .chain("outer", "after")
                .build();

        assertThat(dag.task("outer.second.z").orElseThrow().upstream()).containsExactly("outer.first.y");
        assertThat(dag.task("after").orElseThrow().upstream()).containsExactly("outer.second.z");
    }

    @Test
    void a_group_id_clashing_with_a_task_id_is_rejected() {
        assertThatThrownBy(() -> Dag.builder("etl").task("extract", NOOP).group("extract", g -> g.task("a", NOOP)))
                .isInstanceOf(DagDefinitionException.class).hasMessageContaining("duplicate group id 'extract'");
    }

    @Test
    void a_dependency_on_an_empty_group_is_rejected() {
        Dag.Builder builder = Dag.builder("etl").task("a", NOOP).group("empty", g -> { }).chain("a", "empty");

        assertThatThrownBy(builder::build).isInstanceOf(DagDefinitionException.class)
                .hasMessageContaining("group 'empty' in dag 'etl' has no tasks");
    }
}
