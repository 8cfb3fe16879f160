package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TaskTries;
import org.orchestrator.server.testing.TestEngine;

/**
 * Marking, clearing or deleting through the API stops the try that runs: its task's ledger shows
 * it ended before anything else of its instance started, never two tries ticking together. The
 * heartbeat of tries is set to 20 s here, so a stop within a few seconds proves the action's own
 * wakeup, not the heartbeat, stopped it.
 */
class StopRunningTryApiTest {

    /** Every event of every try, in order: "run start|tick|end try". */
    private static final List<String> LEDGER = new CopyOnWriteArrayList<>();
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private static ApiFixture api;
    private static RunWaits runs;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestEngine.start(TestEngine.fresh(),
                Map.of("ORCHESTRATOR_HEARTBEAT_MS", "20000", "ORCHESTRATOR_NODE_TIMEOUT_SECONDS", "60"), ledgered(), oneAtATime()));
        runs = new RunWaits(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** tick: its first try ticks until interrupted (at most a minute), later tries end at once; then after. */
    private static Dag ledgered() {
        return Dag.builder("ledgered")
                .task("tick", StopRunningTryApiTest::tick)
                .task("after", ctx -> note(ctx, "start"))
                .chain("tick", "after")
                .build();
    }

    /** Two independent tasks, one at a time: {@code first} is the ledgered tick, {@code second} notes its start. */
    private static Dag oneAtATime() {
        return Dag.builder("one_at_a_time").maxActiveTasks(1)
                .task("first", StopRunningTryApiTest::tick)
                .task("second", ctx -> note(ctx, "start"))
                .build();
    }

    private static void tick(TaskContext ctx) throws InterruptedException {
        note(ctx, "start");
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (ctx.tryNumber() == 1 && System.nanoTime() < deadline) {
                note(ctx, "tick");
                Thread.sleep(20);
            }
        } finally {
            windDown(ctx.runId().equals("mc1") || ctx.runId().equals("one1") ? Duration.ofSeconds(3) : Duration.ofMillis(300));
            note(ctx, "end");
        }
    }

    /** A task does not stop the instant it is interrupted: cleaning up takes it a while. */
    private static void windDown(Duration cleanUp) {
        long until = System.nanoTime() + cleanUp.toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static void note(TaskContext ctx, String event) {
        LEDGER.add(ctx.runId() + " " + ctx.taskId() + " " + event + " " + ctx.tryNumber());
    }

    private static List<String> ledgerOf(String runId) {
        return LEDGER.stream().filter(line -> line.startsWith(runId + " ")).map(line -> line.substring(runId.length() + 1)).toList();
    }

    private static void awaitTicking(String runId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ledgerOf(runId).contains("tick tick 1"));
    }

    @Test
    void clearing_a_running_task_stops_try_1_before_try_2_starts() {
        runs.trigger("ledgered", "c1");
        awaitTicking("c1");

        ApiClient.Response cleared = api.as(ApiFixture.OP).post("/api/v1/dags/ledgered/clearTaskInstances",
                "{\"dag_run_id\": \"c1\", \"task_ids\": [\"tick\"], \"only_failed\": false, \"dry_run\": false}");

        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.body()).contains("\"task_id\":\"tick\"");
        await().atMost(PROMPTLY).until(() -> ledgerOf("c1").contains("tick end 1"));
        runs.awaitRun("ledgered", "c1", "success");
        List<String> ledger = ledgerOf("c1");
        int try2Started = ledger.indexOf("tick start 2");
        assertThat(ledger.subList(0, try2Started)).as("try 1 ended before try 2 started: %s", ledger).contains("tick end 1");
        assertThat(ledger.subList(try2Started, ledger.size())).as("try 1 never ticks once try 2 runs").doesNotContain("tick tick 1");
        List<TaskTries.TryRow> tries = tries("c1", "tick");
        assertThat(tries).extracting(TaskTries.TryRow::state).containsExactly(TaskState.FAILED, TaskState.SUCCESS);
        assertThat(tries.getFirst().error()).isEqualTo("stopped: cleared while this try ran");
        assertThat(tries.getFirst().endDate()).as("set once the try has stopped").isNotNull();
    }

    @Test
    void clearing_while_a_marked_try_is_still_stopping_starts_try_2_only_once_try_1_has_ended() {
        runs.trigger("ledgered", "mc1");
        awaitTicking("mc1");

        api.as(ApiFixture.OP).patch("/api/v1/dags/ledgered/dagRuns/mc1/taskInstances/tick",
                "{\"new_state\": \"failed\", \"dry_run\": false}");
        runs.awaitRun("ledgered", "mc1", "failed");
        ApiClient.Response cleared = api.as(ApiFixture.OP).post("/api/v1/dags/ledgered/dagRuns/mc1/clear", "{\"dry_run\": false}");
        List<String> stillStopping = ledgerOf("mc1");

        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(stillStopping).as("try 1 was still winding down when the clear came").doesNotContain("tick end 1");
        runs.awaitRun("ledgered", "mc1", "success");
        List<String> ledger = ledgerOf("mc1");
        assertThat(ledger.subList(0, ledger.indexOf("tick start 2"))).as("try 1 ended before try 2 started: %s", ledger)
                .contains("tick end 1");
        assertThat(tries("mc1", "tick")).extracting(TaskTries.TryRow::state).containsExactly(TaskState.FAILED, TaskState.SUCCESS);
    }

    @Test
    void a_try_still_stopping_holds_its_slot_of_the_dags_max_active_tasks() {
        runs.trigger("one_at_a_time", "one1");
        await().atMost(Duration.ofSeconds(30)).until(() -> ledgerOf("one1").contains("first tick 1"));

        api.as(ApiFixture.OP).patch("/api/v1/dags/one_at_a_time/dagRuns/one1/taskInstances/first",
                "{\"new_state\": \"failed\", \"dry_run\": false}");

        runs.awaitRun("one_at_a_time", "one1", "failed");
        List<String> ledger = ledgerOf("one1");
        assertThat(ledger).contains("second start 1");
        assertThat(ledger.subList(0, ledger.indexOf("second start 1"))).as("second started once first had ended: %s", ledger)
                .contains("first end 1");
    }

    @Test
    void marking_a_running_task_failed_stops_its_try_and_the_instance_stays_failed() {
        runs.trigger("ledgered", "m1");
        awaitTicking("m1");

        ApiClient.Response marked = api.as(ApiFixture.OP).patch("/api/v1/dags/ledgered/dagRuns/m1/taskInstances/tick",
                "{\"new_state\": \"failed\", \"dry_run\": false}");

        assertThat(marked.status()).as(marked.body()).isEqualTo(200);
        await().atMost(PROMPTLY).until(() -> ledgerOf("m1").contains("tick end 1"));
        runs.awaitRun("ledgered", "m1", "failed");
        awaitTryEnded("m1", "tick");
        assertThat(runs.taskState("ledgered", "m1", "tick")).isEqualTo("failed");
        assertThat(tries("m1", "tick")).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TaskState.FAILED);
            assertThat(t.error()).isEqualTo("stopped: marked failed while this try ran");
        });
        assertThat(ledgerOf("m1")).as("the downstream task never ran").noneMatch(line -> line.startsWith("after"));
    }

    @Test
    void setting_a_run_failed_stops_its_running_try() {
        runs.trigger("ledgered", "s1");
        awaitTicking("s1");

        ApiClient.Response set = api.as(ApiFixture.OP).patch("/api/v1/dags/ledgered/dagRuns/s1", "{\"state\": \"failed\"}");

        assertThat(set.status()).as(set.body()).isEqualTo(200);
        await().atMost(PROMPTLY).until(() -> ledgerOf("s1").contains("tick end 1"));
        awaitTryEnded("s1", "tick");
        assertThat(runs.taskState("ledgered", "s1", "tick")).isEqualTo("failed");
    }

    @Test
    void deleting_a_run_stops_its_try_and_nothing_of_that_run_runs_after() {
        runs.trigger("ledgered", "d1");
        awaitTicking("d1");

        assertThat(api.as(ApiFixture.OP).delete("/api/v1/dags/ledgered/dagRuns/d1").status()).isEqualTo(204);

        await().atMost(PROMPTLY).until(() -> ledgerOf("d1").contains("tick end 1"));
        int endedAt = ledgerOf("d1").size();
        // A later run going all the way through proves the engine kept working meanwhile.
        runs.trigger("ledgered", "d2");
        awaitTicking("d2");
        api.as(ApiFixture.OP).patch("/api/v1/dags/ledgered/dagRuns/d2/taskInstances/tick", "{\"new_state\": \"success\", \"dry_run\": false}");
        runs.awaitRun("ledgered", "d2", "success");
        await().atMost(Duration.ofSeconds(30)).until(() -> ledgerOf("d2").contains("after start 1"));
        assertThat(ledgerOf("d1")).as("nothing of the deleted run ran after its try stopped").hasSize(endedAt);
    }

    private void awaitTryEnded(String runId, String taskId) {
        await().atMost(PROMPTLY).until(() -> tries(runId, taskId).getFirst().endDate() != null);
    }

    private static List<TaskTries.TryRow> tries(String runId, String taskId) {
        return api.engine().orchestrator().database().transactions().withHandle(h -> {
            var run = new DagRuns().find(h, "ledgered", runId).orElseThrow();
            long id = new TaskInstances().ofRun(h, run.id()).get(taskId).id();
            return new TaskTries().of(h, id);
        });
    }
}
