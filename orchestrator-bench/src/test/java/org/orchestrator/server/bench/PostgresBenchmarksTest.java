package org.orchestrator.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.orchestrator.testkit.PostgresServer;

/** {@code bench --db-url jdbc:postgresql:…} runs in schemas of its own, counts commits, and leaves the database as it found it. */
@Tag("postgresql")
class PostgresBenchmarksTest {

    private final String url = PostgresServer.shared().createDatabase();
    private final EngineBenchmarks bench = new EngineBenchmarks(8, url, PostgresServer.USER, "");

    @Test
    void a_small_throughput_run_counts_commits_and_drops_its_schema() throws Exception {
        EngineBenchmarks.Throughput run = bench.throughput(40);

        assertThat(bench.onPostgres()).isTrue();
        assertThat(run.tasks()).isEqualTo(40);
        // Every task needs at least its outcome committed; batching keeps it to a few per task.
        assertThat(run.commits()).isGreaterThan(0);
        assertThat(run.commitsPerTask()).isBetween(0.05, 20.0);
        assertThat(benchSchemas()).isZero();
    }

    @Test
    void a_chain_runs_every_hop() throws Exception {
        EngineBenchmarks.Latency latency = bench.chain(5);

        assertThat(latency.hops()).isEqualTo(4);
        assertThat(latency.p50()).isPositive();
        assertThat(benchSchemas()).isZero();
    }

    @Test
    void a_history_is_loaded_analyzed_and_counted_back_then_a_layered_run_with_the_defaults_runs_on_it() throws Exception {
        EngineBenchmarks.HistoryLoad load = bench.history(450);
        EngineBenchmarks.Throughput layered = bench.withDefaults().withHistory(450).layered(2, 3, 2);

        assertThat(load.instances()).isEqualTo(400);
        assertThat(load.listedInstances()).isEqualTo(400);
        assertThat(load.listedRuns()).isEqualTo(2);
        assertThat(layered.tasks()).isEqualTo(12);
        assertThat(benchSchemas()).isZero();
    }

    private long benchSchemas() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'orchestrator_bench_%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
