package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.http.auth.UserAdmin;

/** Login, sessions, CSRF and roles for the dashboard, over plain HTTP (no browser). */
class WebSessionTest {

    private static final String TRIGGER = "/api/v1/dags/web_demo/dagRuns";

    private static WebFixture web;

    @BeforeAll
    static void start() {
        web = WebFixture.start(WebDags.demo());
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    private static WebClient loggedIn(String user) {
        WebClient client = new WebClient(web.baseUrl());
        assertThat(client.login(user, WebFixture.password(user), null).status()).isEqualTo(303);
        return client;
    }

    @Test
    void login_sets_an_http_only_same_site_strict_cookie_and_returns_to_the_page_asked_for() {
        WebClient.Response response = new WebClient(web.baseUrl()).login(WebFixture.OP, WebFixture.password(WebFixture.OP), "/dags/web_demo");

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).hasValue("/dags/web_demo");
        String cookie = response.headers().allValues("Set-Cookie").getFirst();
        assertThat(cookie).startsWith(SessionCookie.NAME + "=").contains("; HttpOnly", "; SameSite=Strict", "; Path=/")
                .doesNotContain("Max-Age");
    }

    @Test
    void wrong_password_goes_back_to_the_form_without_a_session() {
        WebClient.Response response = new WebClient(web.baseUrl()).login(WebFixture.OP, "not-the-password", "/dags");

        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).hasValue("/login?error=invalid&next=%2Fdags");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void login_never_redirects_to_another_site() {
        for (String next : new String[] {"https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"}) {
            WebClient.Response response = new WebClient(web.baseUrl()).login(WebFixture.VIEWER,
                    WebFixture.password(WebFixture.VIEWER), next);
            assertThat(response.header("Location")).as(next).hasValue("/dags");
        }
    }

