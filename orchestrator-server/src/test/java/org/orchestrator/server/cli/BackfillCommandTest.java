package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.state.RunType;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestJars;

class BackfillCommandTest {

    @Test
    void backfill_over_ten_days_creates_ten_runs_with_daily_intervals_and_a_rerun_creates_none() {
        Path home = TestEngine.fresh();
        TestJars.provider(home.resolve("dags").resolve("daily.jar"), "daily", """
                return List.of(Dag.builder("daily").schedule("@daily").startDate(LocalDate.of(2025, 1, 1)).catchup(false)
                        .maxActiveRuns(3).task("extract", c -> {}).task("load", c -> {}).chain("extract", "load").build());
                """);

        CliRunner.Result first = CliRunner.run("dags", "backfill", "daily", "--from", "2026-01-01", "--to", "2026-01-10",
                "--home", home.toString());

        assertThat(first.exitCode()).as(first.out()).isZero();
        assertThat(first.out()).contains("10 interval(s), 0 already succeeded").contains("10/10 done");
        List<DagRunRow> runs = backfillRuns(home);
        assertThat(runs).hasSize(10).allSatisfy(run -> {
            assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
            assertThat(Duration.between(run.interval().start(), run.interval().end())).isEqualTo(Duration.ofDays(1));
            assertThat(run.logicalDate()).isEqualTo(run.interval().start());
        });
        assertThat(runs.getFirst().logicalDate()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(runs.getLast().logicalDate()).isEqualTo(Instant.parse("2026-01-10T00:00:00Z"));

        CliRunner.Result again = CliRunner.run("dags", "backfill", "daily", "--from", "2026-01-01", "--to", "2026-01-10",
                "--home", home.toString());

        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).contains("10 interval(s), 10 already succeeded");
        assertThat(backfillRuns(home)).extracting(DagRunRow::id).isEqualTo(runs.stream().map(DagRunRow::id).toList());
        assertThat(backfillAudits(home)).as("one audit row per backfill, naming the OS user").hasSize(2)
                .allSatisfy(actor -> assertThat(actor).isEqualTo("cli:" + System.getProperty("user.name")));
    }

    @Test
    void a_dry_run_lists_the_intervals_and_creates_nothing() {
        Path home = dailyHome("{}");

        CliRunner.Result plan = CliRunner.run("dags", "backfill", "daily", "--from", "2026-01-01", "--to", "2026-01-03",
                "--dry-run", "--home", home.toString());

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("Dry run: 3 interval(s) of daily").contains("2026-01-01T00:00:00Z")
                .contains("2026-01-03T00:00:00Z").contains("would run");
        assertThat(backfillRuns(home)).isEmpty();
        assertThat(backfillAudits(home)).isEmpty();
    }

    @Test
    void failed_intervals_stay_failed_unless_rerun_failed_tasks_and_runs_carry_the_conf() throws Exception {
        Path marker = java.nio.file.Files.createTempFile("backfill-fail", ".flag");
        Path home = dailyHome(marker.toString());
        String[] range = {"dags", "backfill", "daily", "--from", "2026-01-01", "--to", "2026-01-02", "--home", home.toString()};

        CliRunner.Result failing = CliRunner.run(concat(range, "--conf", "{\"team\": \"finance\"}"));
        assertThat(failing.exitCode()).as("the task fails while the marker exists").isEqualTo(1);
        java.nio.file.Files.delete(marker);
        CliRunner.Result left = CliRunner.run(range);
        assertThat(left.exitCode()).isEqualTo(1);
        assertThat(left.out()).contains("2 failed before (left failed");
        assertThat(backfillRuns(home)).allSatisfy(r -> assertThat(r.state()).isEqualTo(DagRunState.FAILED));

        CliRunner.Result rerun = CliRunner.run(concat(range, "--rerun-failed-tasks"));

        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        assertThat(backfillRuns(home)).hasSize(2).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(DagRunState.SUCCESS);
            assertThat(r.conf()).contains("finance");
        });
    }

    @Test
    void max_active_runs_one_runs_the_intervals_one_after_another() {
        Path home = dailyHome("{}");

        CliRunner.Result result = CliRunner.run("dags", "backfill", "daily", "--from", "2026-01-01", "--to", "2026-01-04",
                "--max-active-runs", "1", "--home", home.toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        List<DagRunRow> runs = backfillRuns(home);
        assertThat(runs).hasSize(4);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).startDate()).as("run %d starts after run %d ended", i + 1, i)
                    .isAfterOrEqualTo(runs.get(i - 1).endDate());
        }
        assertThat(backfillAudits(home)).as("one audit row per run created as a slot freed").hasSize(4);
        assertThat(CliRunner.run("dags", "backfill", "daily", "--from", "2026-01-01", "--to", "2026-01-04",
                "--max-active-runs", "0", "--home", home.toString()).exitCode()).isEqualTo(2);
    }

    /** "daily": three tasks, running up to 3 runs at once; its middle task fails while the given file exists. */
    private static Path dailyHome(String failWhileExists) {
        Path home = TestEngine.fresh();
        TestJars.provider(home.resolve("dags").resolve("daily.jar"), "daily", """
                return List.of(Dag.builder("daily").schedule("@daily").startDate(LocalDate.of(2025, 1, 1)).catchup(false)
                        .maxActiveRuns(3).task("extract", c -> {})
                        .task("check", c -> { if (java.nio.file.Files.exists(java.nio.file.Path.of("%s"))) throw new IllegalStateException("flag"); })
                        .task("load", c -> {}).chain("extract", "check", "load").build());
                """.formatted(failWhileExists));
        return home;
    }

    private static String[] concat(String[] first, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(more)).toArray(String[]::new);
    }

    private static List<String> backfillAudits(Path home) {
        try (Database database = Database.connect(TestDatabase.config(home))) {
            return database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT username FROM audit_log WHERE event = 'cli.post_backfill' AND dag_id = 'daily' ORDER BY id")
                    .mapTo(String.class).list());
        }
    }

    private static List<DagRunRow> backfillRuns(Path home) {
        try (Database database = Database.connect(TestDatabase.config(home))) {
            return database.transactions().withHandle(h -> new DagRuns().ofDag(h, "daily", 100, 0)).stream()
                    .filter(r -> r.runType() == RunType.BACKFILL)
                    .sorted(Comparator.comparing(DagRunRow::logicalDate)).toList();
        }
    }
}
