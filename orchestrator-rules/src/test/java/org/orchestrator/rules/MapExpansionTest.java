package org.orchestrator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.MapSource;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;

/** How a mapped task expands, and the state of a mapped task as one value: pure, no database. */
class MapExpansionTest {

    /** A run whose upstream {@code list} pushed the given value and whose param {@code xs} is [1, 2]. */
    private static MapExpansion.Lookup run(Object pushed) {
        return new MapExpansion.Lookup() {
            @Override public Optional<Object> xcom(String taskId, String key) { return Optional.ofNullable(pushed); }
            @Override public List<Object> xcomOfEachInstance(String taskId, String key) { return List.of("m0", "m1"); }
            @Override public Optional<Object> param(String name) { return Optional.of(List.of(1, 2)); }
            @Override public boolean isMapped(String taskId) { return taskId.equals("mapped"); }
        };
    }

    private static TaskDefinition task(java.util.function.Consumer<org.orchestrator.api.TaskBuilder> mapping) {
        return Dag.builder("d").param("xs", List.of())
                .task("list", ctx -> { })
                .task("mapped", ctx -> { }, t -> t.expand("m", MapSource.of(1, 2)))
                .task("t", ctx -> { }, mapping).build().task("t").orElseThrow();
    }

    @Test
    void a_cross_product_varies_the_last_argument_fastest() {
        TaskDefinition t = task(b -> b.expand("x", MapSource.fromParam("xs")).expand("y", MapSource.of("a", "b", "c")));
        MapExpansion expansion = MapExpansion.resolve(t, run(null), 1024);

        assertThat(expansion.verdict()).isEqualTo(MapExpansion.Verdict.EXPAND);
        assertThat(expansion.length()).isEqualTo(6);
        assertThat(expansion.argsAt(0)).isEqualTo(Map.of("x", 1, "y", "a"));
        assertThat(expansion.argsAt(2)).isEqualTo(Map.of("x", 1, "y", "c"));
        assertThat(expansion.argsAt(3)).isEqualTo(Map.of("x", 2, "y", "a"));
        assertThat(expansion.argsAt(5)).isEqualTo(Map.of("x", 2, "y", "c"));
    }

    @Test
    void an_xcom_of_a_mapped_task_gives_one_element_per_upstream_instance() {
        MapExpansion expansion = MapExpansion.resolve(task(b -> b.expand("v", MapSource.fromXcom("mapped"))), run(null), 1024);

        assertThat(expansion.length()).isEqualTo(2);
        assertThat(expansion.argsAt(1)).isEqualTo(Map.of("v", "m1"));
    }

    @Test
    void an_empty_list_skips_the_task() {
        MapExpansion expansion = MapExpansion.resolve(task(b -> b.expand("f", MapSource.fromXcom("list"))), run(List.of()), 1024);

        assertThat(expansion.verdict()).isEqualTo(MapExpansion.Verdict.SKIP);
    }

    @Test
    void a_list_longer_than_the_limit_fails_the_task_naming_length_and_limit() {
        List<Integer> big = Collections.nCopies(1025, 7);
        MapExpansion expansion = MapExpansion.resolve(task(b -> b.expand("f", MapSource.fromXcom("list"))), run(big), 1024);

        assertThat(expansion.verdict()).isEqualTo(MapExpansion.Verdict.FAIL);
        assertThat(expansion.error()).contains("1025 instances", "limit of 1024", "ORCHESTRATOR_MAX_MAP_LENGTH");
        assertThat(MapExpansion.resolve(task(b -> b.expand("f", MapSource.fromXcom("list"))), run(big), 1025).verdict())
                .isEqualTo(MapExpansion.Verdict.EXPAND);
    }

    @Test
    void a_value_that_is_not_a_list_fails_the_task_saying_which_source() {
        MapExpansion missing = MapExpansion.resolve(task(b -> b.expand("f", MapSource.fromXcom("list"))), run(null), 1024);
        MapExpansion scalar = MapExpansion.resolve(task(b -> b.expand("f", MapSource.fromXcom("list"))), run("a.csv"), 1024);

        assertThat(missing.error()).contains("XCom 'return_value' of task 'list' has no value");
        assertThat(scalar.error()).contains("is not a list but a.csv");
    }

    @Test
    void a_mapped_task_is_unfinished_while_one_instance_is_then_failed_if_any_failed() {
        assertThat(MappedState.aggregate(List.of(TaskState.SUCCESS, TaskState.RUNNING, TaskState.FAILED)))
                .isEqualTo(TaskState.RUNNING);
        assertThat(MappedState.aggregate(List.of(TaskState.SUCCESS, TaskState.UP_FOR_RETRY))).isEqualTo(TaskState.UP_FOR_RETRY);
        assertThat(MappedState.aggregate(List.of(TaskState.SUCCESS, TaskState.FAILED, TaskState.SKIPPED)))
                .isEqualTo(TaskState.FAILED);
        assertThat(MappedState.aggregate(List.of(TaskState.SKIPPED, TaskState.SKIPPED))).isEqualTo(TaskState.SKIPPED);
        assertThat(MappedState.aggregate(List.of(TaskState.SKIPPED, TaskState.SUCCESS))).isEqualTo(TaskState.SUCCESS);
    }
}
