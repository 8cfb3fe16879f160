package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/**
 * The single migration source builds the same schema on H2 and on PostgreSQL: the same versions, tables,
 * columns and unique constraints, so code written against one runs on the other.
 */
@Tag("postgresql")
class MigrationTwinsTest {

    @Test
    void both_databases_get_the_same_migrations_tables_and_columns() {
        try (Database h2 = Database.open(ServerConfig.fromEnvironment(Map.of("ORCHESTRATOR_HOME", TestEngine.fresh().toString())));
             Database postgres = Database.open(TestDatabase.postgresConfig(TestEngine.fresh()))) {
            assertThat(postgres.isPostgres()).isTrue();
            assertThat(versions(postgres)).isEqualTo(versions(h2)).isNotEmpty();
            assertThat(columns(postgres, "public")).isEqualTo(columns(h2, "PUBLIC"));
        }
    }

    @Test
    void postgresql_has_the_named_unique_constraints_that_keep_dag_runs_single() {
        try (Database postgres = Database.open(TestDatabase.postgresConfig(TestEngine.fresh()))) {
            List<String> unique = postgres.jdbi().withHandle(h -> h.createQuery(
                    "SELECT constraint_name FROM information_schema.table_constraints "
                            + "WHERE table_name = 'dag_run' AND constraint_type = 'UNIQUE' ORDER BY constraint_name")
                    .mapTo(String.class).list());
            assertThat(unique).contains("dag_run_logical_date", "dag_run_run_id");
        }
    }

    private static List<String> versions(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery(
                "SELECT \"version\" || ' ' || \"description\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")
                .mapTo(String.class).list());
    }

    /** @return table → its column names, lower case, of every base table but Flyway's */
    private static Map<String, List<String>> columns(Database database, String schema) {
        Map<String, List<String>> tables = new TreeMap<>();
        database.jdbi().useHandle(h -> h.createQuery("SELECT c.table_name, c.column_name FROM information_schema.columns c "
                        + "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                        + "WHERE c.table_schema = :schema AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position")
                .bind("schema", schema)
                .map((rs, ctx) -> Map.entry(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2).toLowerCase(Locale.ROOT)))
                .forEach(e -> {
                    if (!e.getKey().equals("flyway_schema_history")) {
                        tables.computeIfAbsent(e.getKey(), t -> new java.util.ArrayList<>()).add(e.getValue());
                    }
                }));
        return tables;
    }
}
