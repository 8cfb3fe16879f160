package org.orchestrator.server.execute.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.testing.TestUsers;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TaskTries;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/**
 * Process tries on a real server JVM that misbehave in every way the issue names — exit the JVM,
 * run out of heap, outlive their timeout, get marked failed — each beside a thread task of the
 * same run that waits for the bad task to end and must still succeed; and a well-behaved one that
 * pushes an XCom and reads a secret. The server stays up throughout, with the same pid.
 */
class ProcessIsolationServerTest {

    private static final String ADMIN = "admin:isolation-test-password";
    private static final String SECRET = "vault-Pw-4242";
    private static final List<Long> SEEN = new ArrayList<>();
    private static Path home;
    private static ServerProcess server;
    private static long serverPid;

    @BeforeAll
    static void startServer() throws Exception {
        home = TestEngine.fresh();
        try (Database database = Database.open(TestDatabase.config(home))) {
            TestUsers.create(database, "admin", "isolation-test-password", "admin");
        }
        TestSources.write(home.resolve("dags").resolve("isolated.java"), TestSources.provider("isolated", DAGS));
        server = ServerProcess.start(home, Map.of());
        serverPid = server.pid();
        assertThat(server.post("/api/v1/connections", ADMIN, """
                {"connection_id": "vault", "conn_type": "http", "host": "vault.internal", "login": "app", "password": "%s"}"""
                .formatted(SECRET)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> server.get("/api/v1/dags/exits", ADMIN).statusCode() == 200);
    }

    @AfterAll
    static void stopServer() throws Exception {
        ChildProcesses.killAll(SEEN);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_task_calling_system_exit_fails_its_try_with_the_exit_code_and_the_server_stays_up() throws Exception {
        runToEnd("exits", "failed");

        assertThat(instanceState("exits", "bad")).isEqualTo("failed");
        assertThat(instanceState("exits", "neighbour")).isEqualTo("success");
        List<TaskTries.TryRow> tries = tries("exits", "bad");
        assertThat(tries).hasSize(1);
        assertThat(tries.getFirst().error()).contains("exited with code 3").contains("about to exit");
        assertServerUnharmed();
    }

    @Test
    void a_task_running_out_of_its_own_heap_fails_its_try_and_the_server_heap_is_unaffected() throws Exception {
        runToEnd("hogs", "failed");

        assertThat(instanceState("hogs", "neighbour")).isEqualTo("success");
        assertThat(tries("hogs", "bad").getFirst().error()).contains("OutOfMemoryError");
        assertServerUnharmed();
    }

    @Test
    void a_task_past_its_execution_timeout_is_killed_with_the_processes_it_started() throws Exception {
        trigger("sleeps");
        List<Long> pids = awaitPids("sleeps");
        awaitRunEnd("sleeps", "failed");

        assertThat(tries("sleeps", "bad").getFirst().error()).contains("execution timeout");
        await().atMost(Duration.ofSeconds(10)).until(() -> pids.stream().noneMatch(ChildProcesses::alive));
        assertThat(instanceState("sleeps", "neighbour")).isEqualTo("success");
        assertServerUnharmed();
    }

    @Test
    void a_task_marked_failed_while_it_runs_has_its_child_jvm_gone_within_two_seconds() throws Exception {
        trigger("marked");
        List<Long> pids = awaitPids("marked");

        var marked = server.patch("/api/v1/dags/marked/dagRuns/r1/taskInstances/bad", ADMIN,
                "{\"new_state\": \"failed\", \"dry_run\": false}");
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        long markedAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> pids.stream().noneMatch(ChildProcesses::alive));
        assertThat(Duration.ofNanos(System.nanoTime() - markedAt)).isLessThan(Duration.ofSeconds(2));
        awaitRunEnd("marked", "failed");
        assertThat(instanceState("marked", "neighbour")).isEqualTo("success");
        assertServerUnharmed();
    }

    @Test
    void a_process_task_pushes_an_xcom_the_downstream_task_reads_and_its_secret_is_masked_in_the_log() throws Exception {
        runToEnd("pushes", "success");

        String xcom = server.get("/api/v1/dags/pushes/dagRuns/r1/taskInstances/downstream/xcomEntries/seen", ADMIN).body();
        assertThat(xcom).contains("\"value\":\"42\"");
        String log = log("pushes", "push");
        assertThat(log).contains("running in a child JVM").contains("connected to http://vault.internal as app with ***")
                .contains("[stdout] printed ***").contains("[stderr] warned ***").doesNotContain(SECRET)
                .contains("rendered for r1 as app");
        assertThat(instanceState("pushes", "neighbour")).isEqualTo("success");
    }

    @Test
    void a_process_task_triggers_another_dag_waits_for_it_and_knows_it_is_the_latest_run() throws Exception {
        runToEnd("triggers", "success");

        String trigger = "/api/v1/dags/triggers/dagRuns/r1/taskInstances/trigger/xcomEntries/";
        assertThat(server.get(trigger + "triggered", ADMIN).body()).contains("from_child");
        assertThat(server.get(trigger + "latest", ADMIN).body()).contains("\"value\":\"true\"");
        String target = server.get("/api/v1/dags/target/dagRuns/from_child", ADMIN).body();
        assertThat(target).contains("\"state\":\"success\"").contains("\"triggered_by_dag_id\":\"triggers\"");
        assertThat(server.get("/api/v1/dags/target/dagRuns/from_child/taskInstances/work/xcomEntries/conf", ADMIN).body())
                .contains("child");
    }

    @Test
    void mapped_process_tasks_read_their_element_and_partial_and_a_process_reduce_reads_every_instance() throws Exception {
        runToEnd("maps", "success");

        String all = server.get("/api/v1/dags/maps/dagRuns/r1/taskInstances/reduce/xcomEntries/all", ADMIN).body();
        assertThat(all).contains("\"value\":\"[110,121,132]\"");
    }

    private static void assertServerUnharmed() throws Exception {
        assertThat(server.isAlive()).isTrue();
        assertThat(server.pid()).isEqualTo(serverPid);
        assertThat(server.get("/health", null).statusCode()).isEqualTo(200);
    }

    private static void runToEnd(String dag, String state) throws Exception {
        trigger(dag);
        awaitRunEnd(dag, state);
    }

    private static void trigger(String dag) throws Exception {
        var response = server.post("/api/v1/dags/" + dag + "/dagRuns", ADMIN, "{\"dag_run_id\": \"r1\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void awaitRunEnd(String dag, String state) throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            String body = server.get("/api/v1/dags/" + dag + "/dagRuns/r1", ADMIN).body();
            return body.contains("\"state\":\"success\"") || body.contains("\"state\":\"failed\"");
        });
        assertThat(runState(dag)).as(dag).contains("\"state\":\"" + state + "\"");
    }

