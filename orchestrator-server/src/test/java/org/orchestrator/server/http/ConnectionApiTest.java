package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Connection;

class ConnectionApiTest {

    private static final String PASSWORD = "pg-Secret-991";
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
    void admins_create_a_connection_from_airflow_fields_and_nobody_reads_its_password_back() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        JsonNode created = admin.post("/api/v1/connections", """
                {"connection_id": "warehouse", "conn_type": "postgres", "host": "db.internal", "port": 5432,
                 "schema": "analytics", "login": "etl", "password": "%s", "description": "the warehouse",
                 "extra": "{\\"sslmode\\": \\"require\\", \\"api_key\\": \\"k-999999\\"}"}""".formatted(PASSWORD)).json();

        assertThat(created.get("connection_id").asText()).isEqualTo("warehouse");
        assertThat(created.get("url").asText()).isEqualTo("jdbc:postgresql://db.internal:5432/analytics");
        assertThat(created.get("host").asText()).isEqualTo("db.internal");
        assertThat(created.get("port").asInt()).isEqualTo(5432);
        assertThat(created.get("schema").asText()).isEqualTo("analytics");
        assertThat(created.has("password")).isFalse();
        JsonNode asViewer = api.as(ApiFixture.VIEWER).get("/api/v1/connections/warehouse").json();
        assertThat(asViewer.get("extra").asText()).contains("\"sslmode\":\"require\"").contains("\"api_key\":\"***\"");
        String everything = api.as(ApiFixture.VIEWER).get("/api/v1/connections").body()
                + asViewer + admin.get("/api/v1/connections/warehouse").body() + admin.get("/api/v1/eventLogs").body();
        assertThat(everything).doesNotContain(PASSWORD).doesNotContain("k-999999");

