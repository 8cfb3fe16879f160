package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.http.auth.TokenAdmin;
import org.orchestrator.server.http.auth.UserAdmin;

class TokenApiTest {

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
    void a_token_acts_as_its_user_and_only_its_hash_is_stored() {
        JsonNode created = api.as(ApiFixture.OP).post("/api/v1/tokens", "{\"name\": \"ci\"}").json();
        String token = created.get("token").asText();
        ApiClient bearer = bearer(token);

        assertThat(token).startsWith("orc_");
        assertThat(bearer.get("/api/v1/dags").status()).isEqualTo(200);
        assertThat(bearer.post("/api/v1/dags/greeter/dagRuns", "{\"dag_run_id\": \"by_token\"}").status()).isEqualTo(200);
        assertThat(AuditRows.of(api.engine(), "api.post_dag_run")).anySatisfy(row -> {
            assertThat(row.get("run_id")).isEqualTo("by_token");
            assertThat(row.get("username")).isEqualTo(ApiFixture.OP);
        });
        Map<String, Object> row = api.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT prefix, token_hash FROM api_token WHERE id = :id").bind("id", created.get("token_id").asLong()).mapToMap().one());
        assertThat(token).doesNotContain((String) row.get("token_hash")).contains((String) row.get("prefix"));
        assertThat((String) row.get("token_hash")).hasSize(64).isNotEqualTo(token);
        assertThat(AuditRows.of(api.engine(), "api.post_token")).allSatisfy(r -> assertThat((String) r.get("extra")).doesNotContain(token));
    }

    @Test
    void a_revoked_token_is_refused_with_401() {
        JsonNode created = api.as(ApiFixture.OP).post("/api/v1/tokens", "{\"name\": \"short-lived\"}").json();
        ApiClient bearer = bearer(created.get("token").asText());
        assertThat(bearer.get("/api/v1/dags").status()).isEqualTo(200);

        assertThat(api.as(ApiFixture.OP).delete("/api/v1/tokens/" + created.get("token_id").asLong()).status()).isEqualTo(204);

        assertProblem(bearer.get("/api/v1/dags"), 401);
    }

    @Test
    void revoking_a_token_is_audited_with_the_revoker_the_owner_and_the_id_never_the_token() {
        JsonNode created = api.as(ApiFixture.ADMIN).post("/api/v1/tokens", "{\"username\": \"viewer\", \"name\": \"revoked-by-admin\"}").json();
        long id = created.get("token_id").asLong();
        String token = created.get("token").asText();

        assertThat(api.as(ApiFixture.ADMIN).delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        assertProblem(api.as(ApiFixture.ADMIN).delete("/api/v1/tokens/999998"), 404);

        List<Map<String, Object>> rows = AuditRows.of(api.engine(), "api.delete_token").stream()
                .filter(row -> AuditRows.extra(row).path("token_id").asLong() == id).toList();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("username")).isEqualTo(ApiFixture.ADMIN);
            assertThat(AuditRows.extra(row).path("username").asText()).isEqualTo(ApiFixture.VIEWER);
            assertThat(AuditRows.extra(row).properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("token_id", "username");
            assertThat((String) row.get("extra")).doesNotContain(token);
        });
        assertThat(AuditRows.of(api.engine(), "api.delete_token")).as("a refused revoke is not audited")
                .noneSatisfy(row -> assertThat(AuditRows.extra(row).path("token_id").asLong()).isEqualTo(999998));
    }

    @Test
    void a_token_has_its_user_role() {
        String token = api.as(ApiFixture.VIEWER).post("/api/v1/tokens", "{}").json().get("token").asText();

        assertThat(bearer(token).get("/api/v1/dags").status()).isEqualTo(200);
        assertProblem(bearer(token).post("/api/v1/dags/greeter/dagRuns", "{}"), 403);
    }

    @Test
    void unknown_or_malformed_tokens_are_401() {
        String forged = "orc_0123456789ab_" + "A".repeat(43);
        for (String token : new String[] {"nope", "", forged, "orc_zz_short"}) {
            assertProblem(bearer(token).get("/api/v1/dags"), 401);
        }
    }

    @Test
    void tokens_of_a_deleted_user_stop_working() {
        UserAdmin users = new UserAdmin(api.engine().orchestrator().database().transactions(), Clock.systemUTC());
        users.create("leaver", "leaver-password", "op");
        String token = new TokenAdmin(api.engine().orchestrator().database().transactions(), Clock.systemUTC()).create("leaver", "laptop").token();
        assertThat(bearer(token).get("/api/v1/dags").status()).isEqualTo(200);

        users.delete("leaver");

        assertProblem(bearer(token).get("/api/v1/dags"), 401);
    }

    @Test
    void users_see_and_revoke_only_their_own_tokens_admins_everyone() {
        long viewers = api.as(ApiFixture.VIEWER).post("/api/v1/tokens", "{\"name\": \"mine\"}").json().get("token_id").asLong();

        JsonNode opList = api.as(ApiFixture.OP).get("/api/v1/tokens").json();
        opList.get("tokens").forEach(t -> assertThat(t.get("username").asText()).isEqualTo(ApiFixture.OP));
        opList.get("tokens").forEach(t -> assertThat(t.has("token")).isFalse());
        assertProblem(api.as(ApiFixture.OP).delete("/api/v1/tokens/" + viewers), 404);
        assertProblem(api.as(ApiFixture.OP).post("/api/v1/tokens", "{\"username\": \"viewer\"}"), 403);
        assertThat(api.as(ApiFixture.ADMIN).get("/api/v1/tokens").json().get("tokens").toString()).contains("\"mine\"");
        assertThat(api.as(ApiFixture.ADMIN).post("/api/v1/tokens", "{\"username\": \"viewer\"}").status()).isEqualTo(200);
        assertProblem(api.as(ApiFixture.ADMIN).post("/api/v1/tokens", "{\"username\": \"nobody\"}"), 400);
        assertThat(api.as(ApiFixture.ADMIN).delete("/api/v1/tokens/" + viewers).status()).isEqualTo(204);
        assertProblem(api.as(ApiFixture.ADMIN).delete("/api/v1/tokens/999999"), 404);
    }

    @Test
    void token_admin_refuses_unknown_users() {
        assertThatThrownBy(() -> new TokenAdmin(api.engine().orchestrator().database().transactions(), Clock.systemUTC()).create("ghost", null))
                .hasMessageContaining("no user 'ghost'");
    }

    private static ApiClient bearer(String token) {
        return new ApiClient(api.port(), "Bearer " + token);
    }
}
