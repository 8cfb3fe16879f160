package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TaskInstanceApiTest {

    private static final String RUNS = "/api/v1/dags/gated/dagRuns/";

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.gated());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void task_instances_show_airflow_fields_while_running_and_after() {
        trigger("ti_fields");
        await().atMost(Duration.ofSeconds(30)).until(() -> "running".equals(state("ti_fields", "wait")));

        JsonNode list = api.as(ApiFixture.VIEWER).get(RUNS + "ti_fields/taskInstances").json();
        assertThat(list.get("total_entries").asInt()).isEqualTo(2);
        JsonNode wait = list.get("task_instances").get(0);
        JsonNode after = list.get("task_instances").get(1);
        assertThat(wait.get("task_id").asText()).isEqualTo("wait");
        assertThat(wait.get("dag_id").asText()).isEqualTo("gated");
        assertThat(wait.get("dag_run_id").asText()).isEqualTo("ti_fields");
        assertThat(wait.get("try_number").asInt()).isEqualTo(1);
        assertThat(wait.get("max_tries").asInt()).isEqualTo(1);
        assertThat(wait.get("pool").asText()).isEqualTo("default_pool");
        assertThat(wait.get("priority_weight").isInt()).isTrue();
        assertThat(wait.get("hostname").asText()).isNotBlank();
        assertThat(Instant.parse(wait.get("start_date").asText())).isNotNull();
        assertThat(Instant.parse(wait.get("queued_when").asText())).isNotNull();
        assertThat(wait.get("end_date").isNull()).isTrue();
        assertThat(wait.get("duration").isNull()).isTrue();
        assertThat(wait.get("execution_date").asText()).isEqualTo(wait.get("logical_date").asText());
        assertThat(wait.get("operator").asText()).isEqualTo("lambda");
        assertThat(after.get("state").isNull()).as("a task not yet scheduled has state null, as in Airflow").isTrue();
        assertThat(after.get("try_number").asInt()).isZero();

        TestDags.open("ti_fields");
        await().atMost(Duration.ofSeconds(30)).until(() -> "success".equals(state("ti_fields", "after")));
        JsonNode done = api.as(ApiFixture.VIEWER).get(RUNS + "ti_fields/taskInstances/wait").json();
        assertThat(done.get("state").asText()).isEqualTo("success");
        assertThat(done.get("duration").isNumber()).isTrue();
        assertThat(done.get("duration").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(Instant.parse(done.get("end_date").asText())).isAfterOrEqualTo(Instant.parse(done.get("start_date").asText()));
    }

    @Test
    void unknown_task_run_or_dag_is_404() {
        trigger("ti_404");
        TestDags.open("ti_404");

        assertProblem(api.as(ApiFixture.VIEWER).get(RUNS + "ti_404/taskInstances/no_such_task"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get(RUNS + "no_such_run/taskInstances/wait"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get(RUNS + "no_such_run/taskInstances"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/no_such_dag/dagRuns/ti_404/taskInstances"), 404);
    }

    @Test
    void task_instances_need_authentication() {
        assertProblem(api.anonymous().get(RUNS + "anything/taskInstances"), 401);
    }

    private static void trigger(String runId) {
        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/gated/dagRuns", "{\"dag_run_id\": \"" + runId + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static String state(String runId, String taskId) {
        JsonNode state = api.as(ApiFixture.VIEWER).get(RUNS + runId + "/taskInstances/" + taskId).json().get("state");
        return state.isNull() ? null : state.asText();
    }
}
