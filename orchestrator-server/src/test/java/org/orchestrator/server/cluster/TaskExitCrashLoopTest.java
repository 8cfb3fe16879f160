package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.http.auth.UserAdmin;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TaskTries;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestJars;

/**
 * A task that exits the JVM (System.exit through reflection) takes its real server JVM down. Its
 * try is charged, not handed back: after the node died under it twice (the default crash limit)
 * the instance fails for good although retries are left, and the restarted server stays up. A try
 * of another run that was running when the JVM exited is handed back uncounted and succeeds.
 */
class TaskExitCrashLoopTest {

    private static final String ADMIN = "admin:exit-test-password";

    @Test
    void a_task_that_exits_the_jvm_fails_for_good_after_two_node_deaths_and_the_server_stays_up() throws Exception {
        Path home = TestEngine.fresh();
        Path ledger = home.resolve("ledger.txt");
        Files.createFile(ledger);
        buildDags(home.resolve("dags").resolve("exits.jar"));
        ServerConfig config = TestDatabase.config(home);
        try (Database database = Database.open(config)) {
            new UserAdmin(database.jdbi(), Clock.systemUTC()).create("admin", "exit-test-password", "admin");
        }
        Map<String, String> env = Map.of("EXIT_LEDGER", ledger.toString());

        try (ServerProcess first = ServerProcess.start(home, env)) {
            trigger(first, "steady", "steady_run");
            await().atMost(Duration.ofSeconds(30)).until(() -> ledgerLines(ledger).contains("steady started try 1"));
            trigger(first, "exiter", "exit_run");
            awaitExit(first);
        }
        try (ServerProcess second = ServerProcess.start(home, env)) {
            awaitExit(second);
        }
        try (ServerProcess third = ServerProcess.start(home, env)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> runState(third, "steady", "steady_run").contains("\"state\":\"success\""));
            assertThat(runState(third, "exiter", "exit_run")).contains("\"state\":\"failed\"");
            assertThat(third.get("/health", null).statusCode()).isEqualTo(200);
            assertThat(third.isAlive()).isTrue();
        }

        assertThat(ledgerLines(ledger).stream().filter(line -> line.startsWith("exiter"))).containsExactly(
                "exiter exits on try 1", "exiter exits on try 2");
        try (Database database = Database.open(config)) {
            var exiter = tries(database, "exiter", "exit_run", "bye");
            assertThat(exiter).extracting(t -> t.state().wireName()).containsExactly("up_for_retry", "failed");
            assertThat(exiter.get(1).error()).startsWith("the node died twice while this try ran: it may exit or crash the JVM");
            var steady = tries(database, "steady", "steady_run", "work");
            assertThat(steady.getLast().state().wireName()).isEqualTo("success");
            assertThat(steady).as("handed back, never failed as a zombie or a crash").allSatisfy(t -> {
                assertThat(String.valueOf(t.error())).doesNotContain("zombie").doesNotContain("crash");
            });
        }
    }

    private static void trigger(ServerProcess server, String dagId, String runId) throws java.io.IOException {
        var response = server.post("/api/v1/dags/" + dagId + "/dagRuns", ADMIN, "{\"dag_run_id\": \"" + runId + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String runState(ServerProcess server, String dagId, String runId) throws java.io.IOException {
        return server.get("/api/v1/dags/" + dagId + "/dagRuns/" + runId, ADMIN).body();
    }

    private static void awaitExit(ServerProcess server) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !server.isAlive());
    }

    private static List<TaskTries.TryRow> tries(Database database, String dagId, String runId, String taskId) {
        return database.jdbi().withHandle(h -> {
            var run = new DagRuns().find(h, dagId, runId).orElseThrow();
            return new TaskTries().of(h, new TaskInstances().ofRun(h, run.id()).get(taskId).id());
        });
    }

    private static List<String> ledgerLines(Path ledger) throws java.io.IOException {
        return Files.readAllLines(ledger).stream().filter(line -> !line.isBlank()).toList();
    }

    /**
     * {@code exiter}: one task with five retries, 15 s apart (so a restarted server is up before the
     * retry kills it), that calls System.exit reflectively; {@code steady}: one task, no retries,
     * that runs 4 s on its first try.
     */
    private static void buildDags(Path jar) {
        TestJars.provider(jar, "exits", """
                return List.of(Dag.builder("exiter")
                                .defaults(d -> d.retries(5).retryDelay(Duration.ofSeconds(15)))
                                .task("bye", ctx -> {
                                    note("exiter exits on try " + ctx.tryNumber());
                                    Class.forName("java.lang.System").getMethod("exit", int.class).invoke(null, 3);
                                })
                                .build(),
                        Dag.builder("steady")
                                .task("work", ctx -> {
                                    note("steady started try " + ctx.tryNumber());
                                    if (ctx.tryNumber() == 1) {
                                        Thread.sleep(Duration.ofSeconds(4));
                                    }
                                })
                                .build());
                    }
                    static void note(String line) throws java.io.IOException {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("EXIT_LEDGER")), line + "\\n",
                                java.nio.file.StandardOpenOption.APPEND);
                """);
    }
}
