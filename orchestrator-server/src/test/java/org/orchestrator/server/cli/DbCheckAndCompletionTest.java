package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/** {@code db check} tells whether the database answers without creating one; {@code config list} masks the password; {@code generate-completion} knows every verb. */
class DbCheckAndCompletionTest {

    @Test
    void db_check_fails_on_a_home_without_a_database_and_creates_none() {
        assumeFalse(TestDatabase.postgres(), "a configured URL always names a database");
        Path home = TestEngine.fresh();

        CliRunner.Result none = CliRunner.run("db", "check", "--home", home.toString());

        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("No database yet");
        assertThat(none.out()).isEmpty();
        assertThat(Files.exists(home.resolve("db").resolve("orchestrator.mv.db"))).isFalse();
    }

    @Test
    void db_check_passes_once_the_database_exists() {
        Path home = TestEngine.fresh();
        assertThat(CliRunner.run("db", "migrate", "--home", home.toString()).exitCode()).isZero();

        CliRunner.Result answers = CliRunner.run("db", "check", "--home", home.toString());

        assertThat(answers.exitCode()).as(answers.err()).isZero();
        assertThat(answers.out()).startsWith("The database answers");
    }

    @Test
    void db_check_fails_when_the_configured_database_is_unreachable() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("ORCHESTRATOR_HOME", TestEngine.fresh().toString());
        env.put("ORCHESTRATOR_DB_URL", "jdbc:postgresql://127.0.0.1:1/nowhere");

        assertThat(Main.run(env, "db", "check")).isEqualTo(1);
    }

    @Test
    void config_list_prints_the_effective_settings_with_the_password_masked() throws Exception {
        Path home = TestEngine.fresh();

        CliRunner.Result listed = CliRunner.runWith(Map.of("ORCHESTRATOR_HOME", home.toString(), "ORCHESTRATOR_PARALLELISM", "7",
                "ORCHESTRATOR_DB_PASSWORD", "s3cret-pw"), "config", "list", "-o", "json");

        assertThat(listed.exitCode()).isZero();
        Map<String, String> settings = new HashMap<>();
        new ObjectMapper().readTree(listed.out()).forEach(r -> settings.put(r.get("setting").asText(), r.get("value").asText()));
        assertThat(settings).containsEntry("parallelism", "7").containsEntry("home", home.toString())
                .containsEntry("dbPassword", "***");
        assertThat(listed.out()).doesNotContain("s3cret-pw");
    }

    @Test
    void generated_completion_names_the_new_verbs() {
        CliRunner.Result script = CliRunner.run("generate-completion");

        assertThat(script.exitCode()).isZero();
        assertThat(script.out()).contains("complete -F", "list-runs", "states-for-dag-run", "--only-failed");
    }
}
