package org.orchestrator.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.testing.TestUsers;
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
        Path home = home();
        Path ledger = home.resolve("ledger.txt");
        ServerConfig config = TestDatabase.config(home);
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
            await().atMost(Duration.ofSeconds(120)).until(() -> runState(third, "steady", "steady_run").contains("\"state\":\"success\""));
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

    @Test
    void sigterm_hands_a_running_try_back_uncounted_but_an_exit_from_a_tasks_own_thread_charges_it() throws Exception {
        Path home = home();
        Path ledger = home.resolve("ledger.txt");
        ServerConfig config = TestDatabase.config(home);
        Map<String, String> env = Map.of("EXIT_LEDGER", ledger.toString());

        try (ServerProcess server = ServerProcess.start(home, env)) {
            trigger(server, "steady", "term_run");
            trigger(server, "thread_exiter", "thread_run");
            await().atMost(Duration.ofSeconds(30)).until(() -> ledgerLines(ledger).containsAll(
                    List.of("steady started try 1", "thread_exiter started try 1")));
            assertThat(server.terminate(Duration.ofSeconds(30))).as("exit status after SIGTERM").isIn(0, 143);
        }
        try (Database database = Database.open(config)) {
            assertThat(tries(database, "steady", "term_run", "work")).singleElement().satisfies(t -> {
                assertThat(t.state().wireName()).isEqualTo("up_for_retry");
                assertThat(t.error()).contains("handed back");
            });
        }

        try (ServerProcess server = ServerProcess.start(home, env)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ledgerLines(ledger).contains("thread_exiter started try 2"));
            Files.createFile(home.resolve("ledger.txt.go")); // up and running: now the task's thread exits the JVM
            awaitExit(server);
        }
        assertThat(ledgerLines(ledger)).contains("thread_exiter exits from its own thread");
        try (Database database = Database.open(config)) {
            var exited = tries(database, "thread_exiter", "thread_run", "spawn");
            assertThat(exited.get(1).state().wireName()).isEqualTo("failed");
            assertThat(exited.get(1).error()).contains("the JVM exited, unasked, while this try ran");
        }
    }

    /** @return a fresh home with the DAG jar, an empty ledger and the admin user */
    private static Path home() throws java.io.IOException {
        Path home = TestEngine.fresh();
        Files.createFile(home.resolve("ledger.txt"));
        buildDags(home.resolve("dags").resolve("exits.jar"));
        try (Database database = Database.open(TestDatabase.config(home))) {
            TestUsers.create(database, "admin", "exit-test-password", "admin");
        }
        return home;
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
        return database.transactions().withHandle(h -> {
            var run = new DagRuns().find(h, dagId, runId).orElseThrow();
            return new TaskTries().of(h, new TaskInstances().ofRun(h, run.id()).get(taskId).id());
        });
    }

    private static List<String> ledgerLines(Path ledger) throws java.io.IOException {
        return Files.readAllLines(ledger).stream().filter(line -> !line.isBlank()).toList();
    }

    /**
     * {@code exiter}: one task with five retries, 15 s apart (so a restarted server is up before the
     * retry kills it), that calls System.exit reflectively; {@code thread_exiter}: one task, no
     * retries, that sleeps a minute and on its second try (once handed back) makes a thread of its
     * own exit the JVM once the file {@code ledger.txt.go} exists; {@code steady}: one task, no retries, that runs 4 s on its first try.
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
                        Dag.builder("thread_exiter")
                                .task("spawn", ctx -> {
                                    note("thread_exiter started try " + ctx.tryNumber());
                                    if (ctx.tryNumber() == 2) {
                                        Thread exiter = new Thread(() -> {
                                            try {
                                                var go = java.nio.file.Path.of(System.getenv("EXIT_LEDGER") + ".go");
                                                for (int i = 0; i < 1200 && !java.nio.file.Files.exists(go); i++) {
                                                    Thread.sleep(50);
                                                }
                                                note("thread_exiter exits from its own thread");
                                                Class.forName("java.lang.System").getMethod("exit", int.class).invoke(null, 4);
                                            } catch (Exception e) {
                                                throw new IllegalStateException(e);
                                            }
                                        });
                                        exiter.start();
                                    }
                                    Thread.sleep(Duration.ofMinutes(1));
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
