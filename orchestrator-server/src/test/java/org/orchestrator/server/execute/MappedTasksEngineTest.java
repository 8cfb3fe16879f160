package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.MapSource;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.XComs;
import org.orchestrator.server.testing.TestEngine;

/**
 * Dynamic task mapping on the real engine (H2 by default; {@code -Dorchestrator.test.db=postgresql}
 * for PostgreSQL): instances with map indexes, their own tries, XComs and logs, and what the
 * mapped task's instances mean for the tasks after it.
 */
class MappedTasksEngineTest {

    private static Dag files(String dagId, Object listed) {
        return Dag.builder(dagId)
                .task("list_files", ctx -> ctx.xcomPush(listed))
                .task("process", ctx -> {
                    String file = ctx.arg("file", String.class);
                    ctx.log().info("processing {}", file);
                    if (file.equals("c.csv") && ctx.tryNumber() == 1) {
                        throw new IllegalStateException("flaky read of " + file);
                    }
                    ctx.xcomPush(ctx.arg("prefix", String.class) + file + "#" + ctx.mapIndex());
                }, t -> t.expand("file", MapSource.fromXcom("list_files")).partial("prefix", "done:")
                        .retries(1).retryDelay(Duration.ofMillis(50)))
                .task("reduce", ctx -> ctx.xcomPush(ctx.xcomPullAll("process", String.class)), t -> t.upstream("process"))
                .build();
    }

    /** @return the instances of one task of the run, by map index */
    private static List<TaskInstanceRow> instancesOf(TestEngine engine, DagRunRow run, String taskId) {
        return engine.instances(run).values().stream().filter(ti -> ti.taskId().equals(taskId))
                .sorted(Comparator.comparingInt(TaskInstanceRow::mapIndex)).toList();
    }

    private static String xcom(TestEngine engine, DagRunRow run, String taskId) {
        return engine.orchestrator().database().transactions().withHandle(h -> new XComs().pull(h, run.id(), taskId, "return_value")).orElse(null);
    }

    @Test
    void five_files_from_an_xcom_run_as_five_instances_one_retried_alone_and_reduce_sees_all_in_order() {
        Dag dag = files("five_files", List.of("a.csv", "b.csv", "c.csv", "d.csv", "e.csv"));
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger(dag.id(), Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            List<TaskInstanceRow> process = instancesOf(engine, run, "process");
            assertThat(process).extracting(TaskInstanceRow::mapIndex).containsExactly(0, 1, 2, 3, 4);
            assertThat(process).extracting(TaskInstanceRow::state).containsOnly(TaskState.SUCCESS);
            assertThat(process).extracting(TaskInstanceRow::tryNumber).containsExactly(1, 1, 2, 1, 1);
            assertThat(engine.tries(run, "process[2]")).extracting(t -> t.state()).containsExactly(TaskState.UP_FOR_RETRY, TaskState.SUCCESS);
            assertThat(engine.log(run, "process[2]", 1)).contains("processing c.csv", "flaky read of c.csv");
            assertThat(engine.log(run, "process[3]", 1)).contains("processing d.csv").doesNotContain("c.csv");
            assertThat(xcom(engine, run, "reduce"))
                    .isEqualTo("[\"done:a.csv#0\",\"done:b.csv#1\",\"done:c.csv#2\",\"done:d.csv#3\",\"done:e.csv#4\"]");
        }
    }

    @Test
    void an_empty_list_skips_the_mapped_task_and_the_run_succeeds() {
        Dag dag = files("no_files", List.of());
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger(dag.id(), Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(instancesOf(engine, run, "process")).singleElement()
                    .satisfies(ti -> assertThat(ti.state()).isEqualTo(TaskState.SKIPPED))
                    .satisfies(ti -> assertThat(ti.mapIndex()).isEqualTo(-1));
            assertThat(engine.state(run, "reduce")).isEqualTo(TaskState.SKIPPED);
        }
    }

