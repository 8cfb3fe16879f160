package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoolApiTest {

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
    void default_pool_shows_the_slots_its_running_tasks_take() {
        RunWaits runs = new RunWaits(api);
        runs.trigger("gated", "p1");
        runs.awaitTask("gated", "p1", "wait", "running");

        JsonNode pool = api.as(ApiFixture.VIEWER).get("/api/v1/pools/default_pool").json();
        TestDags.open("p1");

        assertThat(pool.get("slots").asInt()).isEqualTo(128);
        assertThat(pool.get("running_slots").asInt()).isEqualTo(1);
        assertThat(pool.get("occupied_slots").asInt()).isEqualTo(1);
        assertThat(pool.get("open_slots").asInt()).isEqualTo(127);
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/pools").json().get("total_entries").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void admins_create_change_and_delete_pools() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        JsonNode created = admin.post("/api/v1/pools", "{\"name\": \"db\", \"slots\": 3, \"description\": \"database\"}").json();
        assertThat(created.get("slots").asInt()).isEqualTo(3);
        assertThat(created.get("open_slots").asInt()).isEqualTo(3);

        assertThat(admin.patch("/api/v1/pools/db", "{\"slots\": 5}").json().get("slots").asInt()).isEqualTo(5);
        JsonNode masked = admin.patch("/api/v1/pools/db?update_mask=description", "{\"slots\": 9, \"description\": \"db2\"}").json();
        assertThat(masked.get("slots").asInt()).isEqualTo(5);
        assertThat(masked.get("description").asText()).isEqualTo("db2");
        assertThat(admin.patch("/api/v1/pools/db", "{\"name\": \"warehouse\"}").json().get("name").asText()).isEqualTo("warehouse");

        assertThat(admin.delete("/api/v1/pools/warehouse").status()).isEqualTo(204);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/pools/warehouse"), 404);
        assertThat(AuditRows.of(api.engine(), "api.post_pool")).anySatisfy(row -> {
            assertThat(row.get("username")).isEqualTo(ApiFixture.ADMIN);
            assertThat((String) row.get("extra")).contains("\"name\":\"db\"");
        });
        assertThat(AuditRows.of(api.engine(), "api.delete_pool")).anySatisfy(row ->
                assertThat((String) row.get("extra")).contains("warehouse"));
    }

    @Test
    void pool_changes_are_audited_with_the_admin_the_pool_and_a_rename_s_old_name() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        admin.post("/api/v1/pools", "{\"name\": \"audited\", \"slots\": 2}");

        assertThat(admin.patch("/api/v1/pools/audited", "{\"slots\": 7}").status()).isEqualTo(200);
        assertThat(admin.patch("/api/v1/pools/audited", "{\"name\": \"audited_renamed\"}").status()).isEqualTo(200);
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/pools/audited_renamed", "{\"slots\": 1}"), 403);

        List<Map<String, Object>> rows = AuditRows.of(api.engine(), "api.patch_pool").stream()
                .filter(row -> ((String) row.get("extra")).contains("audited")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(row -> assertThat(row.get("username")).isEqualTo(ApiFixture.ADMIN));
        assertThat((String) rows.get(0).get("extra")).contains("\"name\":\"audited\"").contains("\"slots\":7")
                .doesNotContain("renamed_from");
        assertThat((String) rows.get(1).get("extra")).contains("\"name\":\"audited_renamed\"")
                .contains("\"renamed_from\":\"audited\"").contains("\"slots\":7");
        admin.delete("/api/v1/pools/audited_renamed");
    }

    @Test
    void only_admins_write_pools() {
        assertProblem(api.as(ApiFixture.OP).post("/api/v1/pools", "{\"name\": \"x\", \"slots\": 1}"), 403);
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/pools/default_pool", "{\"slots\": 1}"), 403);
        assertProblem(api.as(ApiFixture.OP).delete("/api/v1/pools/default_pool"), 403);
    }

    @Test
    void bad_pool_requests_are_4xx() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        admin.post("/api/v1/pools", "{\"name\": \"twice\", \"slots\": 1}");

        assertProblem(admin.post("/api/v1/pools", "{\"name\": \"twice\", \"slots\": 1}"), 409);
        assertProblem(admin.post("/api/v1/pools", "{\"slots\": 1}"), 400);
        assertProblem(admin.post("/api/v1/pools", "{\"name\": \"neg\", \"slots\": -1}"), 400);
        assertProblem(admin.post("/api/v1/pools", "{\"name\": \"\", \"slots\": 1}"), 400);
        assertProblem(admin.post("/api/v1/pools", "{\"name\": \"n\", \"slots\": \"many\"}"), 400);
        assertProblem(admin.delete("/api/v1/pools/default_pool"), 400);
        assertProblem(admin.patch("/api/v1/pools/default_pool", "{\"name\": \"renamed\"}"), 400);
        assertProblem(admin.patch("/api/v1/pools/twice", "{\"name\": \"default_pool\"}"), 409);
        assertProblem(admin.delete("/api/v1/pools/none_such"), 404);
    }
}