        Connection resolved = api.engine().orchestrator().resources().connection("warehouse");
        assertThat(resolved.password()).isEqualTo(PASSWORD);
        assertThat(resolved.extra()).containsEntry("api_key", "k-999999");
        assertThat(AuditRows.of(api.engine(), "api.post_connection")).anySatisfy(row -> {
            assertThat(row.get("username")).isEqualTo(ApiFixture.ADMIN);
            assertThat((String) row.get("extra")).contains("warehouse").doesNotContain(PASSWORD);
        });
    }

    @Test
    void patch_changes_only_the_fields_sent_or_masked_and_keeps_the_password() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        admin.post("/api/v1/connections", """
                {"connection_id": "hook", "conn_type": "http", "url": "https://hooks.example.com/a", "password": "keep-me-1"}""");

        JsonNode moved = admin.patch("/api/v1/connections/hook", "{\"host\": \"other.example.com\", \"port\": 8443}").json();
        JsonNode masked = admin.patch("/api/v1/connections/hook?update_mask=description",
                "{\"description\": \"alerts\", \"login\": \"ignored\"}").json();
        JsonNode renamed = admin.patch("/api/v1/connections/hook", "{\"connection_id\": \"alerts_hook\"}").json();

        assertThat(moved.get("url").asText()).isEqualTo("http://other.example.com:8443/a");
        assertThat(masked.get("description").asText()).isEqualTo("alerts");
        assertThat(masked.get("login").asText()).isEmpty();
        assertThat(renamed.get("connection_id").asText()).isEqualTo("alerts_hook");
        assertThat(api.engine().orchestrator().resources().connection("alerts_hook").password()).isEqualTo("keep-me-1");
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/connections/hook"), 404);
        assertThat(admin.delete("/api/v1/connections/alerts_hook").status()).isEqualTo(204);
        assertProblem(admin.get("/api/v1/connections/alerts_hook"), 404);
        assertThat(AuditRows.of(api.engine(), "api.delete_connection")).isNotEmpty();
    }

    @Test
    void patching_a_connection_is_audited_by_id_and_a_rename_s_old_id_never_its_secrets() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        admin.post("/api/v1/connections", """
                {"connection_id": "audited_api", "conn_type": "http", "url": "https://api.example.com", "password": "old-Secret-55"}""");

        assertThat(admin.patch("/api/v1/connections/audited_api", """
                {"login": "svc", "password": "new-Secret-66", "extra": "{\\"token\\": \\"t-Secret-77\\"}"}""").status()).isEqualTo(200);
        assertThat(admin.patch("/api/v1/connections/audited_api", "{\"connection_id\": \"audited_api2\"}").status()).isEqualTo(200);
        assertProblem(api.as(ApiFixture.OP).patch("/api/v1/connections/audited_api2", "{\"login\": \"x\"}"), 403);

        List<Map<String, Object>> rows = AuditRows.of(api.engine(), "api.patch_connection").stream()
                .filter(row -> AuditRows.extra(row).path("connection_id").asText().startsWith("audited_api")).toList();
        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("username")).isEqualTo(ApiFixture.ADMIN);
            assertThat(AuditRows.extra(row).path("conn_type").asText()).isEqualTo("http");
            assertThat((String) row.get("extra")).doesNotContain("Secret").doesNotContain("svc");
        });
        assertThat(AuditRows.extra(rows.get(0)).path("connection_id").asText()).isEqualTo("audited_api");
        assertThat(AuditRows.extra(rows.get(0)).has("renamed_from")).isFalse();
        assertThat(AuditRows.extra(rows.get(1)).path("connection_id").asText()).isEqualTo("audited_api2");
        assertThat(AuditRows.extra(rows.get(1)).path("renamed_from").asText()).isEqualTo("audited_api");
        admin.delete("/api/v1/connections/audited_api2");
    }

    @Test
    void lists_are_paged_and_carry_no_secrets() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        for (String id : List.of("page_a", "page_b", "page_c")) {
            admin.post("/api/v1/connections", "{\"connection_id\": \"" + id + "\", \"conn_type\": \"smtp\", \"host\": \"mail\", "
                    + "\"password\": \"list-secret-" + id + "\"}");
        }
        JsonNode page = api.as(ApiFixture.VIEWER).get("/api/v1/connections?limit=2&offset=0").json();

        assertThat(page.get("connections")).hasSize(2);
        assertThat(page.get("total_entries").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(page.toString()).doesNotContain("list-secret");
        assertThat(page.get("connections").get(0).has("extra")).isFalse();
    }

    @Test
    void a_password_inside_a_jdbc_url_is_refused_saying_how_and_one_stored_earlier_is_never_shown() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        for (String url : List.of("jdbc:postgresql://db/x?user=etl&password=jdbc-Secret-1", "jdbc:h2:/data/x;PASSWORD=jdbc-Secret-1",
                "jdbc:mysql://etl:jdbc-Secret-1@db/x")) {
            ApiClient.Response refused = admin.post("/api/v1/connections",
                    "{\"connection_id\": \"jdbc_pw\", \"conn_type\": \"jdbc\", \"url\": \"" + url + "\"}");
            assertProblem(refused, 400);
            assertThat(refused.body()).as(url).contains("holds a password").contains("give it as the password")
                    .doesNotContain("jdbc-Secret-1");
        }
        admin.post("/api/v1/connections", "{\"connection_id\": \"older\", \"conn_type\": \"jdbc\", \"url\": \"jdbc:postgresql://db/x\"}");
        // As a row stored before URLs were checked for passwords.
        api.engine().orchestrator().database().jdbi().useHandle(h -> h.execute("UPDATE connection SET url = ? WHERE conn_id = ?",
                "jdbc:postgresql://db/x?user=etl&password=older-Secret-2", "older"));

        String shown = api.as(ApiFixture.VIEWER).get("/api/v1/connections/older").body()
                + api.as(ApiFixture.VIEWER).get("/api/v1/connections?limit=100").body();

        assertThat(shown).contains("jdbc:postgresql://db/x?user=etl&password=***").doesNotContain("older-Secret-2");
        assertThat(admin.get("/api/v1/eventLogs").body()).doesNotContain("jdbc-Secret-1");
    }

    @Test
    void only_admins_write_connections() {
        String body = "{\"connection_id\": \"x\", \"conn_type\": \"http\"}";
        assertProblem(api.as(ApiFixture.OP).post("/api/v1/connections", body), 403);
        assertProblem(api.as(ApiFixture.VIEWER).patch("/api/v1/connections/x", "{}"), 403);
        assertProblem(api.as(ApiFixture.OP).delete("/api/v1/connections/x"), 403);
        assertProblem(api.anonymous().get("/api/v1/connections"), 401);
    }

    @Test
    void bad_connection_requests_are_4xx_problems() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        admin.post("/api/v1/connections", "{\"connection_id\": \"twice\", \"conn_type\": \"http\", \"host\": \"h\"}");

        assertProblem(admin.post("/api/v1/connections", "{\"connection_id\": \"twice\", \"conn_type\": \"http\"}"), 409);
        assertProblem(admin.post("/api/v1/connections", "{\"conn_type\": \"http\"}"), 400);
        assertProblem(admin.post("/api/v1/connections", "{\"connection_id\": \"no_type\"}"), 400);
        assertProblem(admin.post("/api/v1/connections", "{\"connection_id\": \"../etc\", \"conn_type\": \"http\"}"), 400);
        assertProblem(admin.post("/api/v1/connections", "{\"connection_id\": \"p\", \"conn_type\": \"http\", \"port\": 70000}"), 400);
        assertProblem(admin.post("/api/v1/connections", "{\"connection_id\": \"p\", \"conn_type\": \"http\", \"port\": \"80\"}"), 400);
        assertProblem(admin.post("/api/v1/connections", "{\"connection_id\": \"e\", \"conn_type\": \"http\", \"extra\": \"[1]\"}"), 400);
        assertProblem(admin.post("/api/v1/connections", "{\"connection_id\": \"e\", \"conn_type\": \"http\", \"extra\": \"{bad\"}"), 400);
        assertProblem(admin.post("/api/v1/connections", "{\"connection_id\": \"u\", \"conn_type\": \"http\", \"bogus\": 1}"), 400);
        assertProblem(admin.post("/api/v1/connections",
                "{\"connection_id\": \"c\", \"conn_type\": \"http\", \"url\": \"https://u:pw@host/\"}"), 400);
        assertProblem(admin.patch("/api/v1/connections/none_such", "{\"login\": \"x\"}"), 404);
        assertProblem(admin.delete("/api/v1/connections/none_such"), 404);
    }
}
