package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DagRunEditApiTest {

    private static ApiFixture api;
    private static RunWaits runs;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.gated(), TestDags.failOnce(), TestDags.greeter());
        runs = new RunWaits(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void failing_a_running_run_fails_its_active_tasks_and_skips_the_waiting_ones() {
        runs.trigger("gated", "e1");
        runs.awaitTask("gated", "e1", "wait", "running");

        ApiClient.Response response = patch("gated", "e1", "{\"state\": \"failed\"}");
        TestDags.open("e1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("state").asText()).isEqualTo("failed");
        assertThat(response.json().get("end_date").isNull()).isFalse();
        assertThat(runs.taskState("gated", "e1", "wait")).isEqualTo("failed");
        assertThat(runs.taskState("gated", "e1", "after")).isEqualTo("skipped");
        assertThat(AuditRows.of(api.engine(), "api.update_dag_run_state")).anySatisfy(row ->
                assertThat(row.get("run_id")).isEqualTo("e1"));
    }

    @Test
    void succeeding_a_failed_run_marks_every_task_success() {
        runs.trigger("fail_once", "e2");
        runs.awaitRun("fail_once", "e2", "failed");

        assertThat(patch("fail_once", "e2", "{\"state\": \"success\"}").json().get("state").asText()).isEqualTo("success");

        assertThat(runs.taskState("fail_once", "e2", "flaky")).isEqualTo("success");
        assertThat(runs.taskState("fail_once", "e2", "after")).isEqualTo("success");
        assertThat(runs.runState("fail_once", "e2")).isEqualTo("success");
    }

    @Test
    void a_finished_run_set_to_queued_is_started_and_finished_again_by_the_engine() {
        runs.trigger("greeter", "e3");
        runs.awaitRun("greeter", "e3", "success");

        assertThat(patch("greeter", "e3", "{\"state\": \"queued\"}").json().get("state").asText()).isEqualTo("queued");

        runs.awaitRun("greeter", "e3", "success");
        assertThat(runs.task("greeter", "e3", "echo").get("try_number").asInt()).as("queued alone reruns nothing").isEqualTo(1);
    }

    @Test
    void deleting_a_run_removes_it_and_its_task_instances() {
        runs.trigger("greeter", "e4");
        runs.awaitRun("greeter", "e4", "success");

        ApiClient.Response response = api.as(ApiFixture.OP).delete("/api/v1/dags/greeter/dagRuns/e4");

        assertThat(response.status()).isEqualTo(204);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/e4"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/e4/taskInstances"), 404);
        int instances = api.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM task_instance WHERE dag_id = 'greeter' AND run_id = 'e4'").mapTo(Integer.class).one());
        assertThat(instances).isZero();
        assertThat(AuditRows.of(api.engine(), "api.delete_dag_run")).anySatisfy(row -> assertThat(row.get("run_id")).isEqualTo("e4"));
        assertProblem(api.as(ApiFixture.OP).delete("/api/v1/dags/greeter/dagRuns/e4"), 404);
    }

    @Test
    void bad_state_changes_are_4xx() {
        runs.trigger("greeter", "e5");

        assertProblem(patch("greeter", "e5", "{\"state\": \"running\"}"), 400);
        assertProblem(patch("greeter", "e5", "{}"), 400);
        assertProblem(patch("greeter", "e5", "{\"state\": \"success\", \"conf\": {}}"), 400);
        assertProblem(patch("greeter", "no_such_run", "{\"state\": \"success\"}"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).patch("/api/v1/dags/greeter/dagRuns/e5", "{\"state\": \"failed\"}"), 403);
        assertProblem(api.as(ApiFixture.VIEWER).delete("/api/v1/dags/greeter/dagRuns/e5"), 403);
    }

    private static ApiClient.Response patch(String dagId, String runId, String body) {
        return api.as(ApiFixture.OP).patch("/api/v1/dags/" + dagId + "/dagRuns/" + runId, body);
    }
}
