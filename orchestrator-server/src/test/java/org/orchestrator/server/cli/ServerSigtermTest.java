package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.http.auth.UserAdmin;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestJars;

/**
 * SIGTERM of a real server JVM while tries run: the grace period runs out, the tries are handed
 * back, the node deregisters and the database closes last, with no ERROR on the way (H2's own
 * shutdown hook used to close the database under the graceful shutdown).
 */
class ServerSigtermTest {

    private static final String ADMIN = "admin:shutdown-test-password";

    @Test
    void sigterm_with_running_tries_hands_them_back_and_logs_no_error() throws Exception {
        Path home = TestEngine.fresh();
        buildSleepyDag(home.resolve("dags").resolve("sleepy.jar"));
        try (Database database = Database.open(TestDatabase.config(home))) {
            new UserAdmin(database.transactions(), Clock.systemUTC()).create("admin", "shutdown-test-password", "admin");
        }
        try (ServerProcess server = ServerProcess.start(home, Map.of("ORCHESTRATOR_SHUTDOWN_GRACE_SECONDS", "1"))) {
            var triggered = server.post("/api/v1/dags/sleepy/dagRuns", ADMIN, "{\"dag_run_id\": \"stop_me\"}");
            assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    server.get("/api/v1/dags/sleepy/dagRuns/stop_me/taskInstances", ADMIN).body()
                            .split("\"state\":\"running\"", -1).length - 1 == 3);

            assertThat(server.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM").isIn(0, 143);

            List<String> output = Files.readAllLines(server.output());
            assertThat(output).as("the node stopped the way it was asked to").anyMatch(line -> line.contains("left the cluster"));
            assertThat(output).as("console output of the stopped node").noneMatch(line -> line.contains(" ERROR "))
                    .noneMatch(line -> line.contains("already closed") || line.contains("could not deregister"));
        }
    }

    /** Three tasks that sleep far longer than the grace period, so they are still running when the node stops. */
    private static void buildSleepyDag(Path jar) {
        TestJars.provider(jar, "sleepy", """
                return List.of(Dag.builder("sleepy")
                        .task("a", ctx -> Thread.sleep(Duration.ofMinutes(5)))
                        .task("b", ctx -> Thread.sleep(Duration.ofMinutes(5)))
                        .task("c", ctx -> Thread.sleep(Duration.ofMinutes(5)))
                        .build());
                """);
    }
}
