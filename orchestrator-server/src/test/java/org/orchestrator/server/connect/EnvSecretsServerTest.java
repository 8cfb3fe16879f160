package org.orchestrator.server.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.http.auth.UserAdmin;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/**
 * A real server in a child JVM configured only through its environment: a connection and a
 * variable from {@code ORCHESTRATOR_CONN_*} / {@code ORCHESTRATOR_VAR_*}, the key from
 * {@code ORCHESTRATOR_SECRET_KEY}, links from {@code ORCHESTRATOR_BASE_URL}.
 */
class EnvSecretsServerTest {

    private static final String ADMIN = "admin:env-test-password";
    private static final String MAIL_PASSWORD = "env-Mail-Pw-77";
    private static final String TOKEN = "env-token-4242";

    @Test
    void env_defined_secrets_are_used_by_tasks_and_masked_in_their_logs_even_when_printed_raw() throws Exception {
        Path home = TestEngine.fresh();
        try (Database database = Database.open(TestDatabase.config(home))) {
            new UserAdmin(database.transactions(), Clock.systemUTC()).create("admin", "env-test-password", "admin");
        }
        TestSources.write(home.resolve("dags").resolve("env_secrets.java"), TestSources.provider("envsecrets", """
                return List.of(Dag.builder("env_secrets")
                        .task("show", ctx -> {
                            Connection mail = ctx.connection("alerts_mail");
                            ctx.log().info("mail {} at {} as {} with {}", mail.type(), mail.url(), mail.login(), mail.password());
                            ctx.log().info("raw env token {}", System.getenv("ORCHESTRATOR_VAR_API_TOKEN"));
                            throw new IllegalStateException("stop here");
                        }, t -> t.onFailure(e -> {
                            try {
                                java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("ORCHESTRATOR_HOME"), "link.txt"),
                                        e.logUrl().orElse("none"));
                            } catch (java.io.IOException io) {
                                throw new java.io.UncheckedIOException(io);
                            }
                        })).build());"""));
        Map<String, String> env = Map.of("ORCHESTRATOR_HOME", home.toString(),
                "ORCHESTRATOR_CONN_ALERTS_MAIL", "smtp://alerts:" + MAIL_PASSWORD + "@mail.example.com:587",
                "ORCHESTRATOR_VAR_API_TOKEN", TOKEN,
                "ORCHESTRATOR_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]),
                "ORCHESTRATOR_BASE_URL", "https://orchestrator.example.com/");

        try (ServerProcess server = ServerProcess.start(home, env)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> server.get("/api/v1/dags/env_secrets", ADMIN).statusCode() == 200);
            assertThat(server.post("/api/v1/dags/env_secrets/dagRuns", ADMIN, "{\"dag_run_id\": \"r1\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    server.get("/api/v1/dags/env_secrets/dagRuns/r1", ADMIN).body().contains("\"state\":\"failed\""));
            String log = server.get("/api/v1/dags/env_secrets/dagRuns/r1/taskInstances/show/logs/1?full_content=true", ADMIN).body();

            assertThat(log).contains("mail smtp at smtp://mail.example.com:587 as alerts with ***").contains("raw env token ***")
                    .doesNotContain(MAIL_PASSWORD).doesNotContain(TOKEN);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(home.resolve("link.txt")));
            assertThat(Files.readString(home.resolve("link.txt")))
                    .isEqualTo("https://orchestrator.example.com/dags/env_secrets/runs/r1/tasks/show?try=1");
            assertThat(home.resolve(SecretKeys.FILE)).as("the key came from the environment").doesNotExist();
        }
    }
}
