package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/**
 * Homes whose schema was built by the per-database migration files (V1..V7 of {@code db/migration/h2}
 * and {@code db/migration/postgresql}, frozen in test resources under {@code legacy-migrations/})
 * keep starting on the single migration source, on the database the run selects.
 */
class LegacyMigrationsTest {

    private static final List<String> LEGACY_FILES = List.of("V1__core.sql", "V2__quartz.sql", "V3__dag_version_source.sql",
            "V4__api_token.sql", "V5__connections_variables_sla.sql", "V6__task_instance_note.sql",
            "V7__task_instance_scheduled_at.sql");

    @Test
    void a_home_migrated_by_the_per_database_files_starts_the_engine_and_keeps_its_runs() throws IOException {
        Path home = TestEngine.fresh();
        ServerConfig config = TestDatabase.config(home);
        migrateWithLegacyFiles(config, UnaryOperator.identity());
        Instant logical = Instant.parse("2026-01-01T00:00:00Z");
        try (Database before = Database.connect(config)) {
            before.transactions().useHandle(h -> new DagRuns().insert(h, new DagRuns.NewRun("old", "from_before", RunType.MANUAL,
                    logical, new DataInterval(logical, logical), "{}", null, "v1"), logical));
        }
        Dag dag = Dag.builder("after").task("a", ctx -> ctx.log().info("ran")).build();
        try (TestEngine engine = TestEngine.start(home, Map.of(), dag)) {
            assertThat(engine.awaitFinished(engine.trigger("after", Map.of()), Duration.ofSeconds(20)).state())
                    .isEqualTo(DagRunState.SUCCESS);
            DagRunRow kept = engine.orchestrator().database().transactions().withHandle(h -> new DagRuns().find(h, "old", "from_before")).orElseThrow();
            assertThat(kept.logicalDate()).isEqualTo(logical);
            assertThat(appliedChecksumsMatch(engine.orchestrator().database())).isTrue();
        }
    }

    @Test
    void a_migration_edited_after_it_was_applied_still_stops_the_start() throws IOException {
        ServerConfig config = TestDatabase.config(TestEngine.fresh());
        migrateWithLegacyFiles(config, sql -> sql + "\n-- edited after release\n");
        assertThatThrownBy(() -> Database.open(config).close()).isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void a_new_home_gets_every_migration_of_the_single_source() {
        try (Database database = Database.connect(TestDatabase.config(TestEngine.fresh()))) {
            assertThat(database.migrate()).isGreaterThanOrEqualTo(LEGACY_FILES.size());
            assertThat(appliedChecksumsMatch(database)).isTrue();
        }
    }

    @Test
    void a_home_built_by_the_per_database_files_and_upgraded_has_the_schema_of_a_new_home() throws IOException {
        ServerConfig legacy = TestDatabase.config(TestEngine.fresh());
        migrateWithLegacyFiles(legacy, UnaryOperator.identity());
        try (Database upgraded = Database.open(legacy);
             Database fresh = Database.open(TestDatabase.config(TestEngine.fresh()))) {
            assertThat(schema(fresh)).isEqualTo(schema(upgraded)).isNotEmpty();
        }
    }

    /** @return every column with its type and every index, lower case, of every table but Flyway's */
    private static List<String> schema(Database database) {
        String schema = database.isPostgres() ? "public" : "PUBLIC";
        String indexes = database.isPostgres()
                ? "SELECT tablename || ' index ' || indexname FROM pg_indexes WHERE schemaname = :schema"
                : "SELECT TABLE_NAME || ' index ' || INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = :schema";
        List<String> all = new java.util.ArrayList<>();
        database.jdbi().useHandle(h -> {
            all.addAll(h.createQuery("SELECT table_name || ' ' || column_name || ' ' || data_type FROM information_schema.columns "
                    + "WHERE table_schema = :schema").bind("schema", schema).mapTo(String.class).list());
            all.addAll(h.createQuery(indexes).bind("schema", schema).mapTo(String.class).list());
        });
        all.removeIf(row -> row.toLowerCase(java.util.Locale.ROOT).startsWith("flyway_schema_history"));
        // H2 names the indexes behind keys after internal object ids (primary_key_d8,
        // dag_run_run_id_index_4), which differ with the order objects were made in: drop the id.
        return all.stream().map(row -> row.toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("(primary_key|_index)_[0-9a-f]+$", "$1"))
                .sorted().toList();
    }

    /** Builds the schema as a release before the single source did: that database's own copy of V1..V7. */
    private static void migrateWithLegacyFiles(ServerConfig config, UnaryOperator<String> edit) throws IOException {
        String dialect = config.jdbcUrl().startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
        Path folder = legacyMigrations(dialect, edit);
        try (Database database = Database.connect(config)) {
            Flyway.configure().dataSource(database.schemaOwner()).locations("filesystem:" + folder).load().migrate();
        }
    }

    /**
     * @param dialect {@code h2} or {@code postgresql}
     * @param editV3  applied to V3's text (to fake a migration edited after its release)
     * @return a folder holding that database's V1..V7 as released before the single source
     */
    static Path legacyMigrations(String dialect, UnaryOperator<String> editV3) throws IOException {
        Path folder = Files.createTempDirectory("legacy-migrations-");
        for (String file : LEGACY_FILES) {
            try (InputStream in = LegacyMigrationsTest.class.getResourceAsStream("/legacy-migrations/" + dialect + "/" + file + ".frozen")) {
                String sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                Files.writeString(folder.resolve(file), file.startsWith("V3") ? editV3.apply(sql) : sql);
            }
        }
        return folder;
    }

    private static boolean appliedChecksumsMatch(Database database) {
        Flyway flyway = Flyway.configure().dataSource(database.schemaOwner()).locations("classpath:db/migration")
                .placeholders(Migrations.placeholders(database.isPostgres())).load();
        return flyway.validateWithResult().validationSuccessful;
    }
}
