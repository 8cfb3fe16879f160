package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus' text format with JVM, HTTP and engine meters that move with the engine. */
class MetricsApiTest {

    private static ApiFixture api;
    private static RunWaits runs;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.greeter(), TestDags.failOnce());
        runs = new RunWaits(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void scrape_is_prometheus_text_with_jvm_and_http_meters() {
        api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter");

        ApiClient.Response scrape = api.as(ApiFixture.VIEWER).get("/metrics");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(scrape.body()).contains("# TYPE jvm_memory_used_bytes gauge", "# TYPE process_uptime_seconds gauge",
                "# TYPE orchestrator_task_tries_finished_total counter");
        assertThat(value(scrape.body(), "http_server_requests_seconds_count",
                "method=\"GET\",status=\"200\",uri=\"/api/v1/dags/{dag_id}\"")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void engine_meters_move_after_runs() {
        String before = scrape();
        double successTries = value(before, "orchestrator_task_tries_finished_total", "state=\"success\"");
        double failedTries = value(before, "orchestrator_task_tries_finished_total", "state=\"failed\"");
        double successRuns = value(before, "orchestrator_dag_runs", "state=\"success\"");
        double greeterDurations = valueOrZero(before, "orchestrator_task_duration_seconds_count", "dag_id=\"greeter\",state=\"success\"");
        double greeterDelays = valueOrZero(before, "orchestrator_task_scheduling_delay_seconds_count", "dag_id=\"greeter\"");

        runs.trigger("greeter", "metrics_ok");
        runs.trigger("fail_once", "metrics_fail");
        runs.awaitRun("greeter", "metrics_ok", "success");
        runs.awaitRun("fail_once", "metrics_fail", "failed");

        // The engine's counts are cached for a second per scrape.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            String after = scrape();
            assertThat(value(after, "orchestrator_task_tries_finished_total", "state=\"success\"")).isEqualTo(successTries + 1);
            assertThat(value(after, "orchestrator_task_tries_finished_total", "state=\"failed\"")).isEqualTo(failedTries + 1);
            assertThat(value(after, "orchestrator_dag_runs", "state=\"success\"")).isEqualTo(successRuns + 1);
            assertThat(value(after, "orchestrator_task_instances", "state=\"upstream_failed\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(after, "orchestrator_task_instances", "state=\"running\"")).isZero();
            assertThat(value(after, "orchestrator_task_duration_seconds_count", "dag_id=\"greeter\",state=\"success\""))
                    .isEqualTo(greeterDurations + 1);
            assertThat(value(after, "orchestrator_task_scheduling_delay_seconds_count", "dag_id=\"greeter\""))
                    .isEqualTo(greeterDelays + 1);
            assertThat(value(after, "orchestrator_task_duration_seconds_count", "dag_id=\"fail_once\",state=\"failed\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(after, "orchestrator_pool_slots", "pool=\"default_pool\"")).isEqualTo(128);
            assertThat(value(after, "orchestrator_pool_slots_used", "pool=\"default_pool\"")).isZero();
            assertThat(scrapeValue(after, "orchestrator_queue_depth")).isZero();
        });
    }

    @Test
    void import_errors_gauge_counts_the_bundles_that_fail_to_load() throws IOException {
        Path dags = api.engine().orchestrator().config().dagsFolder();
        Files.createDirectories(dags);
        Path broken = dags.resolve("broken.jar");
        assertThat(scrapeValue(scrape(), "orchestrator_dag_import_errors")).isZero();

        Files.write(broken, "not a jar".getBytes(StandardCharsets.UTF_8));
        try {
            api.engine().orchestrator().scanDags();

            String scrape = scrape();
            assertThat(scrape).contains("# TYPE orchestrator_dag_import_errors gauge");
            assertThat(scrapeValue(scrape, "orchestrator_dag_import_errors")).isEqualTo(1);
            assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/importErrors").json().get("total_entries").asInt()).isEqualTo(1);
        } finally {
            Files.delete(broken);
            api.engine().orchestrator().scanDags();
        }
        assertThat(scrapeValue(scrape(), "orchestrator_dag_import_errors")).as("the error is gone with its file").isZero();
    }

    @Test
    void metrics_need_authentication() {
        assertProblem(api.anonymous().get("/metrics"), 401);
    }

    private static String scrape() {
        return api.as(ApiFixture.VIEWER).get("/metrics").body();
    }

    private static double valueOrZero(String scrape, String metric, String labels) {
        return scrape.contains(metric + "{") && scrape.contains(labels) ? value(scrape, metric, labels) : 0;
    }

    private static double scrapeValue(String scrape, String metric) {
        Matcher m = Pattern.compile("^" + Pattern.quote(metric) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        if (!m.find()) {
            throw new AssertionError("no sample " + metric + " in:\n" + scrape);
        }
        return Double.parseDouble(m.group(1));
    }

    /** @return the sample's value; fails when the series is missing */
    private static double value(String scrape, String metric, String labels) {
        Matcher m = Pattern.compile("^" + Pattern.quote(metric) + "\\{(.*)\\} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + metric + "{" + labels + "} in:\n" + scrape);
    }
}
