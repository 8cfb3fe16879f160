package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DagDetailApiTest {

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.greeter(), TestDags.nightly());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void details_have_the_dag_fields_and_the_definition_settings() {
        JsonNode details = get("/api/v1/dags/nightly/details");

        assertThat(details.get("dag_id").asText()).isEqualTo("nightly");
        assertThat(details.get("is_paused").isBoolean()).isTrue();
        assertThat(details.get("schedule_interval").get("value").asText()).isEqualTo("0 2 * * *");
        assertThat(details.get("timezone").asText()).isEqualTo("UTC");
        assertThat(details.get("catchup").asBoolean()).isFalse();
        assertThat(details.get("start_date").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(details.get("end_date").isNull()).isTrue();
        assertThat(details.get("concurrency").asInt()).isEqualTo(16);
        assertThat(details.get("params").size()).isZero();
        assertThat(get("/api/v1/dags/greeter/details").get("params").toString())
                .isEqualTo("{\"greeting\":{\"value\":\"hello\",\"description\":null,\"schema\":{}}}");
    }

    @Test
    void tasks_list_the_definition_with_airflow_fields() {
        JsonNode body = get("/api/v1/dags/nightly/tasks");

        assertThat(body.get("tasks").size()).isEqualTo(2);
        JsonNode extract = body.get("tasks").get(0);
        assertThat(extract.get("task_id").asText()).isEqualTo("extract");
        assertThat(extract.get("downstream_task_ids").toString()).isEqualTo("[\"load\"]");
        assertThat(extract.get("trigger_rule").asText()).isEqualTo("all_success");
        assertThat(extract.get("retries").asInt()).isEqualTo(2);
        assertThat(extract.get("retry_delay").toString())
                .isEqualTo("{\"__type\":\"TimeDelta\",\"days\":0,\"seconds\":300,\"microseconds\":0}");
        assertThat(extract.get("owner").asText()).isEqualTo("ops");
        assertThat(extract.at("/class_ref/class_name").asText()).isEqualTo("lambda");
        JsonNode load = get("/api/v1/dags/nightly/tasks/load");
        assertThat(load.get("pool").asText()).isEqualTo("db_pool");
        assertThat(load.get("upstream_task_ids").toString()).isEqualTo("[\"extract\"]");
        assertThat(field(get("/api/v1/dags/nightly/tasks?order_by=-task_id").get("tasks"))).isEqualTo("load,extract");
    }

    @Test
    void unknown_dag_or_task_is_404_and_bad_order_is_400() {
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/no_such_dag/details"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/no_such_dag/tasks"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/nightly/tasks/no_such_task"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/nightly/tasks?order_by=secret"), 400);
    }

    @Test
    void version_is_the_build_version() {
        JsonNode version = get("/api/v1/version");

        assertThat(version.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(version.has("git_version")).isTrue();
    }

    private static JsonNode get(String path) {
        ApiClient.Response response = api.as(ApiFixture.VIEWER).get(path);
        assertThat(response.status()).as(path + " -> " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static String field(JsonNode tasks) {
        StringBuilder ids = new StringBuilder();
        tasks.forEach(t -> ids.append(ids.isEmpty() ? "" : ",").append(t.get("task_id").asText()));
        return ids.toString();
    }
}
