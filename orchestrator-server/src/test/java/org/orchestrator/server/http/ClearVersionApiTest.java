package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/**
 * Clearing a failed run after its DAG was fixed: by default the run reruns the version it
 * records (reloaded from its stored source when it was already let go), and with
 * {@code run_on_latest_version} it runs the fix and records it. Either way the {@code dag_version}
 * the API reports is the code that ran.
 */
class ClearVersionApiTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private ApiFixture api;
    private RunWaits runs;
    private String v1;
    private String v2;

    /** v1's load throws; v2's logs which code it is and succeeds. */
    private static String source(String code, boolean broken) {
        return TestSources.provider("fixme.dag", "return List.of(Dag.builder(\"fixme\")"
                + ".task(\"load\", ctx -> { ctx.log().info(\"code " + code + "\"); "
                + (broken ? "throw new IllegalStateException(\"bug in " + code + "\"); " : "") + "}).build());");
    }

    /** A run failed on v1, then v1 was fixed (v2) and let go, as minutes after the fix. */
    @BeforeEach
    void aRunFailedOnV1AndTheFixIsLoaded() throws IOException {
        Path home = TestEngine.fresh();
        Path file = Files.createDirectories(home.resolve("dags")).resolve("fixme.java");
        TestSources.write(file, source("v1", true));
        api = ApiFixture.start(TestEngine.start(home, Map.of()));
        runs = new RunWaits(api);
        v1 = currentVersion();
        runs.trigger("fixme", "broken");
        runs.awaitRun("fixme", "broken", "failed");

        TestSources.write(file, source("v2", false));
        await().atMost(DEADLINE).until(() -> !currentVersion().equals(v1));
        v2 = currentVersion();
        await().atMost(DEADLINE).until(() -> api.engine().orchestrator().dags().get("fixme", v1).isEmpty());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void clearing_reruns_the_version_the_run_records_and_reports_it() {
        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/fixme/dagRuns/broken/clear", "{\"dry_run\": false}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("dag_version").asText()).isEqualTo(v1);
        await().atMost(DEADLINE).until(() -> tryCount() == 2 && "failed".equals(runs.runState("fixme", "broken")));
        assertThat(api.engine().tries(run(), "load").getLast().error()).contains("bug in v1");
        assertThat(api.engine().log(run(), "load", 2)).contains("code v1").doesNotContain("code v2");
        assertThat(reportedVersion()).isEqualTo(v1);
    }

    @Test
    void clearing_on_the_latest_version_runs_the_fix_and_reports_the_latest() {
        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/fixme/dagRuns/broken/clear",
                "{\"dry_run\": false, \"run_on_latest_version\": true}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("dag_version").asText()).isEqualTo(v2);
        runs.awaitRun("fixme", "broken", "success");
        assertThat(api.engine().log(run(), "load", 2)).contains("code v2");
        assertThat(reportedVersion()).isEqualTo(v2);
        assertThat(AuditRows.of(api.engine(), "api.clear_dag_run")).anySatisfy(row ->
                assertThat(String.valueOf(row.get("extra"))).contains(v2));
    }

    @Test
    void clearing_task_instances_on_the_latest_version_runs_the_fix_and_reports_the_latest() {
        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/fixme/clearTaskInstances",
                "{\"dry_run\": false, \"dag_run_id\": \"broken\", \"run_on_latest_version\": true}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        runs.awaitRun("fixme", "broken", "success");
        assertThat(api.engine().log(run(), "load", 2)).contains("code v2");
        assertThat(reportedVersion()).isEqualTo(v2);
    }

    private String currentVersion() {
        return api.engine().orchestrator().dags().get("fixme").orElseThrow().version();
    }

    private String reportedVersion() {
        return api.as(ApiFixture.VIEWER).get("/api/v1/dags/fixme/dagRuns/broken").json().get("dag_version").asText();
    }

    private int tryCount() {
        return runs.task("fixme", "broken", "load").get("try_number").asInt();
    }

    private DagRunRow run() {
        return api.engine().orchestrator().database().transactions().withHandle(h -> new DagRuns().find(h, "fixme", "broken")).orElseThrow();
    }
}
