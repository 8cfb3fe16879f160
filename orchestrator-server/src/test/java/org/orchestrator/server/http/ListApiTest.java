package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pagination, ordering and filters of the list endpoints, over runs that really ran. */
class ListApiTest {

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.greeter(), TestDags.failOnce(), TestDags.nightly());
        for (int day = 1; day <= 5; day++) {
            trigger("greeter", "{\"dag_run_id\": \"g" + day + "\", \"logical_date\": \"2026-01-0" + day + "T00:00:00Z\"}");
        }
        trigger("fail_once", "{\"dag_run_id\": \"f1\", \"logical_date\": \"2026-02-01T00:00:00Z\"}");
        trigger("fail_once", "{\"dag_run_id\": \"f2\", \"logical_date\": \"2026-02-02T00:00:00Z\"}");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.as(ApiFixture.VIEWER).get("/api/v1/dags/~/dagRuns?state=queued&state=running").json()
                        .get("total_entries").asInt() == 0);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void dag_runs_are_paged_and_ordered_with_total_entries() {
        JsonNode page = get("/api/v1/dags/greeter/dagRuns?limit=2&offset=1&order_by=-logical_date");

        assertThat(page.get("total_entries").asInt()).isEqualTo(5);
        assertThat(field(page.get("dag_runs"), "dag_run_id")).containsExactly("g4", "g3");
        assertThat(field(get("/api/v1/dags/greeter/dagRuns?order_by=logical_date&limit=1").get("dag_runs"), "dag_run_id"))
                .containsExactly("g1");
    }

    @Test
    void dag_runs_filter_by_state_and_dates_across_every_dag_with_tilde() {
        JsonNode failed = get("/api/v1/dags/~/dagRuns?state=failed");
        assertThat(field(failed.get("dag_runs"), "dag_run_id")).containsExactlyInAnyOrder("f1", "f2");

        JsonNode window = get("/api/v1/dags/~/dagRuns?execution_date_gte=2026-01-03T00:00:00Z&execution_date_lte=2026-02-01T00:00:00Z&order_by=logical_date");
        assertThat(field(window.get("dag_runs"), "dag_run_id")).containsExactly("g3", "g4", "g5", "f1");
        assertThat(window.get("total_entries").asInt()).isEqualTo(4);

        JsonNode succeeded = get("/api/v1/dags/~/dagRuns?state=success&end_date_gte=2000-01-01T00:00:00Z");
        assertThat(succeeded.get("total_entries").asInt()).isEqualTo(5);
    }

    @Test
    void dag_run_batch_form_filters_by_dag_ids_and_states() {
        JsonNode body = api.as(ApiFixture.VIEWER).post("/api/v1/dags/~/dagRuns/list",
                "{\"dag_ids\": [\"fail_once\", \"greeter\"], \"states\": [\"failed\"], \"order_by\": \"-dag_run_id\", \"page_limit\": 1}").json();

        assertThat(body.get("total_entries").asInt()).isEqualTo(2);
        assertThat(field(body.get("dag_runs"), "dag_run_id")).containsExactly("f2");
    }

    @Test
    void bad_list_filters_are_400_and_unknown_dag_is_404() {
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns?state=done"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns?updated_at_gte=2026-01-01T00:00:00Z"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns?start_date_gte=today"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns?order_by=conf"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/no_such_dag/dagRuns"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).post("/api/v1/dags/~/dagRuns/list", "{\"page_limit\": \"ten\"}"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).post("/api/v1/dags/~/dagRuns/list", "{\"dag_ids\": \"greeter\"}"), 400);
    }

    @Test
    void task_instances_filter_by_state_across_runs() {
        JsonNode upstreamFailed = get("/api/v1/dags/fail_once/dagRuns/~/taskInstances?state=upstream_failed");
        assertThat(upstreamFailed.get("total_entries").asInt()).isEqualTo(2);
        assertThat(field(upstreamFailed.get("task_instances"), "task_id")).containsOnly("after");

        JsonNode everywhere = get("/api/v1/dags/~/dagRuns/~/taskInstances?state=success&order_by=-logical_date&limit=2");
        assertThat(everywhere.get("total_entries").asInt()).isEqualTo(5);
        assertThat(field(everywhere.get("task_instances"), "dag_run_id")).containsExactly("g5", "g4");
    }

    @Test
    void task_instance_batch_form_filters_by_runs_tasks_and_duration() {
        JsonNode body = api.as(ApiFixture.VIEWER).post("/api/v1/dags/~/dagRuns/~/taskInstances/list",
                "{\"dag_ids\": [\"fail_once\"], \"dag_run_ids\": [\"f1\"], \"task_ids\": [\"flaky\"], \"duration_gte\": 0}").json();
        assertThat(body.get("total_entries").asInt()).isEqualTo(1);
        assertThat(body.at("/task_instances/0/state").asText()).isEqualTo("failed");

        JsonNode none = api.as(ApiFixture.VIEWER).post("/api/v1/dags/~/dagRuns/~/taskInstances/list",
                "{\"dag_ids\": [\"greeter\"], \"duration_gte\": 3600}").json();
        assertThat(none.get("total_entries").asInt()).isZero();
        assertProblem(api.as(ApiFixture.VIEWER).post("/api/v1/dags/~/dagRuns/~/taskInstances/list", "{\"state\": [\"sleepy\"]}"), 400);
    }

    @Test
    void dags_filter_by_pattern_tags_and_paused_and_page() {
        assertThat(field(get("/api/v1/dags?dag_id_pattern=GREET").get("dags"), "dag_id")).containsExactly("greeter");
        assertThat(field(get("/api/v1/dags?tags=etl&tags=demo").get("dags"), "dag_id")).containsExactly("greeter", "nightly");
        assertThat(field(get("/api/v1/dags?tags=etl,demo").get("dags"), "dag_id")).containsExactly("greeter", "nightly");
        assertThat(get("/api/v1/dags?dag_id_pattern=_").get("total_entries").asInt()).as("'_' is literal, not a wildcard")
                .isEqualTo(1);
        JsonNode page = get("/api/v1/dags?order_by=-dag_id&limit=1&offset=1");
        assertThat(page.get("total_entries").asInt()).isEqualTo(3);
        assertThat(field(page.get("dags"), "dag_id")).containsExactly("greeter");

        api.as(ApiFixture.OP).patch("/api/v1/dags/nightly", "{\"is_paused\": true}");
        assertThat(field(get("/api/v1/dags?paused=true").get("dags"), "dag_id")).containsExactly("nightly");
        assertThat(field(get("/api/v1/dags?paused=false").get("dags"), "dag_id")).containsExactly("fail_once", "greeter");
    }

    @Test
    void limit_above_the_maximum_is_lowered_not_refused() {
        assertThat(get("/api/v1/dags/~/dagRuns?limit=100000").get("dag_runs").size()).isEqualTo(7);
    }

    private static JsonNode get(String path) {
        ApiClient.Response response = api.as(ApiFixture.VIEWER).get(path);
        assertThat(response.status()).as(path + " -> " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static void trigger(String dagId, String body) {
        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/" + dagId + "/dagRuns", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static List<String> field(JsonNode items, String name) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.get(name).asText()));
        return values;
    }
}
