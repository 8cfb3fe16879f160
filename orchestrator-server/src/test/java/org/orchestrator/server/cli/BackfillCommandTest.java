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
