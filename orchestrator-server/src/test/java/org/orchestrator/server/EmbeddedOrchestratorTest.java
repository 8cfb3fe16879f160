package org.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.ops.RunActions;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.SettableClock;
import org.orchestrator.server.testing.TestDatabase;

/**
 * An engine embedded through {@link Orchestrator#builder()}: on the host's own pooled data source
 * (H2, or PostgreSQL with {@code -Dorchestrator.test.db=postgresql}), with the host's clock and DAGs
 * passed as objects; {@code awaitRun} waits for a run; {@code close()} keeps to the configured grace.
 */
class EmbeddedOrchestratorTest {

    @TempDir
    Path home;
    private HikariDataSource hostPool;

    @AfterEach
    void closePool() {
        if (hostPool != null) {
            hostPool.close();
        }
    }

    @Test
    void builder_runs_a_dag_on_the_hosts_data_source_and_leaves_the_pool_open() throws Exception {
        hostPool = hostPool(3);
        SettableClock clock = new SettableClock(java.time.Instant.parse("2026-03-02T10:00:00Z"));
        Dag dag = Dag.builder("embedded").task("a", ctx -> ctx.xcomPush("n", 1)).task("b", ctx -> { }).chain("a", "b").build();

        try (Orchestrator engine = Orchestrator.builder().home(home).dataSource(hostPool).clock(clock)
                .parallelism(2).shutdownGrace(Duration.ofSeconds(1)).dags(dag).start()) {
            DagRunRow run = trigger(engine, "embedded", "host-1");
            DagRunRow done = engine.awaitRun("embedded", "host-1", Duration.ofSeconds(30));

            assertThat(done.state()).isEqualTo(DagRunState.SUCCESS);
            assertThat(run.logicalDate()).as("the host's clock").isEqualTo(clock.instant());
            assertThat(engine.config().parallelism()).isEqualTo(2);
        }
        assertThat(hostPool.isClosed()).isFalse();
        assertThat(count("SELECT COUNT(*) FROM dag_run WHERE run_id = 'host-1' AND state = 'success'"))
                .as("the run is in the host's database").isEqualTo(1);
    }

    @Test
    void await_run_times_out_naming_the_state_and_refuses_an_unknown_run() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Dag dag = Dag.builder("waits").task("wait", ctx -> release.await()).build();
        try (Orchestrator engine = Orchestrator.builder().home(home).shutdownGrace(Duration.ofSeconds(5)).dags(dag).start()) {
            trigger(engine, "waits", "w-1");

            assertThatThrownBy(() -> engine.awaitRun("waits", "w-1", Duration.ofMillis(300)))
                    .isInstanceOf(TimeoutException.class).hasMessageContaining("still running");
            assertThatThrownBy(() -> engine.awaitRun("waits", "nope", Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
            release.countDown();
            assertThat(engine.awaitRun("waits", "w-1", Duration.ofSeconds(30)).state()).isEqualTo(DagRunState.SUCCESS);
        }
    }

    @Test
    void close_gives_running_tries_the_configured_grace_then_hands_them_back() throws Exception {
        hostPool = hostPool(4);
        CountDownLatch started = new CountDownLatch(1);
        Dag dag = Dag.builder("blocks").task("block", ctx -> {
            started.countDown();
            Thread.sleep(Duration.ofMinutes(2));
        }).build();
        Orchestrator engine = Orchestrator.builder().home(home).dataSource(hostPool)
                .shutdownGrace(Duration.ofSeconds(1)).dags(dag).start();
        trigger(engine, "blocks", "b-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> started.getCount() == 0);

        long begin = System.nanoTime();
        engine.close();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        // The default before was a fixed 10 s whatever the configuration said.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(6));
        assertThat(count("SELECT COUNT(*) FROM task_instance WHERE task_id = 'block' AND state = 'up_for_retry'"))
                .as("the interrupted try is handed back").isEqualTo(1);
    }

    private static DagRunRow trigger(Orchestrator engine, String dagId, String runId) {
        return engine.ops().runs().trigger(Actor.cli(), engine.dags().get(dagId).orElseThrow(),
                new RunActions.Trigger(runId, null, Map.of(), null));
    }

    private HikariDataSource hostPool(int size) {
        HikariConfig config = new HikariConfig();
        if (TestDatabase.postgres()) {
            Map<String, String> pg = TestDatabase.postgresEnv(home);
            config.setJdbcUrl(pg.get("ORCHESTRATOR_DB_URL"));
            config.setUsername(pg.get("ORCHESTRATOR_DB_USER"));
            config.setPassword(pg.get("ORCHESTRATOR_DB_PASSWORD"));
        } else {
            config.setJdbcUrl("jdbc:h2:async:" + home.resolve("host-db") + ";OPTIMIZE_REUSE_RESULTS=FALSE");
        }
        config.setMaximumPoolSize(size);
        config.setPoolName("host-pool");
        return new HikariDataSource(config);
    }

    private long count(String sql) throws SQLException {
        try (var connection = hostPool.getConnection(); var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
