package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/**
 * {@code dags delete} and {@code db clean} against a running engine's database, as an operator on
 * the host would use them: each refuses what it must not touch, says why with its exit code, and
 * writes its audit row; the audit log itself is never trimmed.
 */
class DagsDeleteAndDbCleanTest {

    private TestEngine engine;
    private String home;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void dags_delete_refuses_a_dag_still_in_the_folder_and_deletes_it_with_its_runs_once_its_file_is_gone() throws Exception {
        Path bundle = start("doomed");
        DagRunRow run = engine.awaitFinished(engine.trigger("doomed", Map.of()), Duration.ofSeconds(30));
        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);

        CliRunner.Result stillThere = cli("dags", "delete", "doomed", "--yes");
        assertThat(stillThere.exitCode()).isEqualTo(1);
        assertThat(stillThere.err()).contains("still defined in the dags folder");
        CliRunner.Result unconfirmed = cli("dags", "delete", "doomed");
        assertThat(unconfirmed.exitCode()).as("no terminal to confirm").isEqualTo(2);

        Files.delete(bundle);
        await().atMost(Duration.ofSeconds(60)).until(() -> !active("doomed"));
        CliRunner.Result deleted = cli("dags", "delete", "doomed", "--yes");

        assertThat(deleted.exitCode()).as(deleted.out() + deleted.err()).isZero();
        assertThat(deleted.out()).contains("Deleted DAG 'doomed' and its 1 run(s).");
        assertThat(count("SELECT COUNT(*) FROM dag_run WHERE dag_id = 'doomed'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM task_instance WHERE dag_id = 'doomed'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM dag WHERE dag_id = 'doomed'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE event = 'cli.delete_dag' AND dag_id = 'doomed'")).isEqualTo(1);
        CliRunner.Result again = cli("dags", "delete", "doomed", "--yes");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("not found");
    }

    @Test
    void db_clean_deletes_runs_that_ended_before_the_cutoff_with_their_instances_and_keeps_the_audit_log() {
        start("daily");
        DagRunRow old = engine.awaitFinished(engine.trigger("daily", Instant.parse("2026-01-01T00:00:00Z")), Duration.ofSeconds(30));
        DagRunRow recent = engine.awaitFinished(engine.trigger("daily", Instant.parse("2026-01-02T00:00:00Z")), Duration.ofSeconds(30));
        String cutoff = old.endDate().plusNanos(1_000).toString(); // after the first run ended, before the second began
        long auditRows = count("SELECT COUNT(*) FROM audit_log");

        CliRunner.Result dry = cli("db", "clean", "--older-than", cutoff, "--dry-run");
        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).startsWith("Would delete 1 run(s)");
        assertThat(count("SELECT COUNT(*) FROM dag_run WHERE dag_id = 'daily'")).isEqualTo(2);
        assertThat(cli("db", "clean", "--older-than", cutoff).exitCode()).as("no terminal to confirm").isEqualTo(2);

        CliRunner.Result cleaned = cli("db", "clean", "--older-than", cutoff, "--yes");

        assertThat(cleaned.exitCode()).as(cleaned.out() + cleaned.err()).isZero();
        assertThat(cleaned.out()).startsWith("Deleted 1 run(s)");
        assertThat(count("SELECT COUNT(*) FROM dag_run WHERE id = " + old.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM task_instance WHERE run_pk = " + old.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM dag_run WHERE id = " + recent.id())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_log")).as("kept, plus the clean's own row").isEqualTo(auditRows + 1);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE event = 'cli.db_clean'")).isEqualTo(1);
        assertThat(cli("db", "clean", "--older-than", "someday", "--yes").exitCode()).as("a bad date").isEqualTo(2);
    }

    private Path start(String dagId) {
        Path folder = TestEngine.fresh();
        Path bundle = TestSources.write(folder.resolve("dags").resolve(dagId + ".java"), TestSources.provider(dagId,
                "return List.of(Dag.builder(\"" + dagId + "\").task(\"only\", c -> {}).build());"));
        engine = TestEngine.start(folder, Map.of());
        home = folder.toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.orchestrator().dags().get(dagId).isPresent());
        return bundle;
    }

    private boolean active(String dagId) {
        return engine.orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT is_active FROM dag WHERE dag_id = :d").bind("d", dagId).mapTo(Boolean.class).one());
    }

    private long count(String sql) {
        return engine.orchestrator().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private CliRunner.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home));
        return CliRunner.run(all.toArray(String[]::new));
    }
}
