package org.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagDefinitionException;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.MapSource;
import org.orchestrator.api.TaskState;

/** DagTester runs mapped tasks as the server does: instances with their own tries, XComs and arguments. */
class MappedTasksDagTesterTest {

    private static final LocalDate DAY = LocalDate.of(2026, 1, 1);

    private static Dag files(Object listed) {
        return Dag.builder("files")
                .task("list_files", ctx -> ctx.xcomPush(listed))
                .task("process", ctx -> {
                    String file = ctx.arg("file", String.class);
                    if (file.equals("c.csv") && ctx.tryNumber() == 1) {
                        throw new IllegalStateException("flaky read of " + file);
                    }
                    ctx.log().info("processing {}", file);
                    ctx.xcomPush(ctx.arg("prefix", String.class) + file + "#" + ctx.mapIndex());
                }, t -> t.expand("file", MapSource.fromXcom("list_files")).partial("prefix", "done:").retries(1))
                .task("reduce", ctx -> ctx.xcomPush(ctx.xcomPullAll("process", String.class)), t -> t.upstream("process"))
                .build();
    }

    @Test
    void five_files_map_to_five_instances_one_retried_alone_and_reduce_sees_all_in_order() {
        DagTestRun run = DagTester.forDag(files(List.of("a.csv", "b.csv", "c.csv", "d.csv", "e.csv"))).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.mappedStates("process")).containsOnly(TaskState.SUCCESS).hasSize(5);
        assertThat(run.tries("process", 2)).extracting(TaskTry::outcome).containsExactly(TaskState.UP_FOR_RETRY, TaskState.SUCCESS);
        assertThat(run.tries("process", 0)).hasSize(1);
        assertThat(run.tries("process", 3).getFirst().log()).contains("processing d.csv");
        assertThat(run.xcom("reduce", "return_value", List.class)).contains(
                List.of("done:a.csv#0", "done:b.csv#1", "done:c.csv#2", "done:d.csv#3", "done:e.csv#4"));
        assertThat(run.xcomAll("process", "return_value", String.class)).hasSize(5).first().isEqualTo("done:a.csv#0");
    }

    @Test
    void an_empty_list_skips_the_mapped_task_and_what_needs_it() {
        DagTestRun run = DagTester.forDag(files(List.of())).run(DAY);

        assertThat(run.taskState("process")).isEqualTo(TaskState.SKIPPED);
        assertThat(run.taskState("reduce")).isEqualTo(TaskState.SKIPPED);
        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
    }

    @Test
    void a_list_over_the_limit_fails_the_task_with_the_message() {
        DagTestRun run = DagTester.forDag(files(Collections.nCopies(1025, "x.csv"))).run(DAY);

        assertThat(run.taskState("process")).isEqualTo(TaskState.FAILED);
        assertThat(run.expansionError("process")).get().asString().contains("1025 instances", "limit of 1024");
        assertThat(run.taskState("reduce")).isEqualTo(TaskState.UPSTREAM_FAILED);
        assertThat(run.tries("process")).isEmpty();
        assertThat(DagTester.forDag(files(List.of("a.csv", "b.csv", "c.csv"))).maxMapLength(2).run(DAY).taskState("process"))
                .isEqualTo(TaskState.FAILED);
    }

    @Test
    void mapping_over_a_mapped_task_feeds_each_instance_one_upstream_value() {
        Dag dag = Dag.builder("twice")
                .task("times_ten", ctx -> ctx.xcomPush(ctx.arg("x", Integer.class) * 10), t -> t.expand("x", MapSource.of(1, 2, 3)))
                .task("plus_one", ctx -> ctx.xcomPush(ctx.arg("y", Integer.class) + 1),
                        t -> t.expand("y", MapSource.fromXcom("times_ten")))
                .task("sum", ctx -> ctx.xcomPush(ctx.xcomPullAll("plus_one", Integer.class)), t -> t.upstream("plus_one"))
                .build();

        DagTestRun run = DagTester.forDag(dag).run(DAY);

        assertThat(run.mappedStates("plus_one")).hasSize(3);
        assertThat(run.xcom("sum", "return_value", List.class)).contains(List.of(11, 21, 31));
    }

    @Test
    void a_param_crossed_with_a_literal_list_maps_over_every_pair() {
        Dag dag = Dag.builder("pairs").param("xs", List.of(1))
                .task("pair", ctx -> ctx.xcomPush(ctx.arg("x", Integer.class) + ctx.arg("y", String.class)),
                        t -> t.expand("x", MapSource.fromParam("xs")).expand("y", MapSource.of("a", "b")))
                .build();

        DagTestRun run = DagTester.forDag(dag).conf(Map.of("xs", List.of(1, 2))).run(DAY);

        assertThat(run.xcomAll("pair", "return_value", String.class)).containsExactly("1a", "1b", "2a", "2b");
    }

    @Test
    void expanding_over_an_unknown_param_or_naming_an_argument_twice_fails_at_build() {
        assertThatThrownBy(() -> Dag.builder("bad").task("t", ctx -> { }, t -> t.expand("x", MapSource.fromParam("nope"))).build())
                .isInstanceOf(DagDefinitionException.class).hasMessageContaining("unknown param 'nope'");
        assertThatThrownBy(() -> Dag.builder("bad").task("t", ctx -> { },
                        t -> t.expand("x", MapSource.of(1)).partial("x", 2)).build())
                .isInstanceOf(DagDefinitionException.class).hasMessageContaining("argument 'x' of task 't' is given twice");
        assertThatThrownBy(() -> Dag.builder("bad").task("t", ctx -> { }, t -> t.expand("x", MapSource.fromXcom("ghost"))).build())
                .isInstanceOf(DagDefinitionException.class).hasMessageContaining("ghost");
    }
}
