package org.orchestrator.tasks.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.DataInterval;
import org.orchestrator.tasks.sql.SqlParam;
import org.orchestrator.tasks.testing.RunningTask;
import org.orchestrator.tasks.testing.DatabaseTest;

/** What {@link SqlSensor} does on any database; subclasses name the database. */
abstract class SqlSensorContract extends DatabaseTest {

    @BeforeEach
    void partitionsTable() throws Exception {
        exec("CREATE TABLE arrivals (id INTEGER, arrived_at TIMESTAMP)");
        ctx.dataInterval(new DataInterval(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z")));
    }

    @Test
    void the_wait_ends_when_the_query_answers_a_truthy_value() throws Exception {
        SqlSensor sensor = SqlSensor.on(DB, "SELECT COUNT(*) FROM arrivals WHERE arrived_at >= ? AND arrived_at < ?",
                SqlParam.intervalStart(), SqlParam.intervalEnd()).pokeInterval(Duration.ofMillis(20)).timeout(Duration.ofSeconds(30)).build();
        RunningTask waiting = RunningTask.start(sensor, ctx);
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.logLines().stream().anyMatch(l -> l.startsWith("waiting for (SELECT COUNT(*)")));
        exec("INSERT INTO arrivals VALUES (1, TIMESTAMP '2026-03-03 00:00:00')"); // outside the interval: still waiting
        assertThat(waiting.join(Duration.ofMillis(200))).isFalse();

        exec("INSERT INTO arrivals VALUES (2, TIMESTAMP '2026-03-02 08:00:00')");

        assertThat(waiting.join(Duration.ofSeconds(20))).isTrue();
        assertThat(waiting.failure()).isNull();
    }

    @Test
    void no_row_or_null_or_zero_is_not_yet() {
        SqlSensor sensor = SqlSensor.on(DB, "SELECT MAX(id) FROM arrivals UNION ALL SELECT 0 FROM arrivals WHERE id = ?", 7)
                .pokeInterval(Duration.ofMillis(10)).timeout(Duration.ofMillis(50)).build();

        assertThatThrownBy(() -> sensor.execute(ctx)).isInstanceOf(SensorTimeoutException.class).hasMessageContaining("on 'warehouse' to be true");
    }

    @Test
    void a_broken_query_fails_the_try() {
        SqlSensor sensor = SqlSensor.on(DB, "SELECT nope FROM arrivals").pokeInterval(Duration.ofMillis(10)).build();

        // H2 says NOPE, PostgreSQL says nope.
        assertThatThrownBy(() -> sensor.execute(ctx)).satisfies(e -> assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT)).contains("nope"));
    }
}
