package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/** {@code connections} and {@code variables}: stored encrypted, passwords never printed, seen by {@code tasks test}. */
class ConnectionsCommandTest {

    private final Path home = TestEngine.fresh();
    private final String h = home.toString();

    @Test
    void connections_are_added_by_uri_or_parts_listed_without_passwords_and_deleted() {
        CliRunner.Result byUri = CliRunner.run("connections", "add", "warehouse", "--conn-uri",
                "postgresql://etl:uri-Secret-1@db.internal:5432/analytics", "--home", h);
        CliRunner.Result byParts = CliRunner.run("connections", "add", "mail", "--conn-type", "smtp", "--conn-url",
                "smtp://localhost:3025", "--conn-login", "alerts", "--conn-password", "parts-Secret-2",
                "--conn-extra", "{\"from\": \"etl@example.com\"}", "--home", h);
        CliRunner.Result listed = CliRunner.run("connections", "list", "--home", h);

        assertThat(byUri.exitCode()).as(byUri.out()).isZero();
        assertThat(byParts.exitCode()).as(byParts.out()).isZero();
        assertThat(listed.out()).contains("warehouse").contains("jdbc:postgresql://db.internal:5432/analytics")
                .contains("mail").contains("smtp://localhost:3025").contains("alerts");
        assertThat(byUri.out() + byParts.out() + listed.out()).doesNotContain("uri-Secret-1").doesNotContain("parts-Secret-2");
        assertThat(rawColumns()).doesNotContain("uri-Secret-1").doesNotContain("parts-Secret-2").contains("v1:");
        assertThat(CliRunner.run("connections", "add", "warehouse", "--conn-uri", "http://x", "--home", h).exitCode()).isEqualTo(1);
        assertThat(CliRunner.run("connections", "add", "bad", "--conn-uri", "not a uri", "--home", h).exitCode()).isEqualTo(1);
        assertThat(CliRunner.run("connections", "delete", "warehouse", "--home", h).exitCode()).isZero();
        assertThat(CliRunner.run("connections", "delete", "warehouse", "--home", h).exitCode()).isEqualTo(1);
        assertThat(CliRunner.run("connections", "list", "--home", h).out()).doesNotContain("warehouse");
    }

    @Test
    void a_password_in_a_jdbc_url_is_stored_encrypted_and_never_listed_and_a_conn_url_holding_one_is_refused() {
        CliRunner.Result byUri = CliRunner.run("connections", "add", "pg", "--conn-uri",
                "jdbc:postgresql://db.internal:5432/x?user=etl&password=jdbc-Secret-6&sslmode=require", "--home", h);
        CliRunner.Result h2 = CliRunner.run("connections", "add", "h2", "--conn-uri", "jdbc:h2:/data/x;USER=sa;PASSWORD=h2-Secret-7", "--home", h);
        CliRunner.Result byUrl = CliRunner.run("connections", "add", "refused", "--conn-type", "jdbc", "--conn-url",
                "jdbc:postgresql://db/x?password=url-Secret-8", "--home", h);
        CliRunner.Result listed = CliRunner.run("connections", "list", "--home", h);

        assertThat(byUri.exitCode()).as(byUri.out() + byUri.err()).isZero();
        assertThat(h2.exitCode()).as(h2.out() + h2.err()).isZero();
        assertThat(byUrl.exitCode()).isEqualTo(1);
        assertThat(byUrl.err()).contains("holds a password").contains("give it as the password");
        assertThat(listed.out()).contains("jdbc:postgresql://db.internal:5432/x?sslmode=require").contains("etl")
                .contains("jdbc:h2:/data/x").doesNotContain("refused");
        String printed = byUri.out() + byUri.err() + h2.out() + h2.err() + byUrl.out() + byUrl.err() + listed.out();
        assertThat(printed).doesNotContain("jdbc-Secret-6").doesNotContain("h2-Secret-7").doesNotContain("url-Secret-8");
        assertThat(rawColumns()).doesNotContain("jdbc-Secret-6").doesNotContain("h2-Secret-7");
    }

    @Test
    void variables_are_set_got_listed_with_secrets_starred_and_deleted() {
        assertThat(CliRunner.run("variables", "set", "region", "eu-west-1", "--home", h).exitCode()).isZero();
        assertThat(CliRunner.run("variables", "set", "db_password", "var-Secret-3", "--home", h).exitCode()).isZero();

        assertThat(CliRunner.run("variables", "get", "region", "--home", h).out()).isEqualTo("eu-west-1\n");
        assertThat(CliRunner.run("variables", "list", "--home", h).out()).contains("region=eu-west-1").contains("db_password=***")
                .doesNotContain("var-Secret-3");
        assertThat(CliRunner.run("variables", "delete", "region", "--home", h).exitCode()).isZero();
        assertThat(CliRunner.run("variables", "get", "region", "--home", h).exitCode()).isEqualTo(1);
    }

    @Test
    void a_wrong_secret_key_is_reported_as_such() throws Exception {
        CliRunner.run("variables", "set", "db_password", "var-Secret-4", "--home", h);
        Files.writeString(home.resolve("secret.key"), Base64.getEncoder().encodeToString(new byte[32]));

        CliRunner.Result result = CliRunner.run("variables", "get", "db_password", "--home", h);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).doesNotContain("var-Secret-4");
    }

    @Test
    void tasks_test_sees_stored_connections_and_masks_their_secrets() throws Exception {
        CliRunner.run("connections", "add", "db", "--conn-uri", "postgresql://u:local-Secret-5@db/x", "--home", h);
        Files.createDirectories(home.resolve("dags"));
        Files.writeString(home.resolve("dags").resolve("uses_conn.java"), TestSources.provider("usesconn", """
                return List.of(Dag.builder("uses_conn")
                        .task("show", ctx -> ctx.log().info("password is " + ctx.connection("db").password())).build());"""));

        CliRunner.Result result = CliRunner.run("tasks", "test", "uses_conn", "show", "2026-01-01", "--home", h);

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains("password is ***").doesNotContain("local-Secret-5");
    }

    private String rawColumns() {
        try (Database db = Database.open(TestDatabase.config(home))) {
            return db.jdbi().withHandle(x -> x.createQuery("SELECT CONCAT(url, '|', login, '|', password, '|', extra) FROM connection")
                    .mapTo(String.class).list()).toString();
        }
    }
}
