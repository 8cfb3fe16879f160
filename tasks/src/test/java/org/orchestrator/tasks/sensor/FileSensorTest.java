package org.orchestrator.tasks.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.tasks.testing.RunningTask;
import org.orchestrator.tasks.testing.TestTaskContext;

class FileSensorTest {

    @TempDir
    Path dir;

    private final TestTaskContext ctx = TestTaskContext.of("sensor_dag", "wait_for_file");

    @Test
    void a_file_that_is_there_ends_the_wait_at_the_first_poke() throws Exception {
        Path file = Files.writeString(dir.resolve("ready.csv"), "x");

        FileSensor.path(file).pokeInterval(Duration.ofHours(1)).build().execute(ctx);

        assertThat(ctx.pushed("return_value", String.class)).contains(file.toString());
    }

    @Test
    void the_wait_ends_when_a_matching_file_appears_in_a_directory_created_later() throws Exception {
        Path in = dir.resolve("in");
        FileSensor sensor = FileSensor.glob(in, "orders_*.csv").pokeInterval(Duration.ofMillis(20)).timeout(Duration.ofSeconds(30)).build();
        RunningTask waiting = RunningTask.start(sensor, ctx);
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.logLines().stream().anyMatch(l -> l.startsWith("waiting for a file matching")));
        Files.createDirectories(in);
        Files.writeString(in.resolve("other.csv"), "not this one");
        Path orders = Files.writeString(in.resolve("orders_2026-03-02.csv"), "id\n1\n");

        assertThat(waiting.join(Duration.ofSeconds(20))).isTrue();
        assertThat(waiting.failure()).isNull();
        assertThat(ctx.pushed("return_value", String.class)).contains(orders.toString());
    }

    @Test
    void the_path_may_come_from_the_logical_date() {
        FileSensor sensor = FileSensor.path(c -> dir.resolve(c.logicalDate().toString().substring(0, 10) + ".done"))
                .pokeInterval(Duration.ofMillis(10)).timeout(Duration.ofMillis(30)).build();

        assertThatThrownBy(() -> sensor.execute(ctx)).isInstanceOf(SensorTimeoutException.class)
                .hasMessageEndingWith("waiting for file " + dir.resolve("2026-01-01.done"));
    }
}
