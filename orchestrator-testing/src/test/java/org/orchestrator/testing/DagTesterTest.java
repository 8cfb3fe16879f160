package org.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Connection;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.SkipTaskException;
import org.orchestrator.api.TaskState;
import org.orchestrator.api.TriggerRule;

class DagTesterTest {

    private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void on_execute_runs_in_the_try_before_the_task_and_a_throwing_one_is_only_logged() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Dag dag = Dag.builder("audited")
                .task("load", ctx -> seen.add("execute"), t -> t
                        .onExecute(e -> seen.add("on_execute " + e.taskId() + " " + e.state().wireName()))
                        .onExecute(e -> {
                            throw new IllegalStateException("audit down");
                        }))
                .build();

        DagTestRun run = DagTester.forDag(dag).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(seen).containsExactly("on_execute load running", "execute");
        assertThat(run.log("load")).contains("onExecute callback failed; running the task anyway").contains("audit down");
    }

    @Test
    void a_chain_passes_xcoms_through_json_and_keeps_each_tasks_log() {
        Dag dag = Dag.builder("chain")
                .task("a", ctx -> ctx.xcomPush("n", 41))
                .task("b", ctx -> {
                    int n = ctx.xcomPull("a", "n", Integer.class) + 1;
                    ctx.log().info("got {}", n);
                    ctx.xcomPush(Map.of("n", n));
                })
                .chain("a", "b").build();

        DagTestRun run = DagTester.forDag(dag).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.taskStates()).containsExactly(Map.entry("a", TaskState.SUCCESS), Map.entry("b", TaskState.SUCCESS));
        assertThat(run.log("b")).contains("INFO - got 42");
        assertThat(run.log("a")).isEmpty();
        assertThat(run.xcom("b", "return_value", Map.class)).contains(Map.of("n", 42));
    }

    @Test
    void a_failing_task_is_retried_at_once_and_each_try_keeps_outcome_error_log_and_the_servers_delay() {
        List<String> events = new ArrayList<>();
        Dag dag = Dag.builder("flaky")
                .task("flaky", ctx -> {
                    ctx.log().info("try {}", ctx.tryNumber());
                    if (ctx.tryNumber() < 3) {
                        throw new IllegalStateException("boom " + ctx.tryNumber());
                    }
                }, t -> t.retries(3).retryDelay(Duration.ofMinutes(1)).exponentialBackoff(true)
                        .onRetry(e -> events.add("retry " + e.tryNumber() + " " + e.error().orElseThrow()))
                        .onSuccess(e -> events.add("success " + e.tryNumber())))
                .build();

        DagTestRun run = DagTester.forDag(dag).runCallbacks(true).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        List<TaskTry> tries = run.tries("flaky");
        assertThat(tries).extracting(TaskTry::outcome)
                .containsExactly(TaskState.UP_FOR_RETRY, TaskState.UP_FOR_RETRY, TaskState.SUCCESS);
        assertThat(tries.get(0).error()).contains("java.lang.IllegalStateException: boom 1");
        assertThat(tries).extracting(TaskTry::retryDelay)
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ZERO);
        assertThat(run.log("flaky", 2)).contains("try 2").doesNotContain("try 1");
        assertThat(events).containsExactly("retry 1 java.lang.IllegalStateException: boom 1",
                "retry 2 java.lang.IllegalStateException: boom 2", "success 3");
    }

    @Test
    void exhausted_retries_fail_the_task_mark_downstream_upstream_failed_and_fail_the_run() {
        List<String> dagEvents = new ArrayList<>();
        Dag dag = Dag.builder("fails")
                .onFailure(e -> dagEvents.add(e.state().wireName()))
                .task("bad", ctx -> { throw new IllegalArgumentException("no"); }, t -> t.retries(1))
                .task("next", ctx -> { })
                .task("cleanup", ctx -> ctx.log().info("cleaning"), t -> t.triggerRule(TriggerRule.ALL_DONE))
                .chain("bad", "next", "cleanup").build();

        DagTestRun run = DagTester.forDag(dag).runCallbacks(true).run(DAY);

        assertThat(run.taskState("bad")).isEqualTo(TaskState.FAILED);
        assertThat(run.tries("bad")).extracting(TaskTry::outcome).containsExactly(TaskState.UP_FOR_RETRY, TaskState.FAILED);
        assertThat(run.taskState("next")).isEqualTo(TaskState.UPSTREAM_FAILED);
        assertThat(run.tries("next")).isEmpty();
        assertThat(run.taskState("cleanup")).isEqualTo(TaskState.SUCCESS);
        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS).as("the only leaf, cleanup, succeeded");
        assertThat(dagEvents).isEmpty();
    }

    @Test
    void a_branch_skips_the_unchosen_path_and_the_join_runs_with_none_failed_min_one_success() {
        Dag dag = Dag.builder("branchy")
                .task("pick", ctx -> ctx.followBranches("left"))
                .task("left", ctx -> { }, t -> t.upstream("pick"))
                .task("right", ctx -> { }, t -> t.upstream("pick"))
                .task("after_right", ctx -> { }, t -> t.upstream("right"))
                .task("join", ctx -> { }, t -> t.upstream("left", "after_right")
                        .triggerRule(TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS))
                .build();

        DagTestRun run = DagTester.forDag(dag).run(DAY);

        assertThat(run.taskStates()).containsEntry("left", TaskState.SUCCESS).containsEntry("right", TaskState.SKIPPED)
                .containsEntry("after_right", TaskState.SKIPPED).containsEntry("join", TaskState.SUCCESS);
        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
    }

    @Test
    void a_skip_exception_skips_the_task_and_its_all_success_downstream() {
        Dag dag = Dag.builder("skips")
                .task("maybe", ctx -> { throw new SkipTaskException("nothing today"); })
                .task("then", ctx -> { })
                .chain("maybe", "then").build();

        DagTestRun run = DagTester.forDag(dag).run(DAY);

        assertThat(run.tries("maybe")).singleElement().extracting(TaskTry::outcome).isEqualTo(TaskState.SKIPPED);
        assertThat(run.taskState("then")).isEqualTo(TaskState.SKIPPED);
        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
    }

    @Test
    void the_execution_timeout_interrupts_the_try_and_fails_it() {
        Dag dag = Dag.builder("slow")
                .task("sleepy", ctx -> Thread.sleep(60_000), t -> t.executionTimeout(Duration.ofMillis(200)))
                .build();

        long start = System.nanoTime();
        DagTestRun run = DagTester.forDag(dag).run(DAY);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(run.taskState("sleepy")).isEqualTo(TaskState.FAILED);
        assertThat(run.tries("sleepy").getFirst().error()).contains("execution timeout of PT0.2S exceeded");
    }

    @Test
    void connections_variables_conf_and_the_scheduled_data_interval_reach_the_task() {
        Dag dag = Dag.builder("resources").schedule("0 2 * * *").startDate(LocalDate.of(2026, 1, 1)).param("limit", 5)
                .task("look", ctx -> {
                    ctx.xcomPush("url", ctx.connection("db").url());
                    ctx.xcomPush("region", ctx.variable("region").orElseThrow());
                    ctx.xcomPush("limit", ctx.params().get("limit"));
                    ctx.xcomPush("interval_end", ctx.dataInterval().end().toString());
                })
                .build();
        Instant logical = Instant.parse("2026-03-01T02:00:00Z");

        DagTestRun run = DagTester.forDag(dag)
                .connection(new Connection("db", "jdbc", "jdbc:h2:mem:x", "sa", "", Map.of()))
                .variable("region", "eu").conf(Map.of("limit", 7))
                .run(logical);

        assertThat(run.xcom("look", "url", String.class)).contains("jdbc:h2:mem:x");
        assertThat(run.xcom("look", "region", String.class)).contains("eu");
        assertThat(run.xcom("look", "limit", Integer.class)).contains(7);
        assertThat(run.xcom("look", "interval_end", String.class)).contains("2026-03-02T02:00:00Z");
        assertThat(run.dataInterval()).isEqualTo(new DataInterval(logical, Instant.parse("2026-03-02T02:00:00Z")));
    }

    @Test
    void an_unknown_connection_fails_the_try_with_a_message_naming_it() {
        Dag dag = Dag.builder("noconn").task("t", ctx -> ctx.connection("warehouse")).build();

        DagTestRun run = DagTester.forDag(dag).run(DAY);

        assertThat(run.tries("t").getFirst().error()).hasValueSatisfying(e -> assertThat(e)
                .contains(OrchestratorException.class.getName()).contains("unknown connection 'warehouse'"));
    }

    @Test
    void run_task_runs_one_task_with_seeded_xcoms_and_leaves_the_others_alone() {
        Dag dag = Dag.builder("one")
                .task("extract", ctx -> { throw new AssertionError("must not run"); })
                .task("load", ctx -> ctx.xcomPush("loaded", ctx.xcomPull("extract", "rows", Integer.class)))
                .chain("extract", "load").build();

        DagTestRun run = DagTester.forDag(dag).xcom("extract", "rows", 12).runTask("load", LocalDate.of(2026, 3, 1));

        assertThat(run.taskStates()).containsExactly(Map.entry("extract", TaskState.NONE), Map.entry("load", TaskState.SUCCESS));
        assertThat(run.xcom("load", "loaded", Integer.class)).contains(12);
        assertThatThrownBy(() -> DagTester.forDag(dag).runTask("nope", DAY)).hasMessageContaining("has no task 'nope'");
    }

    @Test
    void a_missing_xcom_fails_the_try_naming_task_and_key_and_xcom_pull_optional_reads_it_as_empty() {
        Dag dag = Dag.builder("gaps")
                .task("extract", ctx -> ctx.xcomPush("rows", 3))
                .task("strict", ctx -> ctx.xcomPull("extract", "checksum", String.class), t -> t.upstream("extract"))
                .task("lenient", ctx -> ctx.xcomPush("seen", ctx.xcomPullOptional("extract", "checksum", String.class).orElse("none")),
                        t -> t.upstream("extract"))
                .build();

        DagTestRun run = DagTester.forDag(dag).run(DAY);

        assertThat(run.taskState("strict")).isEqualTo(TaskState.FAILED);
        assertThat(run.tries("strict").getLast().error()).hasValueSatisfying(e -> assertThat(e)
                .contains("MissingXComException").contains("task 'strict' needs XCom 'checksum' of task 'extract'"));
        assertThat(run.taskState("lenient")).isEqualTo(TaskState.SUCCESS);
        assertThat(run.xcom("lenient", "seen", String.class)).contains("none");
    }

    @Test
    void a_callback_that_throws_is_recorded_and_the_run_goes_on() {
        Dag dag = Dag.builder("cb")
                .task("t", ctx -> { }, t -> t.onSuccess(e -> { throw new IllegalStateException("smtp down"); }))
                .build();

        DagTestRun run = DagTester.forDag(dag).runCallbacks(true).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.callbackErrors()).singleElement().asString().contains("smtp down");
    }

    @Test
    void callbacks_are_recorded_and_echoed_but_not_run_unless_asked() {
        List<String> called = new ArrayList<>();
        Dag dag = Dag.builder("alerting")
                .onFailure(e -> called.add("dag " + e.state().wireName()))
                .task("bad", ctx -> { throw new IllegalStateException("no"); },
                        t -> t.retries(1).onRetry(e -> called.add("retry")).onFailure(e -> called.add("failed")))
                .build();
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();

        DagTestRun run = DagTester.forDag(dag).echoTo(new PrintStream(echoed, true)).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.FAILED);
        assertThat(called).isEmpty();
        assertThat(run.callbacks()).containsExactly(new CallbackCall("bad", 1, "up_for_retry", 1, false),
                new CallbackCall("bad", 2, "failed", 1, false), new CallbackCall("", 0, "failed", 1, false));
        assertThat(echoed.toString()).contains("callback: 1 failed callback(s) of task bad (try 2) not run (recorded only)")
                .contains("callback: 1 failed callback(s) of the run not run");
        DagTestRun notified = DagTester.forDag(dag).runCallbacks(true).run(DAY);
        assertThat(called).containsExactly("retry", "failed", "dag failed");
        assertThat(notified.callbacks()).extracting(CallbackCall::ran).containsOnly(true);
    }

    @Test
    void mask_logs_rewrites_every_line_stack_traces_included() {
        Dag dag = Dag.builder("masked")
                .task("t", ctx -> {
                    ctx.log().info("password is hunter22");
                    throw new IllegalStateException("login failed with hunter22");
                })
                .build();

        DagTestRun run = DagTester.forDag(dag).maskLogs(line -> line.replace("hunter22", "***")).run(DAY);

        assertThat(run.log("t")).contains("password is ***").contains("login failed with ***").doesNotContain("hunter22");
    }

    @Test
    void a_task_sees_the_external_task_states_the_test_declared_and_nothing_else() {
        Instant upstreamDay = Instant.parse("2026-02-28T00:00:00Z");
        Dag dag = Dag.builder("watcher")
                .task("look", ctx -> {
                    ctx.xcomPush("declared", ctx.externalTaskState("orders", "load", upstreamDay).orElseThrow().wireName());
                    ctx.xcomPush("other_day", ctx.externalTaskState("orders", "load", DAY).isPresent());
                })
                .build();

        DagTestRun run = DagTester.forDag(dag).externalTaskState("orders", "load", upstreamDay, TaskState.SUCCESS).run(DAY);

        assertThat(run.xcom("look", "declared", String.class)).contains("success");
        assertThat(run.xcom("look", "other_day", Boolean.class)).contains(false);
    }
}
