package org.orchestrator.dags;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;
import org.orchestrator.api.TaskContext;
import org.orchestrator.dags.support.Staging;
import org.orchestrator.tasks.sensor.FileSensor;

/**
 * {@code example_sensors}: {@code produce_file} writes a file that {@code wait_for_file} (a
 * {@link FileSensor}) waits for, then {@code consume_file} reads it. Beside them,
 * {@code wait_for_optional_feed} waits one second for a file nobody writes and, being a soft-fail
 * sensor, ends {@code skipped} instead of failed; its downstream is skipped too, and the run
 * still succeeds.
 */
final class ExampleSensors {

    static final String DAG_ID = "example_sensors";

    private ExampleSensors() {
    }

    static Dag dag() {
        return Dag.builder(DAG_ID)
                .description("A FileSensor waiting for a file its upstream writes, and a soft-fail sensor that skips")
                .owner("examples").tags("example", "sensors")
                .schedule(Schedule.manual())
                .task("produce_file", ExampleSensors::produce)
                .task("wait_for_file", FileSensor.path(ExampleSensors::readyFile)
                        .pokeInterval(Duration.ofMillis(200)).timeout(Duration.ofMinutes(5)).build(),
                        t -> t.upstream("produce_file"))
                .task("consume_file", ExampleSensors::consume, t -> t.upstream("wait_for_file"))
                .task("wait_for_optional_feed", FileSensor.path(ctx -> runDir(ctx).resolve("never-written.csv"))
                        .pokeInterval(Duration.ofMillis(200)).timeout(Duration.ofSeconds(1)).softFail(true).build())
                .task("use_optional_feed", ctx -> ctx.log().info("the optional feed came"),
                        t -> t.upstream("wait_for_optional_feed"))
                .build();
    }

    static Path runDir(TaskContext ctx) {
        return Staging.dir(ctx, DAG_ID, ctx.runId().replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    static Path readyFile(TaskContext ctx) {
        return runDir(ctx).resolve("ready.txt");
    }

    static void produce(TaskContext ctx) throws Exception {
        Path file = Staging.write(readyFile(ctx), List.of("produced for " + ctx.logicalDate()));
        ctx.log().info("wrote {}", file);
    }

    static void consume(TaskContext ctx) throws Exception {
        String found = ctx.xcomPull("wait_for_file", String.class);
        String content = Files.readString(Path.of(found), StandardCharsets.UTF_8).strip();
        ctx.log().info("read '{}' from {}", content, found);
        ctx.xcomPush("content", content);
    }
}
