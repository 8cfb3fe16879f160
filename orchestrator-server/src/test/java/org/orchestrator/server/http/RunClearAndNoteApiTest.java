package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Airflow's {@code dagRuns/{id}/clear} and the {@code setNote} endpoints of runs and task instances. */
class RunClearAndNoteApiTest {

    private static ApiFixture api;
    private static RunWaits runs;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.failOnce(), TestDags.greeter());
        runs = new RunWaits(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void clearing_a_failed_run_dry_lists_its_task_instances_and_changes_nothing() {
        failedRun("rc1");

        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/fail_once/dagRuns/rc1/clear", "{}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(taskIds(response.json())).containsExactlyInAnyOrder("flaky", "after");
        assertThat(response.json().get("total_entries").asInt()).isEqualTo(2);
        assertThat(response.json().at("/task_instances/0/dag_run_id").asText()).isEqualTo("rc1");
        assertThat(runs.runState("fail_once", "rc1")).isEqualTo("failed");
        assertThat(runs.taskState("fail_once", "rc1", "flaky")).isEqualTo("failed");
    }

    @Test
    void clearing_a_failed_run_reruns_every_task_and_answers_the_run() {
        failedRun("rc2");

        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/fail_once/dagRuns/rc2/clear",
                "{\"dry_run\": false}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("dag_run_id").asText()).isEqualTo("rc2");
        assertThat(response.json().has("task_instances")).isFalse();
        runs.awaitRun("fail_once", "rc2", "success");
        assertThat(runs.task("fail_once", "rc2", "flaky").get("try_number").asInt()).isEqualTo(2);
        assertThat(runs.taskState("fail_once", "rc2", "after")).isEqualTo("success");
        assertThat(AuditRows.of(api.engine(), "api.clear_dag_run")).anySatisfy(row -> {
            assertThat(row.get("username")).isEqualTo(ApiFixture.OP);
            assertThat(row.get("run_id")).isEqualTo("rc2");
        });
    }

    @Test
    void a_run_note_is_stored_shown_on_the_run_and_audited() {
        runs.trigger("greeter", "noted");
        runs.awaitRun("greeter", "noted", "success");

        ApiClient.Response response = api.as(ApiFixture.OP).patch("/api/v1/dags/greeter/dagRuns/noted/setNote",
                "{\"note\": \"re-run after the <b>outage</b> ✓\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("note").asText()).isEqualTo("re-run after the <b>outage</b> ✓");
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/noted").json().get("note").asText())
                .isEqualTo("re-run after the <b>outage</b> ✓");
        assertThat(AuditRows.of(api.engine(), "api.set_dag_run_note")).anySatisfy(row ->
                assertThat(row.get("run_id")).isEqualTo("noted"));
        api.as(ApiFixture.OP).patch("/api/v1/dags/greeter/dagRuns/noted/setNote", "{\"note\": \"\"}");
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/noted").json().get("note").isNull()).isTrue();
    }

    @Test
    void a_task_instance_note_is_shown_by_get_and_list_and_survives_a_clear() {
        failedRun("tn");
        String ti = "/api/v1/dags/fail_once/dagRuns/tn/taskInstances/flaky";

        ApiClient.Response response = api.as(ApiFixture.OP).patch(ti + "/setNote", "{\"note\": \"flaky disk on node 3\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("note").asText()).isEqualTo("flaky disk on node 3");
        assertThat(response.json().get("task_id").asText()).isEqualTo("flaky");
        assertThat(api.as(ApiFixture.VIEWER).get(ti).json().get("note").asText()).isEqualTo("flaky disk on node 3");
        JsonNode list = api.as(ApiFixture.VIEWER).get("/api/v1/dags/fail_once/dagRuns/tn/taskInstances").json();
        assertThat(list.findValuesAsText("note")).containsExactlyInAnyOrder("flaky disk on node 3", "null");
        assertThat(runs.task("fail_once", "tn", "after").get("note").isNull()).isTrue();

        api.as(ApiFixture.OP).post("/api/v1/dags/fail_once/dagRuns/tn/clear", "{\"dry_run\": false}");
        runs.awaitRun("fail_once", "tn", "success");
        assertThat(api.as(ApiFixture.VIEWER).get(ti).json().get("note").asText()).isEqualTo("flaky disk on node 3");
        assertThat(AuditRows.of(api.engine(), "api.set_task_instance_note")).anySatisfy(row ->
                assertThat(row.get("task_id")).isEqualTo("flaky"));
    }

    @Test
    void bad_clear_and_note_requests_are_4xx() {
        failedRun("bad");
        String run = "/api/v1/dags/fail_once/dagRuns/bad";
        assertProblem(api.as(ApiFixture.OP).post("/api/v1/dags/fail_once/dagRuns/ghost/clear", "{}"), 404);
        assertProblem(api.as(ApiFixture.OP).post("/api/v1/dags/ghost/dagRuns/bad/clear", "{}"), 404);
        assertProblem(api.as(ApiFixture.OP).post(run + "/clear", "{\"dry_run\": \"yes\"}"), 400);
        assertProblem(api.as(ApiFixture.OP).post(run + "/clear", "{\"task_ids\": [\"flaky\"]}"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).post(run + "/clear", "{}"), 403);
        assertProblem(api.as(ApiFixture.OP).patch(run + "/setNote", "{}"), 400);
        assertProblem(api.as(ApiFixture.OP).patch(run + "/setNote", "{\"note\": 5}"), 400);
        assertProblem(api.as(ApiFixture.OP).patch(run + "/setNote", "{\"note\": \"" + "x".repeat(4001) + "\"}"), 400);
        assertProblem(api.as(ApiFixture.OP).patch(run + "/taskInstances/ghost/setNote", "{\"note\": \"n\"}"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).patch(run + "/setNote", "{\"note\": \"n\"}"), 403);
        assertThat(runs.runState("fail_once", "bad")).isEqualTo("failed");
    }

    private static void failedRun(String runId) {
        runs.trigger("fail_once", runId);
        runs.awaitRun("fail_once", runId, "failed");
    }

    private static List<String> taskIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("task_instances").forEach(t -> ids.add(t.get("task_id").asText()));
        return ids;
    }
}
