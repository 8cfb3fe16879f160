package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MarkApiTest {

    private static ApiFixture api;
    private static RunWaits runs;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.failOnce(), TestDags.gated());
        runs = new RunWaits(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void marking_a_failed_task_success_persists_and_is_audited() {
        runs.trigger("fail_once", "m1");
        runs.awaitRun("fail_once", "m1", "failed");

        ApiClient.Response response = mark("fail_once", "m1", "flaky", "{\"new_state\": \"success\", \"dry_run\": false}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode ref = response.json();
        assertThat(ref.get("task_id").asText()).isEqualTo("flaky");
        assertThat(ref.get("dag_run_id").asText()).isEqualTo("m1");
        assertThat(runs.taskState("fail_once", "m1", "flaky")).isEqualTo("success");
        assertThat(AuditRows.of(api.engine(), "api.patch_task_instance")).anySatisfy(row -> {
            assertThat(row.get("task_id")).isEqualTo("flaky");
            assertThat((String) row.get("extra")).contains("success");
        });
    }

    @Test
    void dry_run_is_the_default_and_changes_nothing() {
        runs.trigger("fail_once", "m2");
        runs.awaitRun("fail_once", "m2", "failed");

        assertThat(mark("fail_once", "m2", "flaky", "{\"new_state\": \"success\"}").status()).isEqualTo(200);

        assertThat(runs.taskState("fail_once", "m2", "flaky")).isEqualTo("failed");
    }

    @Test
    void marking_a_running_task_success_stops_its_try_lets_the_run_go_on_and_the_try_cannot_undo_it() {
        runs.trigger("gated", "m3");
        runs.awaitTask("gated", "m3", "wait", "running");

        assertThat(mark("gated", "m3", "wait", "{\"new_state\": \"success\", \"dry_run\": false}").status()).isEqualTo(200);

        runs.awaitRun("gated", "m3", "success");
        assertThat(runs.taskState("gated", "m3", "after")).isEqualTo("success");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> api.as(ApiFixture.VIEWER)
                .get("/api/v1/dags/gated/dagRuns/m3/taskInstances/wait/logs/1").json().get("content").asText()
                .contains("stopping this try: its task instance is now success"));
        TestDags.open("m3");
        // The executor records outcomes in order: once a later run has finished, the stopped try's end was applied too.
        TestDags.open("m3_later");
        runs.trigger("gated", "m3_later");
        runs.awaitRun("gated", "m3_later", "success");
        assertThat(runs.taskState("gated", "m3", "wait")).isEqualTo("success");
    }

    @Test
    void impossible_or_malformed_marks_are_4xx() {
        runs.trigger("fail_once", "m4");
        runs.awaitRun("fail_once", "m4", "failed");

        assertProblem(mark("fail_once", "m4", "after", "{\"new_state\": \"skipped\", \"dry_run\": false}"), 409);
        assertProblem(mark("fail_once", "m4", "flaky", "{\"new_state\": \"running\", \"dry_run\": false}"), 400);
        assertProblem(mark("fail_once", "m4", "flaky", "{\"dry_run\": false}"), 400);
        assertProblem(mark("fail_once", "m4", "ghost", "{\"new_state\": \"success\"}"), 404);
        assertProblem(mark("fail_once", "nope", "flaky", "{\"new_state\": \"success\"}"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).patch("/api/v1/dags/fail_once/dagRuns/m4/taskInstances/flaky",
                "{\"new_state\": \"success\", \"dry_run\": false}"), 403);
        assertThat(runs.taskState("fail_once", "m4", "after")).isEqualTo("upstream_failed");
    }

    private static ApiClient.Response mark(String dagId, String runId, String taskId, String body) {
        return api.as(ApiFixture.OP).patch("/api/v1/dags/" + dagId + "/dagRuns/" + runId + "/taskInstances/" + taskId, body);
    }
}
