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
import org.orchestrator.api.TaskState;
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

/** kill -9 of a real server JVM in the middle of a run, then a restart: the run finishes. */
class CrashRecoveryTest {

    private static final String ADMIN = "admin:crash-test-password";

    @Test
    void a_run_interrupted_by_kill_9_finishes_after_restart_with_one_extra_try_and_nothing_run_twice() throws Exception {
        Path home = TestEngine.fresh();
        Path ledger = home.resolve("ledger.txt");
        Files.createFile(ledger);
        buildCrashyDag(home.resolve("dags").resolve("crashy.jar"));
        ServerConfig config = TestDatabase.config(home);
        try (Database database = Database.open(config)) {
            new UserAdmin(database.transactions(), Clock.systemUTC()).create("admin", "crash-test-password", "admin");
        }
        Map<String, String> env = Map.of("CRASH_LEDGER", ledger.toString());

        try (ServerProcess first = ServerProcess.start(home, env)) {
            var response = first.post("/api/v1/dags/crashy/dagRuns", ADMIN, "{\"dag_run_id\": \"crash_run\"}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> ledgerLines(ledger).contains("slow started try 1"));
            first.killHard();
        }
        assertThat(ledgerLines(ledger)).doesNotContain("last");

        try (ServerProcess second = ServerProcess.start(home, env)) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    second.get("/api/v1/dags/crashy/dagRuns/crash_run", ADMIN).body().contains("\"state\":\"success\""));
        }

        List<String> lines = ledgerLines(ledger);
        assertThat(lines).containsExactly("first", "slow started try 1", "slow started try 2", "slow done", "last");
        try (Database database = Database.open(config)) {
            var tries = database.transactions().withHandle(h -> {
                var run = new DagRuns().find(h, "crashy", "crash_run").orElseThrow();
                var instances = new TaskInstances().ofRun(h, run.id());
                return Map.of("first", new TaskTries().of(h, instances.get("first").id()),
                        "slow", new TaskTries().of(h, instances.get("slow").id()));
            });
            assertThat(tries.get("first")).hasSize(1);
            assertThat(tries.get("slow")).extracting(TaskTries.TryRow::state).containsExactly(TaskState.UP_FOR_RETRY, TaskState.SUCCESS);
            assertThat(tries.get("slow").getFirst().error()).contains("zombie");
        }
    }

    private static List<String> ledgerLines(Path ledger) throws java.io.IOException {
        return Files.readAllLines(ledger).stream().filter(line -> !line.isBlank()).toList();
    }

    /** first → slow (hangs on try 1 so the kill lands mid-try) → last; every task appends to the ledger. */
    private static void buildCrashyDag(Path jar) {
        TestJars.provider(jar, "crashy", """
                return List.of(Dag.builder("crashy")
                        .defaults(d -> d.retries(2).retryDelay(Duration.ofMillis(200)))
                        .task("first", ctx -> note("first"))
                        .task("slow", ctx -> {
                            note("slow started try " + ctx.tryNumber());
                            if (ctx.tryNumber() == 1) {
                                Thread.sleep(Duration.ofMinutes(5));
                            }
                            note("slow done");
                        })
                        .task("last", ctx -> note("last"))
                        .chain("first", "slow", "last")
                        .build());
                    }
                    static void note(String line) throws java.io.IOException {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("CRASH_LEDGER")), line + "\\n",
                                java.nio.file.StandardOpenOption.APPEND);
                """);
    }
}