    @Test
    void a_list_of_1025_fails_the_mapped_task_with_the_limit_in_its_note_and_fails_the_run() {
        Dag dag = files("too_many_files", Collections.nCopies(1025, "x.csv"));
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger(dag.id(), Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.FAILED);
            assertThat(instancesOf(engine, run, "process")).singleElement()
                    .satisfies(ti -> assertThat(ti.state()).isEqualTo(TaskState.FAILED));
            String note = engine.orchestrator().reads().taskInstance(dag.id(), run.runId(), "process").orElseThrow().note();
            assertThat(note).contains("expands to 1025 instances, more than the limit of 1024 (ORCHESTRATOR_MAX_MAP_LENGTH)");
            assertThat(engine.state(run, "reduce")).isEqualTo(TaskState.UPSTREAM_FAILED);
        }
    }

    @Test
    void mapping_over_a_mapped_task_feeds_each_instance_the_value_of_one_upstream_instance() {
        Dag dag = Dag.builder("mapped_over_mapped")
                .task("times_ten", ctx -> ctx.xcomPush(ctx.arg("x", Integer.class) * 10), t -> t.expand("x", MapSource.of(1, 2, 3)))
                .task("plus_one", ctx -> ctx.xcomPush(ctx.arg("y", Integer.class) + 1),
                        t -> t.expand("y", MapSource.fromXcom("times_ten")))
                .task("sum", ctx -> ctx.xcomPush(ctx.xcomPullAll("plus_one", Integer.class)), t -> t.upstream("plus_one"))
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger(dag.id(), Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(instancesOf(engine, run, "plus_one")).extracting(TaskInstanceRow::mapIndex).containsExactly(0, 1, 2);
            assertThat(xcom(engine, run, "sum")).isEqualTo("[11,21,31]");
        }
    }

    @Test
    void a_param_from_the_conf_crossed_with_a_literal_list_maps_over_every_pair() {
        Dag dag = Dag.builder("pairs").param("xs", List.of(1))
                .task("pair", ctx -> ctx.xcomPush(ctx.arg("x", Integer.class) + ctx.arg("y", String.class)),
                        t -> t.expand("x", MapSource.fromParam("xs")).expand("y", MapSource.of("a", "b")))
                .task("collect", ctx -> ctx.xcomPush(ctx.xcomPullAll("pair", String.class)), t -> t.upstream("pair"))
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger(dag.id(), Map.of("xs", List.of(1, 2)));

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(xcom(engine, run, "collect")).isEqualTo("[\"1a\",\"1b\",\"2a\",\"2b\"]");
        }
    }

    @Test
    void a_failed_instance_fails_the_mapped_task_for_the_rule_of_the_next_one_while_the_others_succeed() {
        Dag dag = Dag.builder("one_bad")
                .task("work", ctx -> {
                    if (ctx.arg("n", Integer.class) == 2) {
                        throw new IllegalStateException("bad input 2");
                    }
                }, t -> t.expand("n", MapSource.of(1, 2, 3)))
                .task("after", ctx -> { }, t -> t.upstream("work"))
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger(dag.id(), Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.FAILED);
            assertThat(instancesOf(engine, run, "work")).extracting(TaskInstanceRow::state)
                    .containsExactly(TaskState.SUCCESS, TaskState.FAILED, TaskState.SUCCESS);
            assertThat(engine.state(run, "after")).isEqualTo(TaskState.UPSTREAM_FAILED);
        }
    }

    @Test
    void max_active_tis_per_dag_caps_how_many_instances_of_a_mapped_task_run_at_once() {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Dag dag = Dag.builder("capped")
                .task("slow", ctx -> {
                    most.accumulateAndGet(now.incrementAndGet(), Math::max);
                    Thread.sleep(100);
                    now.decrementAndGet();
                }, t -> t.expand("n", MapSource.of(1, 2, 3, 4, 5, 6)).maxActiveTisPerDag(2))
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger(dag.id(), Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(most.get()).isEqualTo(2);
        }
    }
}
