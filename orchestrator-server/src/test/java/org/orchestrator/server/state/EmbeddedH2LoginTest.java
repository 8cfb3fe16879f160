package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.internal.OwnerOnly;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.testing.TestEngine;

/**
 * The embedded H2 database's login: a generated password kept owner-only in the home, the
 * configured one when ORCHESTRATOR_DB_PASSWORD is set, and homes of older versions (user
 * {@code sa}, empty password) moved to the new password on their first start.
 */
@Tag("h2-only")
class EmbeddedH2LoginTest {

    @Test
    void a_new_home_gets_a_generated_owner_only_password_and_the_empty_one_is_refused() throws Exception {
        ServerConfig config = config(TestEngine.fresh(), Map.of());
        try (Database database = Database.open(config)) {
            Path file = config.home().resolve(OwnerOnly.DB_PASSWORD_FILE);
            String password = Files.readString(file).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThatThrownBy(() -> DriverManager.getConnection(config.jdbcUrl(), "sa", "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
            try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), "sa", password)) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void the_engines_login_reads_and_writes_rows_but_cannot_create_java_functions_or_change_the_schema() {
        try (Database database = Database.open(config(TestEngine.fresh(), Map.of()))) {
            database.jdbi().useHandle(h -> h.execute("INSERT INTO pool (name, slots) VALUES ('rows_only', 1)"));
            assertThatThrownBy(() -> database.jdbi().useHandle(h ->
                    h.execute("CREATE ALIAS RUN_IT AS 'String run(String c) throws Exception { return c; }'")))
                    .hasMessageContaining("Admin rights are required");
            assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute("CREATE TABLE sneaky (id INT)")))
                    .hasMessageContaining("Not enough rights");
            assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute("SCRIPT TO '/tmp/everything.sql'")))
                    .hasMessageContaining("Admin rights are required");
        }
    }

    @Test
    void a_home_of_an_older_version_with_an_empty_password_is_moved_to_the_generated_one() throws Exception {
        ServerConfig config = config(TestEngine.fresh(), Map.of());
        Files.createDirectories(config.home().resolve("db"));
        Flyway.configure().dataSource(config.jdbcUrl(), "sa", "")
                .locations("filesystem:" + LegacyMigrationsTest.legacyMigrations("h2", UnaryOperator.identity())).load().migrate();
        try (Connection legacy = DriverManager.getConnection(config.jdbcUrl(), "sa", "")) {
            legacy.createStatement().execute("INSERT INTO pool (name, slots, description) VALUES ('kept', 3, 'from before')");
        }

        try (Database database = Database.open(config)) {
            int slots = database.jdbi().withHandle(h -> h.createQuery("SELECT slots FROM pool WHERE name = 'kept'").mapTo(Integer.class).one());
            assertThat(slots).as("the old database, opened").isEqualTo(3);
        }

        assertThatThrownBy(() -> DriverManager.getConnection(config.jdbcUrl(), "sa", "").close())
                .as("the old empty password").isInstanceOf(SQLException.class);
        try (Database again = Database.open(config)) {
            assertThat(again.migrate()).as("opens with the generated password on later starts").isZero();
        }
    }

    @Test
    void a_configured_password_is_used_and_no_file_is_written() throws Exception {
        ServerConfig config = config(TestEngine.fresh(), Map.of("ORCHESTRATOR_DB_PASSWORD", "from-the-operator"));
        try (Database database = Database.open(config);
             Connection connection = DriverManager.getConnection(config.jdbcUrl(), "sa", "from-the-operator")) {
            assertThat(connection.isValid(1)).isTrue();
        }
        assertThat(config.home().resolve(OwnerOnly.DB_PASSWORD_FILE)).doesNotExist();
    }

    @Test
    void secret_files_and_folders_others_could_read_are_tightened_on_start() throws Exception {
        Path home = TestEngine.fresh();
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path logs = Files.createDirectory(home.resolve("logs"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path key = Files.writeString(home.resolve("secret.key"), "a2V5\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        try (Database database = Database.open(config(home, Map.of()))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("db")))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
    }

    private static ServerConfig config(Path home, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("ORCHESTRATOR_HOME", home.toString());
        return ServerConfig.fromEnvironment(all);
    }
}
