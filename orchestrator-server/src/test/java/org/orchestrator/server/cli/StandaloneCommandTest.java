package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.Listeners;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/**
 * The README's quick start, command 1, in a real JVM: {@code standalone} on an empty home creates
 * the admin user with a generated password (printed and written to an owner-only file), listens
 * on loopback only, loads the example DAGs and runs one when asked.
 */
class StandaloneCommandTest {

    @Test
    void standalone_on_an_empty_home_serves_the_examples_to_the_generated_admin_and_runs_one() throws Exception {
        Path home = TestEngine.fresh();
        try (ServerProcess server = ServerProcess.standalone(home, Map.of())) {
            Path passwordFile = home.resolve(StandaloneCommand.PASSWORD_FILE);
            assertThat(passwordFile).exists();
            String password = Files.readString(passwordFile).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(12);
            assertThat(Files.readString(server.output())).as("printed for the user").contains(password);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            String admin = "admin:" + password;

            assertThat(Files.readString(server.output())).contains("http://127.0.0.1:" + server.port() + "/");
            assertThat(Listeners.of(server.pid())).as("standalone listens on this machine only, HTTP and H2 alike")
                    .isNotEmpty().allMatch(Listeners.Listener::loopback);

            assertThat(server.get("/api/v1/dags", "admin:wrong").statusCode()).isEqualTo(401);
            var dags = server.get("/api/v1/dags?limit=100", admin);
            assertThat(dags.statusCode()).isEqualTo(200);
            assertThat(dags.body()).contains("\"example_hello\"", "\"loans_etl\"", "\"etl_orders_pipeline\"");

            var triggered = server.post("/api/v1/dags/example_hello/dagRuns", admin, "{\"dag_run_id\": \"quick_start\"}");
            assertThat(triggered.statusCode()).as(triggered.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                    server.get("/api/v1/dags/example_hello/dagRuns/quick_start", admin).body().contains("\"state\":\"success\""));
        }
    }

    @Test
    void an_admin_password_the_operator_chose_is_neither_echoed_nor_written_to_a_file() throws Exception {
        Path home = TestEngine.fresh();
        String chosen = "chosen-by-the-operator-" + System.nanoTime();
        try (ServerProcess server = ServerProcess.standalone(home, Map.of("ORCHESTRATOR_ADMIN_PASSWORD", chosen))) {
            String output = Files.readString(server.output());
            assertThat(output).doesNotContain(chosen).contains("not written to any file");
            assertThat(home.resolve(StandaloneCommand.PASSWORD_FILE)).doesNotExist();
            assertThat(server.get("/api/v1/dags", "admin:" + chosen).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void standalone_on_a_home_whose_applied_migration_was_edited_refuses_to_start() {
        // The admin check opens the database without Flyway when the schema is current; the
        // engine's open must still validate every applied migration's checksum.
        Path home = TestEngine.fresh();
        try (Database database = Database.open(TestDatabase.config(home))) {
            database.jdbi().useHandle(h -> h.execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '1'"));
        }

        CliRunner.Result result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRunner.runWith(
                Map.of("ORCHESTRATOR_ADMIN_PASSWORD", "chosen"), "standalone", "--home", home.toString(), "--port", "0"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("checksum mismatch");
    }
}
