package org.orchestrator.tasks.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.Connection;
import org.orchestrator.tasks.ShellTask;
import org.orchestrator.tasks.http.HttpTask;
import org.orchestrator.tasks.sensor.FileSensor;
import org.orchestrator.tasks.sensor.HttpSensor;
import org.orchestrator.tasks.testing.LocalHttpServer;
import org.orchestrator.tasks.testing.TestTaskContext;

/** The built-in tasks' text fields render as Jinja templates for the try and are declared as such. */
class TemplatedTasksTest {

    @TempDir
    Path dir;

    private final LocalHttpServer server = LocalHttpServer.start();
    private final TestTaskContext ctx = TestTaskContext.of("orders", "t").logicalDate(Instant.parse("2026-03-15T00:00:00Z"))
            .param("region", "eu");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void http_endpoint_headers_and_body_render_for_the_try() throws Exception {
        server.respond("/v1/reports/20260315", 200, "ok");
        ctx.withConnection(new Connection("api", "http", server.baseUrl() + "/v1", "", "", Map.of()));
        HttpTask task = HttpTask.on("api").post("reports/{{ ds_nodash }}").header("X-Region", "{{ params.region }}")
                .body("{\"day\": \"{{ macros.ds_add(ds, -1) }}\"}").build();

        task.execute(ctx);

        LocalHttpServer.Request request = server.requests().getFirst();
        assertThat(request.path()).isEqualTo("/v1/reports/20260315");
        assertThat(request.headers()).containsEntry("x-region", "eu");
        assertThat(request.body()).isEqualTo("{\"day\": \"2026-03-14\"}");
        assertThat(task.templateFields()).containsOnlyKeys("endpoint", "headers.X-Region", "body");
    }

    @Test
    void http_sensor_endpoint_renders_for_the_try() throws Exception {
        server.respond("/ready/2026-03-15", 200, "yes");

        HttpSensor.get(server.baseUrl() + "/ready/{{ ds }}").pokeInterval(Duration.ofHours(1)).build().execute(ctx);

        assertThat(server.requests().getFirst().path()).isEqualTo("/ready/2026-03-15");
    }

    @Test
    void file_sensor_path_and_glob_render_for_the_try() throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("20260315")).resolve("orders_eu.csv"), "x");

        FileSensor.path(dir + "/{{ ds_nodash }}/orders_{{ params.region }}.csv").pokeInterval(Duration.ofHours(1)).build().execute(ctx);
        FileSensor.glob(dir + "/{{ ds_nodash }}", "orders_{{ params.region }}*").pokeInterval(Duration.ofHours(1)).build().execute(ctx);

        assertThat(ctx.pushed("return_value", String.class)).contains(file.toString());
    }

    @Test
    void shell_command_and_env_render_for_the_try() throws Exception {
        ShellTask task = ShellTask.bash("echo \"day={{ ds }} region=$REGION\"").env("REGION", "{{ params.region | upper }}").build();

        task.execute(ctx);

        assertThat(ctx.logLines()).contains("day=2026-03-15 region=EU");
        assertThat(task.templateFields()).containsOnlyKeys("command[2]", "env.REGION");
    }

    @Test
    void text_without_markup_is_no_template_and_renders_to_itself() throws Exception {
        ShellTask task = ShellTask.command("echo", "100%", "{not one}").build();

        task.execute(ctx);

        assertThat(ctx.logLines()).contains("100% {not one}");
        assertThat(task.templateFields()).isEmpty();
    }
}
