package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestEngine;

/**
 * The README's quick start, command 1, in a real JVM: {@code standalone} on an empty home creates
 * the admin user with a generated password (printed and written to a file), loads the example
 * DAGs and runs one when asked.
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
            String admin = "admin:" + password;

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
}
