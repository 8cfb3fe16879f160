package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VariableApiTest {

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
    void variables_are_set_read_changed_and_deleted_and_tasks_see_them() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        JsonNode created = admin.post("/api/v1/variables", "{\"key\": \"region\", \"value\": \"eu-west-1\", \"description\": \"where\"}").json();
        assertThat(created.get("value").asText()).isEqualTo("eu-west-1");
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/variables/region").json().get("description").asText()).isEqualTo("where");
        assertThat(api.engine().orchestrator().resources().variable("region")).contains("eu-west-1");

        admin.post("/api/v1/variables", "{\"key\": \"region\", \"value\": \"us-east-1\"}");
        assertThat(api.engine().orchestrator().resources().variable("region")).contains("us-east-1");
        JsonNode patched = admin.patch("/api/v1/variables/region?update_mask=description",
                "{\"value\": \"ignored\", \"description\": \"moved\"}").json();
        assertThat(patched.get("value").asText()).isEqualTo("us-east-1");
        assertThat(patched.get("description").asText()).isEqualTo("moved");

        assertThat(admin.delete("/api/v1/variables/region").status()).isEqualTo(204);
        assertProblem(admin.get("/api/v1/variables/region"), 404);
        assertThat(AuditRows.of(api.engine(), "api.post_variables")).anySatisfy(row ->
                assertThat((String) row.get("extra")).contains("region").doesNotContain("eu-west-1"));
        assertThat(AuditRows.of(api.engine(), "api.delete_variable")).isNotEmpty();
    }

    @Test
    void patching_a_variable_is_audited_by_key_never_by_value() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        admin.post("/api/v1/variables", "{\"key\": \"audited_var\", \"value\": \"first-Value-1\"}");

        assertThat(admin.patch("/api/v1/variables/audited_var", "{\"value\": \"second-Value-2\", \"description\": \"d\"}")
                .status()).isEqualTo(200);
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/variables/audited_var", "{\"value\": \"third-Value-3\"}"), 403);

        assertThat(api.engine().orchestrator().resources().variable("audited_var")).contains("second-Value-2");
        List<Map<String, Object>> rows = AuditRows.of(api.engine(), "api.patch_variable").stream()
                .filter(row -> AuditRows.extra(row).path("key").asText().equals("audited_var")).toList();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("username")).isEqualTo(ApiFixture.ADMIN);
            assertThat(AuditRows.extra(row).properties()).extracting(Map.Entry::getKey).containsExactly("key");
            assertThat((String) row.get("extra")).doesNotContain("Value");
        });
        admin.delete("/api/v1/variables/audited_var");
    }

    @Test
    void secret_looking_keys_are_write_only_and_lists_carry_no_values() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        admin.post("/api/v1/variables", "{\"key\": \"slack_api_token\", \"value\": \"xoxb-000111\"}");

        assertThat(admin.get("/api/v1/variables/slack_api_token").json().get("value").asText()).isEqualTo("***");
        JsonNode list = api.as(ApiFixture.VIEWER).get("/api/v1/variables").json();
        assertThat(list.get("total_entries").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(list.get("variables").get(0).has("value")).isFalse();
        assertThat(list.toString()).doesNotContain("xoxb-000111");
        assertThat(api.engine().orchestrator().resources().variable("slack_api_token")).contains("xoxb-000111");
    }

    @Test
    void only_admins_write_and_bad_requests_are_4xx() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        assertProblem(api.as(ApiFixture.OP).post("/api/v1/variables", "{\"key\": \"k\", \"value\": \"v\"}"), 403);
        assertProblem(api.as(ApiFixture.VIEWER).delete("/api/v1/variables/k"), 403);
        assertProblem(admin.post("/api/v1/variables", "{\"key\": \"k\"}"), 400);
        assertProblem(admin.post("/api/v1/variables", "{\"value\": \"v\"}"), 400);
        assertProblem(admin.post("/api/v1/variables", "{\"key\": \"\", \"value\": \"v\"}"), 400);
        assertProblem(admin.post("/api/v1/variables", "{\"key\": \"k\", \"value\": 5}"), 400);
        admin.post("/api/v1/variables", "{\"key\": \"k\", \"value\": \"v\"}");
        assertProblem(admin.patch("/api/v1/variables/k", "{\"key\": \"other\", \"value\": \"v\"}"), 400);
        assertProblem(admin.patch("/api/v1/variables/none_such", "{\"value\": \"v\"}"), 404);
        assertProblem(admin.delete("/api/v1/variables/none_such"), 404);
    }
}
