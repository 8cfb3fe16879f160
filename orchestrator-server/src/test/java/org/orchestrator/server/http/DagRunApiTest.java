package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.XComs;

class DagRunApiTest {

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.greeter());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void trigger_with_conf_and_run_id_reaches_the_task() {
        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns",
                "{\"dag_run_id\": \"api_conf_run\", \"conf\": {\"greeting\": \"bonjour\", \"n\": 3}, \"note\": \"from a test\"}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode run = response.json();
        assertThat(run.get("dag_run_id").asText()).isEqualTo("api_conf_run");
        assertThat(run.get("dag_id").asText()).isEqualTo("greeter");
        assertThat(run.get("run_type").asText()).isEqualTo("manual");
        assertThat(run.get("external_trigger").asBoolean()).isTrue();
        assertThat(run.get("conf").toString()).isEqualTo("{\"greeting\":\"bonjour\",\"n\":3}");
        assertThat(run.get("note").asText()).isEqualTo("from a test");
        assertThat(run.get("state").asText()).isIn("queued", "running", "success");
        assertThat(run.get("logical_date").asText()).isEqualTo(run.get("data_interval_start").asText()).endsWith("Z");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/api_conf_run").json().get("state").asText().equals("success"));
        assertThat(xcom("api_conf_run", "greeting")).isEqualTo("\"bonjour\"");
        assertThat(xcom("api_conf_run", "conf")).isEqualTo("{\"greeting\":\"bonjour\",\"n\":3}");
    }

    @Test
    void trigger_without_body_fields_uses_params_defaults_and_generates_a_run_id() {
        JsonNode run = api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", "{}").json();

        String runId = run.get("dag_run_id").asText();
        assertThat(runId).startsWith("manual__");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/" + runId).json().get("state").asText().equals("success"));
        assertThat(xcom(runId, "greeting")).isEqualTo("\"hello\"");
    }

    @Test
    void trigger_with_logical_date_in_another_offset_stores_it_in_utc() {
        JsonNode run = api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns",
                "{\"logical_date\": \"2026-03-01T10:00:00+02:00\"}").json();

        assertThat(run.get("logical_date").asText()).isEqualTo("2026-03-01T08:00:00Z");
        assertThat(run.get("dag_run_id").asText()).isEqualTo("manual__2026-03-01T08:00:00Z");
    }

    @Test
    void duplicate_run_id_is_409() {
        String body = "{\"dag_run_id\": \"twice\"}";
        assertThat(api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", body).status()).isEqualTo(200);

        JsonNode problem = assertProblem(api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", body), 409);

        assertThat(problem.get("detail").asText()).contains("twice");
    }

    @Test
    void duplicate_logical_date_is_409() {
        String body = "{\"logical_date\": \"2025-05-05T05:05:05Z\"}";
        assertThat(api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", body).status()).isEqualTo(200);

        assertProblem(api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns",
                "{\"dag_run_id\": \"other_id\", \"logical_date\": \"2025-05-05T05:05:05Z\"}"), 409);
    }

    /**
     * Four times more triggers at once than the database pool has connections (16): none may
     * starve the engine's run starter. (Kept under the listen backlog of 50 so the burst tests
     * the server, not the kernel's accept queue.)
     */
    @Test
    void a_burst_of_concurrent_triggers_all_succeed() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("op:op-password".getBytes());
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 48; i++) {
            answers.add(client.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + api.port() + "/api/v1/dags/greeter/dagRuns"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"dag_run_id\": \"burst_" + i + "\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()));
        }
        for (var answer : answers) {
            assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        int created = api.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM dag_run WHERE run_id LIKE 'burst!_%' ESCAPE '!'").mapTo(Integer.class).one());
        assertThat(created).isEqualTo(48);
    }

    @Test
    void trigger_unknown_dag_is_404() {
        assertProblem(api.as(ApiFixture.OP).post("/api/v1/dags/no_such_dag/dagRuns", "{}"), 404);
    }

    @Test
    void trigger_with_bad_fields_is_400_and_creates_nothing() {
        List<String> bodies = List.of("{\"conf\": [1, 2]}", "{\"conf\": \"text\"}", "{\"dag_run_id\": 7}",
                "{\"dag_run_id\": \"../../etc/passwd\"}", "{\"dag_run_id\": \"\"}", "{\"logical_date\": \"yesterday\"}",
                "{\"logical_date\": \"2026-01-01T00:00:00\"}", "{\"unknown\": 1}", "{\"note\": {}}",
                "{\"logical_date\": \"2026-01-01T00:00:00Z\", \"execution_date\": \"2026-01-02T00:00:00Z\"}");
        int before = runCount();
        for (String body : bodies) {
            assertProblem(api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", body), 400);
        }
        assertThat(runCount()).isEqualTo(before);
        assertThat(assertProblem(api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", "{\"dag_run_id\": \"a/b\"}"), 400)
                .get("detail").asText()).isEqualTo("'dag_run_id': a run id must be 1-250 letters, digits or _ . ~ : + -, got 'a/b'");
    }

    @Test
    void a_run_id_with_a_plus_is_reachable_by_its_path_as_airflow_run_ids_are() {
        String runId = "manual__2026-04-01T00:00:00+00:00";
        assertThat(api.as(ApiFixture.OP).post("/api/v1/dags/greeter/dagRuns", "{\"dag_run_id\": \"" + runId + "\"}").status())
                .isEqualTo(200);

        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/" + runId).json().get("dag_run_id").asText())
                .isEqualTo(runId);
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/manual__2026-04-01T00:00:00%2B00:00")
                .json().get("dag_run_id").asText()).isEqualTo(runId);
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/" + runId + "/taskInstances").status())
                .isEqualTo(200);
    }

    @Test
    void get_unknown_run_is_404() {
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/no_such_run"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/no_such_dag/dagRuns/no_such_run"), 404);
    }

    @Test
    void trigger_writes_an_audit_row_with_user_ids_and_conf() {
        api.as(ApiFixture.ADMIN).post("/api/v1/dags/greeter/dagRuns", "{\"dag_run_id\": \"audited\", \"conf\": {\"k\": \"v\"}}");

        List<Map<String, Object>> rows = AuditRows.of(api.engine(), "api.post_dag_run");
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("username")).isEqualTo(ApiFixture.ADMIN);
            assertThat(row.get("dag_id")).isEqualTo("greeter");
            assertThat(row.get("run_id")).isEqualTo("audited");
            assertThat((String) row.get("extra")).contains("\"k\":\"v\"");
            assertThat(row.get("source_ip")).isNotNull();
        });
    }

    private static String xcom(String runId, String key) {
        return api.engine().orchestrator().database().transactions().withHandle(h -> {
            DagRunRow run = new DagRuns().find(h, "greeter", runId).orElseThrow();
            return new XComs().pull(h, run.id(), "echo", key).orElseThrow();
        });
    }

    private static int runCount() {
        return api.engine().orchestrator().database().jdbi().withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM dag_run").mapTo(Integer.class).one());
    }
}
