package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.http.auth.UserAdmin;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/**
 * Issue 5's must-show: 10,000 file sensors of the task library wait at once in one real server
 * process and all succeed once their files appear. Each waiting sensor is a virtual thread parked
 * between pokes, so the process's OS thread count stays that of an idle server; the figures
 * (threads, resident memory, heap) are printed for BENCHMARKS.md.
 */
class TenThousandSensorsTest {

    private static final int SENSORS = 10_000;
    private static final String ADMIN = "admin:sensor-test-password";
    private static final String RUN = "/api/v1/dags/many_sensors/dagRuns/wait_all";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ten_thousand_file_sensors_wait_on_virtual_threads_and_all_succeed_when_their_files_appear() throws Exception {
        Path home = TestEngine.fresh();
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        TestSources.write(home.resolve("dags").resolve("many_sensors.java"), manySensorsDag());
        try (Database database = Database.open(TestDatabase.config(home))) {
            new UserAdmin(database.transactions(), Clock.systemUTC()).create("admin", "sensor-test-password", "admin");
        }
        Map<String, String> env = Map.of("SENSOR_INBOX", inbox.toString(), "ORCHESTRATOR_PARALLELISM", "10500");
        try (ServerProcess server = ServerProcess.start(home, env)) {
            assertThat(server.patch("/api/v1/pools/default_pool", ADMIN, "{\"slots\": 10500}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> server.get("/api/v1/dags/many_sensors", ADMIN).statusCode() == 200);
            long triggered = System.nanoTime();
            var trigger = server.post("/api/v1/dags/many_sensors/dagRuns", ADMIN, "{\"dag_run_id\": \"wait_all\"}");
            assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(200);

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(server, "running") == SENSORS);
            Figures waiting = Figures.of(server.pid());
            System.out.printf("%d file sensors waiting in one server (all running %.1f s after the trigger): "
                            + "%d OS threads, RSS %d MiB, heap used %d MiB%n", SENSORS, seconds(triggered),
                    waiting.threads(), waiting.rssKib() / 1024, waiting.heapUsedKib() / 1024);
            // An idle server runs a few dozen platform threads (HTTP, pool, Quartz, GC, JIT);
            // 10,000 sensors on platform threads would add 10,000.
            assertThat(waiting.threads()).isLessThan(300);
            assertThat(count(server, "success")).isZero();

            for (int i = 0; i < SENSORS; i++) {
                Files.writeString(inbox.resolve("part-" + i + ".done"), "ok");
            }
            long written = System.nanoTime();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> JSON.readTree(server.get(RUN, ADMIN).body()).path("state").asText(), "success"::equals);
            System.out.printf("run succeeded %.1f s after the last file was written%n", seconds(written));
            assertThat(count(server, "success")).isEqualTo(SENSORS);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Each sensor waits for its own file; the inbox comes from the server's environment. */
    private static String manySensorsDag() {
        return TestSources.provider("sensors", """
                Path inbox = Path.of(System.getenv("SENSOR_INBOX"));
                Dag.Builder dag = Dag.builder("many_sensors").maxActiveTasks(%d);
                for (int i = 0; i < %d; i++) {
                    dag.task("wait_" + i, org.orchestrator.tasks.sensor.FileSensor.path(inbox.resolve("part-" + i + ".done"))
                            .pokeInterval(Duration.ofSeconds(2)).timeout(Duration.ofMinutes(10)).build());
                }
                return List.of(dag.build());
                """.formatted(SENSORS, SENSORS)).replace("import java.util.*;", "import java.util.*;\nimport java.nio.file.Path;");
    }

    private static int count(ServerProcess server, String state) throws IOException {
        JsonNode page = JSON.readTree(server.get(RUN + "/taskInstances?state=" + state + "&limit=1", ADMIN).body());
        return page.path("total_entries").asInt(-1);
    }

    /** What the OS and the JVM say about the server process. */
    private record Figures(long threads, long rssKib, long heapUsedKib) {

        private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total[^\\n]*?used (\\d+)K");

        static Figures of(long pid) throws IOException, InterruptedException {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            return new Figures(field(status, "Threads"), field(status, "VmRSS"), heapUsed(pid));
        }

        private static long field(String status, String name) {
            Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(status);
            assertThat(m.find()).as(name + " in /proc status").isTrue();
            return Long.parseLong(m.group(1));
        }

        private static long heapUsed(long pid) throws IOException, InterruptedException {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            Matcher m = HEAP_USED.matcher(out);
            assertThat(m.find()).as("heap usage in jcmd's answer: " + out).isTrue();
            return Long.parseLong(m.group(1));
        }
    }
}
