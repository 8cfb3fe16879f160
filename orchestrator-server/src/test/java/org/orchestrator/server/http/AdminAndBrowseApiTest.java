package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.Dag;

/**
 * The endpoints behind the dashboard's browse and admin pages: users and roles (audited, bad
 * input a 400), testing a JDBC or HTTP connection (stored or as sent), XComs across DAGs and
 * runs, and the runs that missed their SLA.
 */
class AdminAndBrowseApiTest {

    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        Dag pusher = Dag.builder("pusher").task("count", ctx -> ctx.xcomPush("rows", 42))
                .task("name", ctx -> ctx.xcomPush("table", "orders")).build();
        Dag late = Dag.builder("late").sla(Duration.ofSeconds(1)).task("hang", ctx -> {
            if (!RELEASE.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        }).build();
        api = ApiFixture.start(pusher, late);
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        api.close();
    }

    @Test
    void admins_create_re_role_and_delete_users_each_audited_and_bad_input_is_a_400() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        JsonNode created = admin.post("/api/v1/users", "{\"username\": \"bob\", \"password\": \"bob-password-1\", \"role\": \"op\"}").json();
        assertThat(created.get("roles").get(0).get("name").asText()).isEqualTo("op");
        assertThat(api.withPassword("bob", "bob-password-1").get("/api/v1/dags").status()).isEqualTo(200);
        String users = admin.get("/api/v1/users").body();
        assertThat(users).contains("\"bob\"").doesNotContain("password");
        assertThat(AuditRows.of(api.engine(), "api.post_user")).anySatisfy(row ->
                assertThat((String) row.get("extra")).contains("bob").doesNotContain("bob-password-1"));

        assertProblem(admin.post("/api/v1/users", "{\"username\": \"carol\", \"password\": \"x-password\", \"role\": \"king\"}"), 400);
        assertProblem(admin.post("/api/v1/users", "{\"username\": \"carol\", \"role\": \"op\"}"), 400);
        assertProblem(admin.post("/api/v1/users", "{\"username\": \"bob\", \"password\": \"again-pass\", \"role\": \"op\"}"), 400);
        assertProblem(admin.delete("/api/v1/users/" + ApiFixture.ADMIN), 400);
        assertProblem(api.as(ApiFixture.OP).get("/api/v1/users"), 403);
        assertProblem(api.as(ApiFixture.OP).post("/api/v1/users", "{\"username\": \"eve\", \"password\": \"eve-password\", \"role\": \"admin\"}"), 403);

