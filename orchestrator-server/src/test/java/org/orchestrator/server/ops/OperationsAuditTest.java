package org.orchestrator.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.orchestrator.server.web.WebServer;
import org.orchestrator.server.cli.CliRunner;
import org.orchestrator.server.connect.VariableStore.Variable;
import org.orchestrator.server.http.HttpServer;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestJars;
import org.orchestrator.server.testing.TestUsers;

/**
 * Every mutating REST action and every mutating CLI command goes through {@link Operations} and
 * leaves exactly one new audit row naming its actor: the user over HTTP ({@code api.<action>}),
 * {@code cli:<os user>} on the command line ({@code cli.<action>}). The CLI runs against the
 * engine's own database while the engine runs, as an operator on the host would.
 */
class OperationsAuditTest {

    private static final String DAG = "audited";
    private static final String CLI_ACTOR = "cli:" + System.getProperty("user.name");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static TestEngine engine;
    private static HttpServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One action, invoked one way; {@code act} gets what {@code given} prepared. */
    record Case(String name, String event, String actor, Function<Fixture, String> given, Act act) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Act {
        /** @return a description of the outcome, asserted to be a success */
        Outcome run(Fixture fixture, String prepared);
    }

    record Outcome(boolean ok, String detail) {
    }

    /** What the cases prepare with: the engine's own operations, as the CLI actor. */
    static final class Fixture {
        DagRunRow run() {
            String runId = "audit_" + SEQUENCE.incrementAndGet();
            return engine.orchestrator().ops().runs().trigger(Actor.cli(), engine.orchestrator().dags().get(DAG).orElseThrow(),
                    new RunActions.Trigger(runId, null, Map.of(), null));
        }

        String runPath() {
            return "/api/v1/dags/" + DAG + "/dagRuns/" + engine.awaitFinished(run(), java.time.Duration.ofSeconds(30)).runId();
        }

        String unique(String prefix) {
            return prefix + "_" + SEQUENCE.incrementAndGet();
        }

        Operations ops() {
            return engine.orchestrator().ops();
        }
    }

