package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's "Trigger a run and wait for it" shell snippet, run as written with {@code bash}
 * (and {@code curl}, {@code sed}) against a real server with the bundled example DAGs: the
 * snippet reads the address from {@code ORCHESTRATOR_URL} and the admin's password from
 * {@code $ORCHESTRATOR_HOME/standalone_admin_password.txt}, as {@code standalone} writes it.
 */
class ReadmeTriggerAndPollTest {

    private static final String MARKER = "readme-test:trigger-and-poll";
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @Test
    void readme_trigger_and_poll_snippet_runs_etl_orders_pipeline_to_success() throws Exception {
        String snippet = ReadmeSnippets.bash(readme(), MARKER);
        assertThat(snippet).contains("curl").contains("etl_orders_pipeline").contains("ORCHESTRATOR_URL");
        assertThat(onPath("curl")).as("the snippet needs curl on the PATH (.ci/run installs it)").isTrue();

        try (ExamplesFixture examples = ExamplesFixture.start()) {
            examples.dag("etl_orders_pipeline");
            Path home = examples.api().engine().home();
            Files.writeString(home.resolve("standalone_admin_password.txt"), ApiFixture.ADMIN + "-password\n");
            Path script = Files.writeString(home.resolve("readme-snippet.sh"), snippet);
            Path output = home.resolve("readme-snippet.out");

            ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).directory(home.toFile());
            bash.environment().put("ORCHESTRATOR_URL", "http://127.0.0.1:" + examples.api().port());
            bash.environment().put("ORCHESTRATOR_HOME", home.toString());
            Process process = bash.start();
            try {
                boolean ended = process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                assertThat(ended).as("snippet still running after %s; it printed:%n%s%nrun: %s", DEADLINE, printed,
                        examples.api().as(ApiFixture.VIEWER).get("/api/v1/dags/etl_orders_pipeline/dagRuns/ci-42").body()).isTrue();
                assertThat(process.exitValue()).as("exit status; it printed:%n%s", printed).isZero();
                assertThat(printed).contains("\"dag_run_id\":\"ci-42\"").endsWith("run ci-42 ended success\n");
            } finally {
                ReadmeSnippets.stop(process);
            }

            JsonNode run = examples.api().as(ApiFixture.VIEWER).get("/api/v1/dags/etl_orders_pipeline/dagRuns/ci-42").json();
            assertThat(run.get("state").asText()).isEqualTo("success");
            assertThat(run.get("run_type").asText()).isEqualTo("manual");
            assertThat(run.at("/conf/min_amount").asInt()).isEqualTo(100);
            List<Map<String, Object>> triggers = AuditRows.of(examples.api().engine(), "api.post_dag_run");
            assertThat(triggers).singleElement().satisfies(row -> {
                assertThat(row.get("username")).isEqualTo(ApiFixture.ADMIN);
                assertThat(row.get("run_id")).isEqualTo("ci-42");
            });
        }
    }

    /** @return README.md of the repository, found from the module's directory upwards */
    private static String readme() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path readme = dir.resolve("README.md");
            if (Files.isRegularFile(readme) && Files.readString(readme).contains(MARKER)) {
                return Files.readString(readme);
            }
        }
        throw new AssertionError("no README.md with the " + MARKER + " marker above " + Path.of("").toAbsolutePath());
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