    private static String runState(String dag) throws Exception {
        return server.get("/api/v1/dags/" + dag + "/dagRuns/r1", ADMIN).body();
    }

    private static List<Long> awaitPids(String dag) {
        List<Long> pids = await().atMost(Duration.ofSeconds(60)).until(() -> ChildProcesses.printedPids(log(dag, "bad")),
                found -> !found.isEmpty());
        SEEN.addAll(pids);
        return pids;
    }

    private static String log(String dag, String task) throws Exception {
        return server.get("/api/v1/dags/" + dag + "/dagRuns/r1/taskInstances/" + task + "/logs/1?full_content=true", ADMIN).body();
    }

    private static String instanceState(String dag, String task) throws Exception {
        String body = server.get("/api/v1/dags/" + dag + "/dagRuns/r1/taskInstances/" + task, ADMIN).body();
        return body.replaceAll("(?s).*\"state\":\"([a-z_]+)\".*", "$1");
    }

    private static List<TaskTries.TryRow> tries(String dag, String task) {
        try (Database database = Database.open(TestDatabase.config(home))) {
            return database.transactions().withHandle(h -> {
                var run = new DagRuns().find(h, dag, "r1").orElseThrow();
                return new TaskTries().of(h, new TaskInstances().ofRun(h, run.id()).get(task).id());
            });
        }
    }

