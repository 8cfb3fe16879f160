package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LogApiTest {

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.greeter(), TestDags.gated());
        api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", "{\"dag_run_id\": \"hello_log\", \"conf\": {\"greeting\": \"hola\"}}");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/hello_log").json().get("state").asText().equals("success"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void finished_try_log_is_served_as_json_by_default() {
        JsonNode log = api.as(ApiFixture.VIEWER).get(logPath("greeter", "hello_log", "echo", 1)).json();

        assertThat(log.get("content").asText()).contains("greeting is hola");
        assertThat(log.get("continuation_token").asText()).isNotBlank();
        assertThat(log.get("end_of_log").asBoolean()).isTrue();
    }

    @Test
    void finished_try_log_is_served_as_plain_text_when_asked() {
        ApiClient.Response response = api.as(ApiFixture.VIEWER).get(logPath("greeter", "hello_log", "echo", 1), "text/plain");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        assertThat(response.body()).contains("greeting is hola");
        assertThat(response.headers().firstValue("X-Continuation-Token")).isPresent();
    }

    @Test
    void a_running_try_is_followed_with_the_continuation_token() {
        api.as(ApiFixture.OP).post("/api/v1/dags/gated/dagRuns", "{\"dag_run_id\": \"follow\"}");
        String path = logPath("gated", "follow", "wait", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ApiClient.Response r = api.as(ApiFixture.VIEWER).get(path);
            return r.status() == 200 && r.json().get("content").asText().contains("waiting for the gate");
        });
        JsonNode first = api.as(ApiFixture.VIEWER).get(path).json();
        assertThat(first.get("end_of_log").asBoolean()).isFalse();

        TestDags.open("follow");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.as(ApiFixture.VIEWER).get("/api/v1/dags/gated/dagRuns/follow/taskInstances/wait").json().get("state").asText().equals("success"));
        JsonNode rest = api.as(ApiFixture.VIEWER).get(path + "?token=" + first.get("continuation_token").asText()).json();

        assertThat(rest.get("content").asText()).contains("gate opened").doesNotContain("waiting for the gate");
        assertThat(rest.get("end_of_log").asBoolean()).isTrue();
        JsonNode full = api.as(ApiFixture.VIEWER).get(path + "?full_content=true&token=" + first.get("continuation_token").asText()).json();
        assertThat(full.get("content").asText()).contains("waiting for the gate").contains("gate opened");
    }

    @Test
    void unknown_try_task_or_run_is_404() {
        assertProblem(api.as(ApiFixture.VIEWER).get(logPath("greeter", "hello_log", "echo", 2)), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get(logPath("greeter", "hello_log", "echo", 0)), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get(logPath("greeter", "hello_log", "nope", 1)), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get(logPath("greeter", "no_run", "echo", 1)), 404);
    }

    @Test
    void bad_try_number_token_or_accept_is_a_4xx_problem() {
        String path = logPath("greeter", "hello_log", "echo", 1);
        assertProblem(api.as(ApiFixture.VIEWER).get(path.replace("/logs/1", "/logs/first")), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get(path + "?token=not-a-token"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get(path + "?token=eyJsb2dfcG9zIjotNX0"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get(path, "image/png"), 406);
    }

    @Test
    void a_path_in_the_task_id_reads_no_file() {
        RawHttp.Answer answer = RawHttp.get(api.port(),
                "/api/v1/dags/greeter/dagRuns/hello_log/taskInstances/..%2F..%2F..%2Fetc%2Fpasswd/logs/1", ApiFixture.VIEWER);

        assertThat(answer.status()).isBetween(400, 404);
        assertThat(answer.body()).doesNotContain("root:");
    }

    @Test
    void runs_whose_ids_the_old_paths_confused_write_and_serve_three_logs() throws Exception {
        Map<String, String> greetings = Map.of("a:b", "colon", "a~b", "tilde", "a_b", "underscore");
        greetings.forEach((runId, greeting) -> api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns",
                "{\"dag_run_id\": \"" + runId + "\", \"conf\": {\"greeting\": \"" + greeting + "\"}}"));
        greetings.keySet().forEach(runId -> await().atMost(Duration.ofSeconds(30)).until(() ->
                api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/" + runId).json().get("state").asText().equals("success")));

        for (Map.Entry<String, String> run : greetings.entrySet()) {
            String content = api.as(ApiFixture.VIEWER).get(logPath("greeter", run.getKey(), "echo", 1)).json().get("content").asText();
            assertThat(content).as("log of run %s", run.getKey()).contains("greeting is " + run.getValue());
            greetings.values().stream().filter(other -> !other.equals(run.getValue()))
                    .forEach(other -> assertThat(content).as("log of run %s", run.getKey()).doesNotContain("greeting is " + other));
        }
        try (Stream<Path> files = Files.walk(logsFolder().resolve("dag_id=greeter"))) {
            assertThat(files.filter(f -> f.toString().contains("run_id=a")).filter(Files::isRegularFile)
                    .map(f -> logsFolder().relativize(f).toString()))
                    .containsExactlyInAnyOrder("dag_id=greeter/run_id=a%3Ab/task_id=echo/attempt=1.log",
                            "dag_id=greeter/run_id=a%7Eb/task_id=echo/attempt=1.log",
                            "dag_id=greeter/run_id=a_b/task_id=echo/attempt=1.log");
        }
    }

    @Test
    void a_log_written_under_the_earlier_path_scheme_is_still_served() throws Exception {
        api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", "{\"dag_run_id\": \"old:scheme\", \"conf\": {\"greeting\": \"from before\"}}");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/old:scheme").json().get("state").asText().equals("success"));
        // As the earlier version left it: the file under the lossy path, which the try's row names.
        String legacy = "dag_id=greeter/run_id=old_scheme/task_id=echo/attempt=1.log";
        Path current = logsFolder().resolve("dag_id=greeter/run_id=old%3Ascheme/task_id=echo/attempt=1.log");
        Files.createDirectories(logsFolder().resolve(legacy).getParent());
        Files.move(current, logsFolder().resolve(legacy));
        int updated = api.engine().orchestrator().database().jdbi().withHandle(h -> h.createUpdate(
                "UPDATE task_try SET log_path = :legacy WHERE log_path = :current")
                .bind("legacy", legacy).bind("current", logsFolder().relativize(current).toString()).execute());
        assertThat(updated).isEqualTo(1);

        JsonNode log = api.as(ApiFixture.VIEWER).get(logPath("greeter", "old:scheme", "echo", 1)).json();

        assertThat(log.get("content").asText()).contains("greeting is from before");
    }

    private static Path logsFolder() {
        return api.engine().home().resolve("logs");
    }

    private static String logPath(String dagId, String runId, String taskId, int tryNumber) {
        return "/api/v1/dags/" + dagId + "/dagRuns/" + runId + "/taskInstances/" + taskId + "/logs/" + tryNumber;
    }
}