    @BeforeAll
    static void start() {
        Path home = TestEngine.fresh();
        TestJars.provider(home.resolve("dags").resolve("audited.jar"), "audited", """
                return List.of(Dag.builder("audited").startDate(LocalDate.of(2026, 1, 1))
                        .task("extract", c -> {}).task("load", c -> {}).chain("extract", "load").build());
                """);
        engine = TestEngine.start(home, Map.of());
        TestUsers.createOnePerRole(engine.orchestrator());
        server = WebServer.start(engine.orchestrator(), 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    static Stream<Case> restActions() {
        return Stream.of(
                rest("pause", "patch_dag", "op", f -> "", (f, p) -> call("PATCH", "/api/v1/dags/" + DAG, "{\"is_paused\": true}", "op")),
                rest("bulk unpause", "patch_dags", "op", f -> "",
                        (f, p) -> call("PATCH", "/api/v1/dags?dag_id_pattern=" + DAG, "{\"is_paused\": false}", "op")),
                rest("trigger", "post_dag_run", "op", f -> "",
                        (f, p) -> call("POST", "/api/v1/dags/" + DAG + "/dagRuns", "{\"dag_run_id\": \"" + f.unique("rest") + "\"}", "op")),
                rest("set run state", "update_dag_run_state", "op", Fixture::runPath,
                        (f, p) -> call("PATCH", p, "{\"state\": \"failed\"}", "op")),
                rest("delete run", "delete_dag_run", "op", Fixture::runPath, (f, p) -> call("DELETE", p, null, "op")),
                rest("clear run", "clear_dag_run", "op", Fixture::runPath, (f, p) -> call("POST", p + "/clear", "{\"dry_run\": false}", "op")),
                rest("clear tasks", "post_clear_task_instances", "op", f -> "", (f, p) -> call("POST",
                        "/api/v1/dags/" + DAG + "/clearTaskInstances", "{\"dry_run\": false, \"only_failed\": false}", "op")),
                rest("mark", "patch_task_instance", "op", Fixture::runPath, (f, p) -> call("PATCH",
                        p + "/taskInstances/extract", "{\"new_state\": \"failed\", \"dry_run\": false}", "op")),
                rest("run note", "set_dag_run_note", "op", Fixture::runPath, (f, p) -> call("PATCH", p + "/setNote", "{\"note\": \"n\"}", "op")),
                rest("task note", "set_task_instance_note", "op", Fixture::runPath,
                        (f, p) -> call("PATCH", p + "/taskInstances/load/setNote", "{\"note\": \"n\"}", "op")),
                rest("create pool", "post_pool", "admin", f -> f.unique("pool"),
                        (f, p) -> call("POST", "/api/v1/pools", "{\"name\": \"" + p + "\", \"slots\": 2}", "admin")),
                rest("change pool", "patch_pool", "admin", OperationsAuditTest::pool,
                        (f, p) -> call("PATCH", "/api/v1/pools/" + p, "{\"slots\": 3}", "admin")),
                rest("delete pool", "delete_pool", "admin", OperationsAuditTest::pool,
                        (f, p) -> call("DELETE", "/api/v1/pools/" + p, null, "admin")),
                rest("add connection", "post_connection", "admin", f -> f.unique("conn"), (f, p) -> call("POST",
                        "/api/v1/connections", "{\"connection_id\": \"" + p + "\", \"conn_type\": \"http\", \"url\": \"https://x.example\"}", "admin")),
                rest("change connection", "patch_connection", "admin", OperationsAuditTest::connection,
                        (f, p) -> call("PATCH", "/api/v1/connections/" + p, "{\"login\": \"someone\"}", "admin")),
                rest("delete connection", "delete_connection", "admin", OperationsAuditTest::connection,
                        (f, p) -> call("DELETE", "/api/v1/connections/" + p, null, "admin")),
                rest("set variable", "post_variables", "admin", f -> f.unique("var"),
                        (f, p) -> call("POST", "/api/v1/variables", "{\"key\": \"" + p + "\", \"value\": \"v\"}", "admin")),
                rest("change variable", "patch_variable", "admin", OperationsAuditTest::variable,
                        (f, p) -> call("PATCH", "/api/v1/variables/" + p, "{\"value\": \"w\"}", "admin")),
                rest("delete variable", "delete_variable", "admin", OperationsAuditTest::variable,
                        (f, p) -> call("DELETE", "/api/v1/variables/" + p, null, "admin")),
                rest("create token", "post_token", "op", f -> "", (f, p) -> call("POST", "/api/v1/tokens", "{\"name\": \"ci\"}", "op")),
                rest("revoke token", "delete_token", "op", OperationsAuditTest::token,
                        (f, p) -> call("DELETE", "/api/v1/tokens/" + p, null, "op")));
    }

    static Stream<Case> cliCommands() {
        return Stream.of(
                cli("dags pause", "patch_dag", f -> "", (f, p) -> command("dags", "pause", DAG)),
                cli("dags unpause", "patch_dag", f -> "", (f, p) -> command("dags", "unpause", DAG)),
                cli("dags trigger", "post_dag_run", f -> "", (f, p) -> command("dags", "trigger", DAG, "--run-id", f.unique("cli"))),
                cli("connections add", "post_connection", f -> f.unique("conn"),
                        (f, p) -> command("connections", "add", p, "--conn-uri", "https://user:pw@api.example.com/v1")),
                cli("connections delete", "delete_connection", OperationsAuditTest::connection,
                        (f, p) -> command("connections", "delete", p)),
                cli("variables set", "post_variables", f -> f.unique("var"), (f, p) -> command("variables", "set", p, "v")),
                cli("variables delete", "delete_variable", OperationsAuditTest::variable, (f, p) -> command("variables", "delete", p)),
                cli("users create", "post_user", f -> f.unique("user"),
                        (f, p) -> command("users", "create", p, "--role", "viewer", "--password", "pw-123456")),
                cli("users delete", "delete_user", OperationsAuditTest::user, (f, p) -> command("users", "delete", p)),
                cli("tokens create", "post_token", f -> "", (f, p) -> command("tokens", "create", "op", "--name", "cli")),
                cli("tokens revoke", "delete_token", OperationsAuditTest::token, (f, p) -> command("tokens", "revoke", p)));
    }

    @ParameterizedTest(name = "REST {0}")
    @MethodSource("restActions")
    void every_rest_action_writes_one_audit_row_naming_its_user(Case action) {
        assertOneAuditRow(action);
    }

    @ParameterizedTest(name = "CLI {0}")
    @MethodSource("cliCommands")
    void every_mutating_cli_command_writes_one_audit_row_naming_the_os_user(Case command) {
        assertOneAuditRow(command);
    }

    @Test
    void rest_and_cli_name_the_same_actions() {
        List<String> rest = restActions().map(c -> c.event().substring("api.".length())).toList();
        // Users have no REST routes (the CLI manages them); every other CLI action is also a REST action.
        assertThat(cliCommands().map(c -> c.event().substring("cli.".length())).filter(e -> !e.endsWith("_user")))
                .isSubsetOf(rest);
    }

    @Test
    void a_token_acts_as_its_user_and_a_refused_command_writes_nothing() {
        String token = call("POST", "/api/v1/tokens", "{\"name\": \"bearer\"}", "op").detail()
                .replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        long before = auditCount();
        Outcome byToken = send("PATCH", "/api/v1/dags/" + DAG, "{\"is_paused\": false}", "Bearer " + token);
        assertThat(byToken.ok()).as(byToken.detail()).isTrue();
        assertThat(auditCount()).isEqualTo(before + 1);
        assertThat(newestRow()).containsEntry("USERNAME", "op").containsEntry("EVENT", "api.patch_dag");

        Outcome refused = command("dags", "pause", "no_such_dag");
        assertThat(refused.ok()).isFalse();
        assertThat(auditCount()).isEqualTo(before + 1);
    }

    private static void assertOneAuditRow(Case action) {
        Fixture fixture = new Fixture();
        String prepared = action.given().apply(fixture);
        long before = auditCount();

        Outcome outcome = action.act().run(fixture, prepared);

        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
        assertThat(auditCount()).as("audit rows written by " + action).isEqualTo(before + 1);
        assertThat(newestRow()).containsEntry("USERNAME", action.actor()).containsEntry("EVENT", action.event());
    }

    private static Case rest(String name, String action, String user, Function<Fixture, String> given, Act act) {
        return new Case(name, "api." + action, user, given, act);
    }

    private static Case cli(String name, String action, Function<Fixture, String> given, Act act) {
        return new Case(name, "cli." + action, CLI_ACTOR, given, act);
    }

    private static String pool(Fixture f) {
        String name = f.unique("pool");
        f.ops().pools().create(Actor.cli(), name, 1, null);
        return name;
    }

    private static String connection(Fixture f) {
        String id = f.unique("conn");
        f.ops().connections().add(Actor.cli(), new org.orchestrator.api.Connection(id, "http", "https://x.example", "", "",
                Map.of()), null);
        return id;
    }

    private static String variable(Fixture f) {
        String key = f.unique("var");
        f.ops().variables().set(Actor.cli(), new Variable(key, "v", null));
        return key;
    }

    private static String user(Fixture f) {
        String name = f.unique("user");
        f.ops().accounts().createUser(Actor.cli(), name, "pw-123456", "viewer");
        return name;
    }

    private static String token(Fixture f) {
        return Long.toString(f.ops().accounts().createToken(Actor.cli(), "op", "to revoke").id());
    }

    private static Outcome command(String... args) {
        String[] withHome = Stream.concat(Stream.of(args), Stream.of("--home", engine.home().toString())).toArray(String[]::new);
        CliRunner.Result result = CliRunner.run(withHome);
        return new Outcome(result.exitCode() == 0, result.out());
    }

    private static Outcome call(String method, String path, String body, String user) {
        String credentials = user + ":" + TestUsers.password(user);
        return send(method, path, body, "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private static Outcome send(String method, String path, String body, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Outcome(response.statusCode() < 300, method + " " + path + " → " + response.statusCode() + " " + response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long auditCount() {
        return engine.orchestrator().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
    }

    private static Map<String, Object> newestRow() {
        return engine.orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT username, event FROM audit_log ORDER BY id DESC").setMaxRows(1).mapToMap().one())
                .entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().toUpperCase(), Map.Entry::getValue));
    }
}