    /**
     * Each DAG: "bad" in a child JVM, and "neighbour" on a thread of the server at the same time,
     * waiting (up to a minute) for "bad" to end before it succeeds.
     */
    private static final String DAGS = """
            return List.of(
                withNeighbour("exits", ctx -> {
                    System.out.println("about to exit");
                    Class.forName("java.lang.System").getMethod("exit", int.class).invoke(null, 3);
                }, t -> t),
                withNeighbour("hogs", ctx -> {
                    List<long[]> hog = new ArrayList<>();
                    while (hog.size() >= 0) {
                        hog.add(new long[1_000_000]);
                    }
                }, t -> t.jvmOptions("-Xmx64m")),
                withNeighbour("sleeps", Dags::sleepLong, t -> t.executionTimeout(Duration.ofSeconds(3))),
                withNeighbour("marked", Dags::sleepLong, t -> t),
                Dag.builder("pushes")
                    .task("push", ctx -> {
                        Connection vault = ctx.connection("vault");
                        ctx.log().info("connected to {} as {} with {}", vault.url(), vault.login(), vault.password());
                        System.out.println("printed " + vault.password());
                        System.err.println("warned " + vault.password());
                        ctx.log().info("{}", ctx.render("note", "rendered for {{ run_id }} as {{ conn.vault.login }}"));
                        ctx.xcomPush("rows", 42);
                    }, t -> t.isolation(Isolation.PROCESS))
                    .task("downstream", ctx -> ctx.xcomPush("seen", ctx.xcomPull("push", "rows", Integer.class)),
                        t -> t.upstream("push"))
                    .task("neighbour", ctx -> awaitEnd(ctx, "push"))
                    .build(),
                Dag.builder("triggers")
                    .task("trigger", ctx -> {
                        ctx.xcomPush("latest", ctx.isLatestRun());
                        String runId = ctx.triggerDagRun(new DagRunRequest("target", "from_child", null, Map.of("by", "child")));
                        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                        while (ctx.dagRunState("target", runId).orElseThrow() != DagRunState.SUCCESS) {
                            if (System.nanoTime() > deadline) {
                                throw new IllegalStateException("the triggered run did not succeed");
                            }
                            Thread.sleep(100);
                        }
                        ctx.xcomPush("triggered", runId);
                    }, t -> t.isolation(Isolation.PROCESS))
                    .build(),
                Dag.builder("maps")
                    .task("process", ctx -> ctx.xcomPush("seen", ctx.arg("n", Integer.class) * 10 + ctx.mapIndex()
                            + ctx.arg("base", Integer.class)),
                        t -> t.expand("n", MapSource.of(1, 2, 3)).partial("base", 100).isolation(Isolation.PROCESS))
                    .task("reduce", ctx -> ctx.xcomPush("all", ctx.xcomPullAll("process", "seen", Integer.class)),
                        t -> t.upstream("process").isolation(Isolation.PROCESS))
                    .build(),
                Dag.builder("target")
                    .task("work", ctx -> ctx.xcomPush("conf", ctx.conf()))
                    .build());
            }

            static Dag withNeighbour(String id, Task bad, java.util.function.UnaryOperator<TaskBuilder> options) {
                return Dag.builder(id)
                    .defaults(d -> d.isolation(Isolation.PROCESS))
                    .task("bad", bad, t -> options.apply(t))
                    .task("neighbour", ctx -> awaitEnd(ctx, "bad"), t -> t.isolation(Isolation.THREAD))
                    .build();
            }

            static void sleepLong(TaskContext ctx) throws Exception {
                Process sleep = new ProcessBuilder("sleep", "300").start();
                System.out.println("pids " + ProcessHandle.current().pid() + " " + sleep.pid());
                sleep.waitFor();
            }

            static void awaitEnd(TaskContext ctx, String taskId) throws Exception {
                long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                while (System.nanoTime() < deadline) {
                    Optional<TaskState> state = ctx.externalTaskState(ctx.dagId(), taskId, ctx.logicalDate());
                    if (state.isPresent() && state.get().isFinished()) {
                        return;
                    }
                    Thread.sleep(100);
                }
                throw new IllegalStateException(taskId + " did not end while its neighbour ran");
            """;
}
