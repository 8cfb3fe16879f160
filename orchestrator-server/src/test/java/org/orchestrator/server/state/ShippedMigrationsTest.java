package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/** A short command skips Flyway only when the schema has every shipped migration, and migrates otherwise. */
class ShippedMigrationsTest {

    @Test
    void the_shipped_versions_are_the_migration_files() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            assertThat(ShippedMigrations.shipped()).isEqualTo(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("V")).map(n -> n.substring(1, n.indexOf("__"))).collect(Collectors.toSet()));
        }
    }

    @Test
    void a_new_database_gets_the_schema_and_an_older_schema_is_migrated_by_open_current() {
        try (Database created = Database.openCurrent(TestDatabase.config(TestEngine.fresh()))) {
            assertThat(ShippedMigrations.allApplied(created.schemaOwnerJdbi())).as("a new database is migrated").isTrue();
        }
        Path home = TestEngine.fresh();
        try (Database old = Database.connect(TestDatabase.config(home))) {
            Flyway.configure().dataSource(old.schemaOwner()).locations("classpath:db/migration")
                    .placeholders(Migrations.placeholders(old.isPostgres())).target("1").load().migrate();
            assertThat(ShippedMigrations.allApplied(old.schemaOwnerJdbi())).as("only V1 applied").isFalse();
        }
        try (Database reopened = Database.openCurrent(TestDatabase.config(home))) {
            assertThat(ShippedMigrations.allApplied(reopened.schemaOwnerJdbi())).as("the missing ones are applied").isTrue();
        }
    }
}