    @Test
    void login_form_posted_from_another_site_is_refused() {
        WebClient.Response response = new WebClient(web.baseUrl()).login("http://evil.example", WebFixture.OP,
                WebFixture.password(WebFixture.OP), null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void a_page_without_a_session_redirects_to_login_and_back() {
        WebClient.Response response = new WebClient(web.baseUrl()).get("/dags/web_demo?run_id=r1");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).hasValue("/login?next=%2Fdags%2Fweb_demo%3Frun_id%3Dr1");
    }

    @Test
    void pages_are_html_with_a_strict_content_security_policy() {
        WebClient.Response page = loggedIn(WebFixture.VIEWER).get("/dags");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.header("Cache-Control")).hasValue("no-store");
        String csp = page.header("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'").doesNotContain("unsafe");
        assertThat(page.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.header("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).doesNotContain("<script>").doesNotContainPattern("\\son[a-z]+\\s*=");
    }

    @Test
    void api_answers_carry_the_security_headers_too() {
        WebClient.Response api = loggedIn(WebFixture.VIEWER).get("/api/v1/dags");

        assertThat(api.status()).isEqualTo(200);
        assertThat(api.header("Content-Security-Policy")).isPresent();
        assertThat(api.header("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void a_session_reads_the_api_and_learns_its_role_and_csrf_token() {
        WebClient op = loggedIn(WebFixture.OP);

        JsonNode session = op.get("/ui/session").json();
        assertThat(session.get("username").asText()).isEqualTo("op");
        assertThat(session.get("role").asText()).isEqualTo("op");
        assertThat(session.get("csrf_token").asText()).hasSizeGreaterThan(30);
        assertThat(op.get("/api/v1/dags/web_demo").status()).isEqualTo(200);
    }

    @Test
    void a_change_from_a_session_needs_the_session_csrf_token() {
        WebClient op = loggedIn(WebFixture.OP);
        String token = op.csrfToken();

        assertThat(op.send("POST", TRIGGER, "{}", Map.of()).status()).isEqualTo(403);
        assertThat(op.send("POST", TRIGGER, "{}", Map.of(SessionGate.CSRF_HEADER, "forged")).status()).isEqualTo(403);
        assertThat(op.send("POST", TRIGGER, "{}", Map.of(SessionGate.CSRF_HEADER, loggedIn(WebFixture.ADMIN).csrfToken()))
                .status()).as("another session's token").isEqualTo(403);
        assertThat(op.send("POST", TRIGGER, "{}", Map.of(SessionGate.CSRF_HEADER, token)).status()).isEqualTo(200);
    }

    @Test
    void a_change_the_browser_marks_as_cross_site_is_refused_even_with_the_token() {
        WebClient op = loggedIn(WebFixture.OP);

        WebClient.Response response = op.send("POST", TRIGGER, "{}",
                Map.of(SessionGate.CSRF_HEADER, op.csrfToken(), "Sec-Fetch-Site", "cross-site"));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void scripts_with_basic_auth_need_no_csrf_token() {
        WebClient script = new WebClient(web.baseUrl());

        WebClient.Response response = script.basic("POST", TRIGGER, "{}", WebFixture.OP, WebFixture.password(WebFixture.OP));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void a_viewer_session_cannot_trigger_even_with_its_token() {
        WebClient viewer = loggedIn(WebFixture.VIEWER);

        WebClient.Response response = viewer.send("POST", TRIGGER, "{}", Map.of(SessionGate.CSRF_HEADER, viewer.csrfToken()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asText()).contains("role viewer");
    }

    @Test
    void a_run_triggered_from_a_session_is_audited_under_its_user() {
        WebClient op = loggedIn(WebFixture.OP);
        String runId = op.send("POST", TRIGGER, "{\"dag_run_id\": \"audited_by_session\"}",
                Map.of(SessionGate.CSRF_HEADER, op.csrfToken())).json().get("dag_run_id").asText();

        JsonNode events = op.get("/api/v1/eventLogs?event=api.post_dag_run&limit=1000").json().get("event_logs");
        JsonNode event = StreamSupport.stream(events.spliterator(), false)
                .filter(e -> runId.equals(e.get("run_id").asText())).findFirst().orElseThrow();
        assertThat(event.get("owner").asText()).isEqualTo("op");
    }

    @Test
    void logout_ends_the_session_and_a_stale_cookie_gets_no_basic_challenge() {
        WebClient viewer = loggedIn(WebFixture.VIEWER);

        WebClient.Response logout = viewer.send("POST", "/logout", "", Map.of(SessionGate.CSRF_HEADER, viewer.csrfToken()));

        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("Max-Age=0"));
        WebClient.Response api = viewer.get("/api/v1/dags");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("WWW-Authenticate")).isEmpty();
        assertThat(api.header("Content-Type")).hasValue("application/problem+json");
        assertThat(viewer.get("/dags").status()).isEqualTo(302);
    }

    @Test
    void logout_without_the_token_is_refused() {
        WebClient viewer = loggedIn(WebFixture.VIEWER);

        assertThat(viewer.send("POST", "/logout", "", Map.of()).status()).isEqualTo(403);
        assertThat(viewer.get("/api/v1/dags").status()).isEqualTo(200);
    }

    @Test
    void a_deleted_user_is_logged_out_at_once() {
        UserAdmin users = new UserAdmin(web.engine().orchestrator().database().transactions(), Clock.systemUTC());
        users.create("temp", "temp-password", "op");
        WebClient temp = new WebClient(web.baseUrl());
        temp.login("temp", "temp-password", null);
        assertThat(temp.get("/api/v1/dags").status()).isEqualTo(200);

        users.delete("temp");

        assertThat(temp.get("/api/v1/dags").status()).isEqualTo(401);
    }

    @Test
    void a_made_up_session_cookie_is_not_a_session() {
        WebClient forger = new WebClient(web.baseUrl());
        forger.useCookie(SessionCookie.NAME + "=" + Tokens.random());

        assertThat(forger.get("/api/v1/dags").status()).isEqualTo(401);
        assertThat(forger.get("/dags").status()).isEqualTo(302);
    }
}
