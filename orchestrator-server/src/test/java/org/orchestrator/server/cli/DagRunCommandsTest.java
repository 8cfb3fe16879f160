package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/**
 * The operator's run and task-instance verbs against a running engine's own database, as an
 * operator on the host would use them: {@code dags trigger|list|list-runs|state}, {@code tasks
 * states-for-dag-run|state|clear}. A DAG pinned in code is in no dags folder: only a command
 * that reads the database alone can trigger it.
 */
class DagRunCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestEngine engine;
    private static String home;
    private static DagRunRow failed;

    @BeforeAll
    static void aFailedRunOfAFolderDag() {
        Path folder = TestEngine.fresh();
        TestSources.write(folder.resolve("dags").resolve("flaky.java"), TestSources.provider("flaky",
                "return List.of(Dag.builder(\"flaky\").task(\"extract\", c -> {})"
                        + ".task(\"transform\", c -> { throw new IllegalStateException(\"boom\"); })"
                        + ".task(\"load\", c -> {}).chain(\"extract\", \"transform\", \"load\").build());"));
        engine = TestEngine.start(folder, Map.of(), Dag.builder("pinned").task("only", c -> { }).build());
        home = folder.toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.orchestrator().dags().get("flaky").isPresent());
        CliRunner.Result queued = cli("dags", "trigger", "flaky", "--run-id", "r1", "--logical-date", "2026-01-31");
        assertThat(queued.exitCode()).as(queued.out() + queued.err()).isZero();
        failed = engine.awaitFinished(runOf("flaky", "r1"), Duration.ofSeconds(30));
        assertThat(failed.state()).isEqualTo(DagRunState.FAILED);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void trigger_queues_a_run_of_a_dag_that_is_in_no_folder_and_the_server_runs_all_its_tasks() {
        CliRunner.Result queued = cli("dags", "trigger", "pinned", "--run-id", "from-cli");

        assertThat(queued.exitCode()).as(queued.out() + queued.err()).isZero();
        assertThat(queued.out()).startsWith("Queued run from-cli of pinned");
        DagRunRow done = engine.awaitFinished(runOf("pinned", "from-cli"), Duration.ofSeconds(30));
        assertThat(done.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(engine.state(done, "only")).isEqualTo(TaskState.SUCCESS);
        assertThat(audit("post_dag_run", "pinned")).isEqualTo(1);
        CliRunner.Result again = cli("dags", "trigger", "pinned", "--run-id", "from-cli");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already has a run with id 'from-cli'");
    }

    @Test
    void dags_list_prints_the_stored_dags_in_each_output_format() throws Exception {
        JsonNode json = JSON.readTree(cli("dags", "list", "--output", "json").out());
        CliRunner.Result plain = cli("dags", "list", "-o", "plain");
        CliRunner.Result table = cli("dags", "list");

        assertThat(ids(json, "dag_id")).containsExactly("flaky", "pinned");
        assertThat(json.get(0).get("paused").isBoolean()).isTrue();
        assertThat(plain.out().lines().toList()).hasSize(2).first().asString().startsWith("flaky\t");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("dag_id").contains("schedule", "owners", "paused");
        assertThat(cli("dags", "list", "--output", "xml").exitCode()).as("usage").isEqualTo(2);
    }

    @Test
    void tasks_list_reads_the_stored_definition() throws Exception {
        JsonNode tasks = JSON.readTree(cli("tasks", "list", "flaky", "-o", "json").out());
        CliRunner.Result table = cli("tasks", "list", "flaky");

        assertThat(ids(tasks, "task_id")).containsExactlyInAnyOrder("extract", "transform", "load");
        JsonNode load = StreamSupport.stream(tasks.spliterator(), false).filter(t -> t.get("task_id").asText().equals("load"))
                .findFirst().orElseThrow();
        assertThat(load.get("upstream").get(0).asText()).isEqualTo("transform");
        assertThat(load.get("retries").asInt()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("task_id").contains("upstream", "trigger_rule");
        assertThat(cli("tasks", "list", "no_such_dag").exitCode()).isEqualTo(1);
    }

    @Test
    void list_runs_filters_by_state_and_logical_date_and_prints_json() throws Exception {
        JsonNode all = JSON.readTree(cli("dags", "list-runs", "flaky", "-o", "json").out());
        JsonNode succeeded = JSON.readTree(cli("dags", "list-runs", "flaky", "--state", "success", "-o", "json").out());
        JsonNode inRange = JSON.readTree(cli("dags", "list-runs", "flaky", "-s", "2026-01-30", "-e", "2026-01-31", "-o", "json").out());
        JsonNode before = JSON.readTree(cli("dags", "list-runs", "flaky", "-e", "2026-01-30", "-o", "json").out());

        assertThat(all).hasSize(1);
        assertThat(all.get(0).get("run_id").asText()).isEqualTo("r1");
        assertThat(all.get(0).get("state").asText()).isIn("failed", "queued", "running");
        assertThat(all.get(0).get("run_type").asText()).isEqualTo("manual");
        assertThat(all.get(0).get("logical_date").asText()).isEqualTo("2026-01-31T00:00:00Z");
        assertThat(succeeded).isEmpty();
        assertThat(ids(inRange, "run_id")).containsExactly("r1");
        assertThat(before).isEmpty();
        CliRunner.Result unknown = cli("dags", "list-runs", "no_such_dag");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("No DAG 'no_such_dag'");
        assertThat(cli("dags", "list-runs", "flaky", "--state", "sideways").exitCode()).as("usage").isEqualTo(2);
        assertThat(cli("dags", "list-runs").exitCode()).as("usage").isEqualTo(2);
    }

    @Test
    void dags_state_names_a_run_by_id_or_logical_date() {
        DagRunState now = engine.run(failed).state();

        assertThat(cli("dags", "state", "flaky", "r1").out().strip()).isEqualTo(now.wireName());
        assertThat(cli("dags", "state", "flaky", "2026-01-31T00:00:00Z").out().strip()).isEqualTo(now.wireName());
        CliRunner.Result unknown = cli("dags", "state", "flaky", "r2");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("No run 'r2'");
        assertThat(unknown.out()).isEmpty();
    }

    @Test
    void states_for_dag_run_and_task_state_read_the_instances() throws Exception {
        CliRunner.Result listed = cli("tasks", "states-for-dag-run", "flaky", "r1", "--output", "json");
        CliRunner.Result state = cli("tasks", "state", "flaky", "extract", "r1");

        assertThat(listed.exitCode()).as(listed.err()).isZero();
        JsonNode rows = JSON.readTree(listed.out());
        assertThat(ids(rows, "task_id")).containsExactlyInAnyOrder("extract", "transform", "load");
        assertThat(rows.get(0).get("map_index").asInt()).isEqualTo(-1);
        assertThat(rows.get(0).get("try_number").isInt()).isTrue();
        assertThat(state.exitCode()).isZero();
        assertThat(state.out().strip()).isEqualTo("success");
        assertThat(cli("tasks", "state", "flaky", "nope", "r1").exitCode()).isEqualTo(1);
        assertThat(cli("tasks", "states-for-dag-run", "flaky", "r9").exitCode()).isEqualTo(1);
    }

    @Test
    void tasks_clear_with_downstream_and_only_failed_previews_then_clears_and_audits() throws Exception {
        DagRunRow run = awaitFailed(runOf("flaky", "r1"));
        List<String> args = List.of("tasks", "clear", "flaky", "-t", "extract", "--downstream", "--only-failed", "--run-id", "r1", "-o", "json");

        CliRunner.Result preview = cli(with(args, "--dry-run"));
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(ids(JSON.readTree(preview.out()), "task_id")).containsExactlyInAnyOrder("transform", "load");
        assertThat(engine.run(run).state()).as("a dry run clears nothing").isEqualTo(DagRunState.FAILED);
        long auditedBefore = audit("post_clear_task_instances", "flaky");

        CliRunner.Result cleared = cli(args.toArray(String[]::new));

        assertThat(cleared.exitCode()).as(cleared.err()).isZero();
        assertThat(ids(JSON.readTree(cleared.out()), "task_id")).containsExactlyInAnyOrder("transform", "load");
        assertThat(audit("post_clear_task_instances", "flaky")).isEqualTo(auditedBefore + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.tries(run, "transform").size() == 2);
        assertThat(engine.tries(run, "extract")).as("extract succeeded: not cleared").hasSize(1);
        awaitFailed(run);
        assertThat(cli("tasks", "clear", "flaky", "-t", "nope", "--run-id", "r1").exitCode()).isEqualTo(1);
    }

    private static DagRunRow awaitFailed(DagRunRow run) {
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.run(run).state() == DagRunState.FAILED);
        return engine.run(run);
    }

    private static String[] with(List<String> args, String more) {
        List<String> all = new ArrayList<>(args);
        all.add(more);
        return all.toArray(String[]::new);
    }

    private static List<String> ids(JsonNode array, String field) {
        assertThat(array.isArray()).as(array.toString()).isTrue();
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    private static CliRunner.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home));
        return CliRunner.run(all.toArray(String[]::new));
    }

    private static DagRunRow runOf(String dagId, String runId) {
        return engine.orchestrator().reads().run(dagId, runId).orElseThrow();
    }

    private static long audit(String event, String dagId) {
        return engine.orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM audit_log WHERE event = :e AND dag_id = :d AND username LIKE 'cli:%'")
                .bind("e", "cli." + event).bind("d", dagId).mapTo(Long.class).one());
    }
}
