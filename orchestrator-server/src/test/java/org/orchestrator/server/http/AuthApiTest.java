package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.http.auth.UserAdmin;
import org.orchestrator.server.state.Users;

class AuthApiTest {

    private static ApiFixture api;
    private static UserAdmin users;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.greeter());
        users = new UserAdmin(api.engine().orchestrator().database().transactions(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void request_without_credentials_is_401_with_basic_challenge() {
        ApiClient.Response response = api.anonymous().get("/api/v1/dags");

        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    }

    @Test
    void wrong_password_is_401() {
        assertProblem(api.withPassword(ApiFixture.ADMIN, "not-the-password").get("/api/v1/dags"), 401);
    }

    @Test
    void unknown_user_is_401() {
        assertProblem(api.withPassword("nobody", "whatever").get("/api/v1/dags"), 401);
    }

    @Test
    void malformed_authorization_header_is_401() {
        for (String header : List.of("Basic", "Basic !!!not-base64!!!", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("no-colon".getBytes()), "Bearer abc", "Digest username=admin")) {
            assertProblem(new ApiClient(api.port(), header).get("/api/v1/dags"), 401);
        }
    }

    @Test
    void each_role_can_read() {
        for (String user : List.of(ApiFixture.ADMIN, ApiFixture.OP, ApiFixture.VIEWER)) {
            assertThat(api.as(user).get("/api/v1/dags").status()).as(user).isEqualTo(200);
        }
    }

    @Test
    void viewer_triggering_a_run_is_403() {
        assertProblem(api.as(ApiFixture.VIEWER).post("/api/v1/dags/greeter/dagRuns", "{}"), 403);
    }

    @Test
    void viewer_pausing_a_dag_is_403_and_changes_nothing() {
        assertProblem(api.as(ApiFixture.VIEWER).patch("/api/v1/dags/greeter", "{\"is_paused\": true}"), 403);

        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter").json().get("is_paused").asBoolean()).isFalse();
    }

    @Test
    void passwords_are_stored_only_as_argon2id_hashes() {
        users.create("carol", "correct horse battery staple", "viewer");

        String stored = api.engine().orchestrator().database().jdbi().withHandle(h ->
                h.createQuery("SELECT password_hash FROM app_user WHERE username = 'carol'").mapTo(String.class).one());
        assertThat(stored).startsWith("$argon2id$").doesNotContain("correct horse battery staple");
        assertThat(api.withPassword("carol", "correct horse battery staple").get("/api/v1/dags").status()).isEqualTo(200);
    }

    @Test
    void a_deleted_user_can_no_longer_log_in() {
        users.create("dave", "dave-password", "op");
        assertThat(api.withPassword("dave", "dave-password").get("/api/v1/dags").status()).isEqualTo(200);

        assertThat(users.delete("dave")).isTrue();

        assertProblem(api.withPassword("dave", "dave-password").get("/api/v1/dags"), 401);
    }

    @Test
    void user_admin_lists_users_with_roles_and_refuses_bad_input() {
        users.create("erin", "erin-password", "admin");

        assertThat(users.exists("erin")).isTrue();
        assertThat(users.list()).extracting(Users.UserRow::username, Users.UserRow::role).contains(
                org.assertj.core.groups.Tuple.tuple("erin", "admin"));
        assertThatThrownBy(() -> users.create("erin", "x", "admin")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> users.create("frank", "x", "root")).hasMessageContaining("unknown role 'root'");
        assertThatThrownBy(() -> users.create("frank", "", "op")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> users.create("bad name", "x", "op")).hasMessageContaining("bad username");
        assertThat(users.exists("frank")).isFalse();
    }
}