        assertThat(admin.patch("/api/v1/users/bob", "{\"role\": \"viewer\"}").json().get("roles").get(0).get("name").asText())
                .isEqualTo("viewer");
        assertProblem(api.withPassword("bob", "bob-password-1").post("/api/v1/dags/pusher/dagRuns", "{}"), 403);
        assertThat(AuditRows.of(api.engine(), "api.patch_user")).anySatisfy(row ->
                assertThat((String) row.get("extra")).contains("bob").contains("viewer"));
        assertProblem(admin.patch("/api/v1/users/bob", "{\"role\": \"king\"}"), 400);
        assertProblem(admin.patch("/api/v1/users/bob", "{\"role\": \"op\", \"password\": \"new-one\"}"), 400);
        assertProblem(admin.patch("/api/v1/users/nobody", "{\"role\": \"op\"}"), 404);
        assertProblem(admin.patch("/api/v1/users/" + ApiFixture.ADMIN, "{\"role\": \"op\"}"), 400);
        assertThat(admin.delete("/api/v1/users/bob").status()).isEqualTo(204);
        assertProblem(admin.delete("/api/v1/users/bob"), 404);
        assertThat(AuditRows.of(api.engine(), "api.delete_user")).isNotEmpty();
        assertThat(admin.get("/api/v1/roles").json().get("roles")).extracting(r -> r.get("name").asText())
                .containsExactly("viewer", "op", "admin");
    }

    @Test
    void testing_an_http_connection_gets_the_url_and_reports_the_status() {
        ApiClient admin = api.as(ApiFixture.ADMIN);
        JsonNode ok = admin.post("/api/v1/connections/test", """
                {"connection_id": "self", "conn_type": "http", "host": "127.0.0.1", "port": %d, "schema": "health"}"""
                .formatted(api.port())).json();
        assertThat(ok.get("status").asBoolean()).isTrue();
        assertThat(ok.get("message").asText()).contains("HTTP 200");

        JsonNode missing = admin.post("/api/v1/connections/test", """
                {"conn_type": "http", "url": "http://127.0.0.1:%d/no-such-page"}""".formatted(api.port())).json();
        assertThat(missing.get("status").asBoolean()).isFalse();
        assertThat(missing.get("message").asText()).contains("HTTP 404");

        JsonNode other = admin.post("/api/v1/connections/test", "{\"conn_type\": \"s3\", \"url\": \"s3://bucket/key\"}").json();
        assertThat(other.get("status").asBoolean()).isFalse();
        assertThat(other.get("message").asText()).contains("only JDBC and HTTP(S)");
        assertProblem(admin.post("/api/v1/connections/test", "{\"conn_type\": \"http\"}"), 400);
        assertProblem(api.as(ApiFixture.OP).post("/api/v1/connections/test", "{\"conn_type\": \"http\", \"url\": \"http://x/\"}"), 403);
    }

    @Test
    void testing_a_stored_jdbc_connection_uses_its_stored_password_and_never_creates_or_initialises_a_database(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("probe").toAbsolutePath();
        DriverManager.getConnection(url, "etl", "right-password").close();
        ApiClient admin = api.as(ApiFixture.ADMIN);
        admin.post("/api/v1/connections", """
                {"connection_id": "probe_db", "conn_type": "jdbc", "url": "%s", "login": "etl", "password": "right-password"}"""
                .formatted(url));

        JsonNode stored = admin.post("/api/v1/connections/test", "{\"connection_id\": \"probe_db\", \"password\": \"\"}").json();
        assertThat(stored.get("status").asBoolean()).as(stored.toString()).isTrue();
        assertThat(stored.get("message").asText()).contains("H2");
        JsonNode wrong = admin.post("/api/v1/connections/test", "{\"connection_id\": \"probe_db\", \"password\": \"wrong\"}").json();
        assertThat(wrong.get("status").asBoolean()).isFalse();
        assertThat(wrong.toString()).doesNotContain("right-password");
        JsonNode init = admin.post("/api/v1/connections/test", """
                {"conn_type": "jdbc", "url": "%s;INIT=CREATE TABLE injected(x INT)"}""".formatted(url)).json();
        assertThat(init.get("status").asBoolean()).isFalse();
        assertThat(init.get("message").asText()).contains("INIT is not tested");
        JsonNode absent = admin.post("/api/v1/connections/test", """
                {"conn_type": "jdbc", "url": "jdbc:h2:file:%s"}""".formatted(dir.resolve("absent").toAbsolutePath())).json();
        assertThat(absent.get("status").asBoolean()).isFalse();
        assertThat(Files.exists(dir.resolve("absent.mv.db"))).as("a test never creates a database").isFalse();
    }

    @Test
    void xcoms_list_across_dags_and_runs_with_filters() {
        RunWaits runs = new RunWaits(api);
        runs.trigger("pusher", "first");
        runs.awaitRun("pusher", "first", "success");
        runs.trigger("pusher", "second");
        runs.awaitRun("pusher", "second", "success");
        ApiClient viewer = api.as(ApiFixture.VIEWER);

        JsonNode all = viewer.get("/api/v1/dags/~/dagRuns/~/taskInstances/~/xcomEntries").json();
        assertThat(all.get("total_entries").asInt()).isEqualTo(4);
        assertThat(all.get("xcom_entries").get(0).get("dag_run_id").asText()).as("newest run first").isEqualTo("second");
        JsonNode rows = viewer.get("/api/v1/dags/pusher/dagRuns/~/taskInstances/count/xcomEntries?xcom_key=rows&limit=1&offset=1").json();
        assertThat(rows.get("total_entries").asInt()).isEqualTo(2);
        assertThat(rows.get("xcom_entries")).singleElement().satisfies(x -> {
            assertThat(x.get("dag_run_id").asText()).isEqualTo("first");
            assertThat(x.get("key").asText()).isEqualTo("rows");
        });
        assertThat(viewer.get("/api/v1/dags/~/dagRuns/first/taskInstances/~/xcomEntries").json().get("total_entries").asInt())
                .isEqualTo(2);
    }

    @Test
    void sla_misses_list_the_late_runs_newest_first() {
        RunWaits runs = new RunWaits(api);
        runs.trigger("late", "overdue");
        ApiClient viewer = api.as(ApiFixture.VIEWER);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                viewer.get("/api/v1/slaMisses").json().get("total_entries").asInt() == 1);
        JsonNode miss = viewer.get("/api/v1/slaMisses?dag_id=late").json().get("sla_misses").get(0);
        assertThat(miss.get("dag_run_id").asText()).isEqualTo("overdue");
        assertThat(miss.get("sla_missed_at").isNull()).isFalse();
        assertThat(viewer.get("/api/v1/slaMisses?dag_id=pusher").json().get("total_entries").asInt()).isZero();
        assertProblem(viewer.get("/api/v1/slaMisses?limit=-1"), 400);
    }
}
