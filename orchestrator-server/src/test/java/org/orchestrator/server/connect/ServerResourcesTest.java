package org.orchestrator.server.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.Connection;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.testing.TestDatabase;

/** Lookups against the real database ({@link TestDatabase}: an H2 file, or PostgreSQL): environment first, then the database, secrets encrypted in it. */
class ServerResourcesTest {

    @TempDir Path home;
    private Database database;
    private SecretCipher cipher;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabase.config(home));
        cipher = SecretKeys.load(home, Map.of());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void stored_secrets_never_appear_in_the_raw_columns() {
        ConnectionStore store = new ConnectionStore(cipher);
        database.transactions().useHandle(h -> {
            store.insert(h, new Connection("db", "jdbc", "jdbc:h2:mem:x", "etl", "raw-password-1",
                    Map.of("api_key", "raw-key-2")), "warehouse", Instant.now());
            new VariableStore(cipher).set(h, new VariableStore.Variable("plain_setting", "raw-value-3", null), Instant.now());
        });

        List<String> raw = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT CONCAT(password, '|', extra) FROM connection UNION ALL SELECT var_value FROM variable")
                .mapTo(String.class).list());

        assertThat(raw).hasSize(2).allSatisfy(column -> assertThat(column)
                .startsWith("v1:").doesNotContain("raw-password-1").doesNotContain("raw-key-2").doesNotContain("raw-value-3"));
        ServerResources resources = new ServerResources(Map.of(), database.transactions(), cipher, new SecretMasker());
        assertThat(resources.connection("db").password()).isEqualTo("raw-password-1");
        assertThat(resources.connection("db").extra()).containsEntry("api_key", "raw-key-2");
        assertThat(resources.variable("plain_setting")).contains("raw-value-3");
    }

    @Test
    void the_environment_wins_over_the_database_and_ids_are_upper_cased() {
        database.transactions().useHandle(h -> new ConnectionStore(cipher).insert(h,
                new Connection("api", "http", "http://from-db", "", "", Map.of()), null, Instant.now()));
        ServerResources resources = new ServerResources(Map.of(
                "ORCHESTRATOR_CONN_API", "https://u:envpass@from-env.example.com",
                "ORCHESTRATOR_VAR_REGION", "eu-west-1"), database.transactions(), cipher, new SecretMasker());

        assertThat(resources.connection("api").url()).isEqualTo("https://from-env.example.com");
        assertThat(resources.variable("region")).contains("eu-west-1");
        assertThat(resources.variable("missing")).isEmpty();
        assertThat(resources.variable("missing", "fallback")).isEqualTo("fallback");
    }

    @Test
    void an_unknown_connection_names_its_id_and_where_to_define_it() {
        ServerResources resources = new ServerResources(Map.of(), database.transactions(), cipher, new SecretMasker());

        assertThatThrownBy(() -> resources.connection("nowhere"))
                .isInstanceOf(OrchestratorException.class)
                .hasMessageContaining("'nowhere'").hasMessageContaining("ORCHESTRATOR_CONN_NOWHERE");
    }

    @Test
    void env_secrets_are_masked_from_the_start_and_looked_up_secrets_once_handed_out() {
        database.transactions().useHandle(h -> new ConnectionStore(cipher).insert(h,
                new Connection("db", "jdbc", "jdbc:h2:mem:y", "u", "db-only-secret", Map.of()), null, Instant.now()));
        SecretMasker masker = new SecretMasker();
        ServerResources resources = new ServerResources(Map.of("ORCHESTRATOR_CONN_SMTP", "smtp://a:env-mail-pw@mail:25",
                "ORCHESTRATOR_VAR_SLACK_TOKEN", "xoxb-env-token"), database.transactions(), cipher, masker);

        assertThat(masker.apply("env-mail-pw xoxb-env-token db-only-secret")).isEqualTo("*** *** db-only-secret");
        resources.connection("db");
        assertThat(masker.apply("db-only-secret")).isEqualTo("***");
    }

    @Test
    void a_database_written_under_another_key_fails_with_a_clear_error() {
        database.transactions().useHandle(h -> new ConnectionStore(cipher).insert(h,
                new Connection("db", "jdbc", "jdbc:h2:mem:z", "u", "pw-under-key-a", Map.of()), null, Instant.now()));
        SecretCipher other = SecretKeys.load(home, Map.of(SecretKeys.ENV, Base64.getEncoder().encodeToString(new byte[32])));
        ServerResources resources = new ServerResources(Map.of(), database.transactions(), other, new SecretMasker());

        assertThatThrownBy(() -> resources.connection("db"))
                .isInstanceOf(SecretException.class).hasMessageContaining("connection 'db'")
                .hasMessageContaining("another key");
    }
}
