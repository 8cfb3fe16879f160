package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.state.Dags;

class DagApiTest {

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.greeter(), TestDags.nightly(), TestDags.gated());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void list_dags_has_airflow_collection_shape_and_fields() {
        ApiClient.Response response = api.as(ApiFixture.VIEWER).get("/api/v1/dags");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("total_entries").asInt()).isEqualTo(3);
        assertThat(ids(body.get("dags"))).containsExactly("gated", "greeter", "nightly");
        JsonNode nightly = body.get("dags").get(2);
        assertThat(nightly.get("is_paused").isBoolean()).isTrue();
        assertThat(nightly.get("is_active").asBoolean()).isTrue();
        assertThat(nightly.get("description").asText()).isEqualTo("Nightly load");
        assertThat(nightly.get("owners").toString()).isEqualTo("[\"ops\"]");
        assertThat(nightly.get("tags").toString()).isEqualTo("[{\"name\":\"etl\"}]");
        assertThat(nightly.get("schedule_interval").toString()).isEqualTo("{\"__type\":\"CronExpression\",\"value\":\"0 2 * * *\"}");
        assertThat(nightly.get("timetable_description").asText()).isEqualTo("At 02:00");
        assertThat(nightly.get("next_dagrun").asText()).isEqualTo("2030-01-01T02:00:00Z");
        assertThat(nightly.get("next_dagrun_data_interval_end").asText()).isEqualTo("2030-01-02T02:00:00Z");
        assertThat(nightly.get("max_active_runs").asInt()).isEqualTo(16);
        assertThat(nightly.get("has_task_concurrency_limits").asBoolean()).isTrue();
        assertThat(nightly.get("has_import_errors").asBoolean()).isFalse();
        assertThat(nightly.get("fileloc").isTextual()).isTrue();
        assertThat(nightly.has("last_parsed_time")).isTrue();
    }

    @Test
    void manual_dag_has_null_schedule_interval() {
        JsonNode greeter = api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter").json();

        assertThat(greeter.get("schedule_interval").isNull()).isTrue();
        assertThat(greeter.get("timetable_description").asText()).isEqualTo("Never, external triggers only");
        assertThat(greeter.get("next_dagrun").isNull()).isTrue();
    }

    @Test
    void get_unknown_dag_is_404_problem() {
        JsonNode problem = assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/no_such_dag"), 404);

        assertThat(problem.get("detail").asText()).contains("no_such_dag");
    }

    @Test
    void patch_is_paused_persists_and_is_audited() {
        ApiClient.Response response = api.as(ApiFixture.OP).patch("/api/v1/dags/gated", "{\"is_paused\": true}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("is_paused").asBoolean()).isTrue();
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/dags/gated").json().get("is_paused").asBoolean()).isTrue();
        boolean stored = api.engine().orchestrator().database().transactions().withHandle(h -> new Dags().find(h, "gated").orElseThrow().paused());
        assertThat(stored).isTrue();
        List<Map<String, Object>> audit = AuditRows.of(api.engine(), "api.patch_dag");
        assertThat(audit).anySatisfy(row -> {
            assertThat(row.get("username")).isEqualTo(ApiFixture.OP);
            assertThat(row.get("dag_id")).isEqualTo("gated");
            assertThat((String) row.get("extra")).contains("\"is_paused\":true");
            assertThat((String) row.get("source_ip")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1", "[0:0:0:0:0:0:0:1]");
        });

        assertThat(api.as(ApiFixture.OP).patch("/api/v1/dags/gated", "{\"is_paused\": false}").json()
                .get("is_paused").asBoolean()).isFalse();
    }

    @Test
    void bulk_patch_pauses_every_dag_matching_the_pattern() {
        ApiClient.Response response = api.as(ApiFixture.OP).patch("/api/v1/dags?dag_id_pattern=ee", "{\"is_paused\": true}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response.json().get("dags"))).containsExactly("greeter");
        assertThat(response.json().at("/dags/0/is_paused").asBoolean()).isTrue();
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/dags/nightly").json().get("is_paused").asBoolean()).isFalse();

        JsonNode all = api.as(ApiFixture.OP).patch("/api/v1/dags?dag_id_pattern=~", "{\"is_paused\": false}").json();
        assertThat(all.get("total_entries").asInt()).isEqualTo(3);
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/dags?paused=true").json().get("total_entries").asInt()).isZero();
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/dags", "{\"is_paused\": true}"), 400);
    }

    @Test
    void bulk_patch_is_audited_once_with_the_user_and_every_matched_dag_id() {
        List<Map<String, Object>> before = AuditRows.of(api.engine(), "api.patch_dags");

        assertThat(api.as(ApiFixture.OP).patch("/api/v1/dags?dag_id_pattern=ght", "{\"is_paused\": true}").status()).isEqualTo(200);
        assertThat(api.as(ApiFixture.ADMIN).patch("/api/v1/dags?dag_id_pattern=ght", "{\"is_paused\": false}").status()).isEqualTo(200);

        List<Map<String, Object>> rows = AuditRows.of(api.engine(), "api.patch_dags");
        assertThat(rows).hasSize(before.size() + 2);
        Map<String, Object> paused = rows.get(before.size());
        assertThat(paused.get("username")).isEqualTo(ApiFixture.OP);
        assertThat((String) paused.get("extra")).contains("\"is_paused\":true").contains("\"dag_ids\":[\"nightly\"]");
        Map<String, Object> unpaused = rows.get(before.size() + 1);
        assertThat(unpaused.get("username")).isEqualTo(ApiFixture.ADMIN);
        assertThat((String) unpaused.get("extra")).contains("\"is_paused\":false").contains("\"dag_ids\":[\"nightly\"]");
        assertThat((String) unpaused.get("source_ip")).isNotBlank();
    }

    @Test
    void patch_unknown_dag_is_404() {
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/dags/no_such_dag", "{\"is_paused\": true}"), 404);
    }

    @Test
    void patch_with_wrong_type_is_400_naming_the_field() {
        JsonNode problem = assertProblem(api.as(ApiFixture.OP).patch("/api/v1/dags/greeter", "{\"is_paused\": \"yes\"}"), 400);

        assertThat(problem.get("detail").asText()).contains("is_paused").contains("boolean");
    }

    @Test
    void patch_with_malformed_json_is_400() {
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/dags/greeter", "{\"is_paused\": tru"), 400);
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/dags/greeter", ""), 400);
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/dags/greeter", "[true]"), 400);
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/dags/greeter", "{\"is_paused\": true} trailing"), 400);
    }

    @Test
    void patch_with_unknown_field_or_update_mask_is_400() {
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/dags/greeter", "{\"is_paused\": true, \"owners\": []}"), 400);
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/dags/greeter?update_mask=description", "{\"is_paused\": true}"), 400);
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/dags/greeter", "{}"), 400);
    }

    private static List<String> ids(JsonNode dags) {
        List<String> ids = new ArrayList<>();
        dags.forEach(d -> ids.add(d.get("dag_id").asText()));
        return ids;
    }
}
