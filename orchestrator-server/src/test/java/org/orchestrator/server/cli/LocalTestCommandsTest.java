package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/** {@code dags test} and {@code tasks test} run the example DAGs in-process and write nothing. */
class LocalTestCommandsTest {

    private Path home;

    @BeforeEach
    void homeWithExamplesAndASchema() {
        home = TestEngine.fresh();
        StandaloneCommand.copyExamples(createDags());
        assertThat(CliRunner.run("db", "migrate", "--home", home.toString()).exitCode()).isZero();
    }

    private Path createDags() {
        try {
            return Files.createDirectories(home.resolve("dags"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void dags_test_runs_the_example_dag_and_leaves_the_database_untouched() {
        Map<String, Long> before = rowCounts();

        CliRunner.Result result = CliRunner.run("dags", "test", "example_hello", "2026-01-01T10:00:00Z", "--home", home.toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains("hello from example_hello").contains("Run success");
        assertThat(rowCounts()).isEqualTo(before);
        assertThat(before.values().stream().mapToLong(Long::longValue).sum()).as("the schema holds rows to compare").isPositive();
    }

    @Test
    void tasks_test_runs_one_task_and_leaves_the_database_untouched() {
        Map<String, Long> before = rowCounts();

        CliRunner.Result result = CliRunner.run("tasks", "test", "etl_orders_pipeline", "extract_orders", "2026-01-01",
                "--home", home.toString());

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains("[extract_orders]").contains("Task extract_orders ended success");
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void an_unknown_task_is_a_usage_error_naming_the_tasks() {
        CliRunner.Result result = CliRunner.run("tasks", "test", "etl_orders_pipeline", "nope", "--home", home.toString());

        assertThat(result.exitCode()).isEqualTo(2);
    }

    /** Rows per table, every table of the schema (ours and Quartz's), on the database the home uses. */
    private Map<String, Long> rowCounts() {
        ServerConfig config = TestDatabase.config(home);
        try (Database database = Database.connect(config)) {
            return database.jdbi().withHandle(h -> {
                // CURRENT_SCHEMA: PUBLIC on H2, public on PostgreSQL.
                List<String> tables = h.createQuery("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = CURRENT_SCHEMA AND table_type = 'BASE TABLE' ORDER BY table_name")
                        .mapTo(String.class).list();
                Map<String, Long> counts = new LinkedHashMap<>();
                for (String table : tables) {
                    counts.put(table, h.createQuery("SELECT COUNT(*) FROM \"" + table + "\"").mapTo(Long.class).one());
                }
                return counts;
            });
        }
    }
}
