package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.http.auth.UserAdmin;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/**
 * A real server JVM whose task prints a secret it looked up with {@code System.out} and
 * {@code System.err} and pushes it as XComs: the secret reaches neither the server's own output
 * nor the XCom or connection API; the printed lines land in the try's log, masked.
 */
class TaskOutputServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin:output-test-password";
    private static final String SECRET = "vault-Pw-31337";
    private static final String BASE = "/api/v1/dags/printer/dagRuns/r1/taskInstances/print";

    @Test
    void a_secret_a_task_prints_or_pushes_is_absent_from_the_server_output_and_the_api() throws Exception {
        Path home = TestEngine.fresh();
        try (Database database = Database.open(TestDatabase.config(home))) {
            new UserAdmin(database.transactions(), Clock.systemUTC()).create("admin", "output-test-password", "admin");
        }
        TestSources.write(home.resolve("dags").resolve("printer.java"), TestSources.provider("printer", """
                return List.of(Dag.builder("printer")
                        .task("print", ctx -> {
                            String password = ctx.connection("vault").password();
                            System.out.println("stdout sees " + password);
                            System.err.print("stderr sees " + password);
                            ctx.xcomPush("nested", Map.of("token", password, "list", List.of("x" + password + "\\"quoted\\"")));
                            ctx.xcomPush("plain", password);
                        }).build());"""));

        try (ServerProcess server = ServerProcess.start(home, Map.of())) {
            assertThat(server.post("/api/v1/connections", ADMIN, """
                    {"connection_id": "vault", "conn_type": "http", "host": "vault.internal", "login": "app",
                     "password": "%s"}""".formatted(SECRET)).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> server.get("/api/v1/dags/printer", ADMIN).statusCode() == 200);
            assertThat(server.post("/api/v1/dags/printer/dagRuns", ADMIN, "{\"dag_run_id\": \"r1\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    server.get("/api/v1/dags/printer/dagRuns/r1", ADMIN).body().contains("\"state\":\"success\""));

            String log = server.get(BASE + "/logs/1?full_content=true", ADMIN).body();
            String nested = server.get(BASE + "/xcomEntries/nested", ADMIN).body();
            String nestedValue = server.get(BASE + "/xcomEntries/nested?stringify=false", ADMIN).body();
            String plain = server.get(BASE + "/xcomEntries/plain", ADMIN).body();
            String connections = server.get("/api/v1/connections/vault", ADMIN).body() + server.get("/api/v1/connections", ADMIN).body();

            assertThat(log).contains("[stdout] stdout sees ***").contains("[stderr] stderr sees ***");
            JsonNode stringified = JSON.readTree(JSON.readTree(nested).get("value").asText());
            assertThat(stringified.get("token").asText()).isEqualTo("***");
            assertThat(stringified.get("list").get(0).asText()).isEqualTo("x***\"quoted\"");
            assertThat(JSON.readTree(nestedValue).get("value").get("token").asText()).isEqualTo("***");
            assertThat(JSON.readTree(plain).get("value").asText()).isEqualTo("\"***\"");
            for (String text : new String[] {log, nested, nestedValue, plain, connections}) {
                assertThat(text).doesNotContain(SECRET);
            }
            String output = Files.readString(server.output());
            assertThat(output).as("the server's own log still passes through").contains("engine started");
            assertThat(output).doesNotContain(SECRET).doesNotContain("stdout sees").doesNotContain("stderr sees");
        }
    }
}
