package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.state.DagRunQueries.RunFilter;
import org.orchestrator.server.state.GridQueries.Grid;
import org.orchestrator.server.state.GridQueries.GridFilter;
import org.orchestrator.server.state.GridQueries.GridRun;
import org.orchestrator.server.state.RecentRuns.RunDot;
import org.orchestrator.server.testing.TestDatabase;

/**
 * One DAG's runs are read as a page of an index led by the DAG (issue 18, V18): the API's run
 * list in its default and newest-first orders, the grid's newest runs and the dashboard's recent
 * runs must still be exactly that DAG's runs, in order, with the totals, beside another DAG's.
 */
class RunListsTest {

    private static StateDb db;
    private static Reads reads;

    @BeforeAll
    static void history() {
        db = StateDb.open();
        reads = new Reads(db.transactions(), TestDatabase.postgres());
        SyntheticHistory history = new SyntheticHistory();
        Instant newest = Instant.parse("2026-01-01T00:00:00Z");
        // Interleaved: the DAGs' runs alternate in id order, as DAGs that run side by side do.
        for (int first = 0; first < 30; first += 3) {
            int from = first;
            db.transactions().useTransaction(tx -> history.load(tx, "a", from, 3, 1, newest));
            db.transactions().useTransaction(tx -> history.load(tx, "b", from, 3, 1, newest.plusSeconds(60)));
        }
        db.jdbi().useHandle(h -> {
            h.execute("INSERT INTO dag (dag_id) VALUES ('a'), ('b')");
            h.execute("UPDATE dag_run SET state = 'failed' WHERE dag_id = 'a' AND run_id IN ('history__0000004', 'history__0000017')");
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void one_dags_runs_page_in_id_order_with_the_dags_total() {
        List<DagRunRow> paged = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 7) {
            Listing<DagRunRow> page = reads.runs(filter(List.of("a"), List.of()), null, new Page(7, offset));
            assertThat(page.totalEntries()).isEqualTo(30);
            paged.addAll(page.items());
        }
        assertThat(paged).hasSize(30).allSatisfy(run -> assertThat(run.dagId()).isEqualTo("a"))
                .isSortedAccordingTo(Comparator.comparingLong(DagRunRow::id));
    }

    @Test
    void newest_first_and_state_filtered_pages_hold_the_dags_newest_matching_runs() {
        List<DagRunRow> newest = reads.runs(filter(List.of("b"), List.of()), "-execution_date", new Page(5, 2)).items();
        assertThat(newest).extracting(DagRunRow::runId)
                .containsExactly("history__0000002", "history__0000003", "history__0000004", "history__0000005", "history__0000006");
        Listing<DagRunRow> failed = reads.runs(filter(List.of("a"), List.of("failed")), "-execution_date", new Page(25, 0));
        assertThat(failed.totalEntries()).isEqualTo(2);
        assertThat(failed.items()).extracting(DagRunRow::runId).containsExactly("history__0000004", "history__0000017");
        assertThat(reads.runs(filter(List.of("a", "b"), List.of()), "-execution_date", new Page(2, 0)).items())
                .extracting(run -> run.dagId() + "/" + run.runId()).containsExactly("b/history__0000000", "a/history__0000000");
    }

    @Test
    void the_grid_and_recent_runs_show_each_dags_newest_runs() {
        Grid grid = reads.grid("a", 4, new GridFilter(List.of(), List.of(), Range.any()), runs -> List.of()).orElseThrow();
        assertThat(grid.totalRuns()).isEqualTo(30);
        assertThat(grid.runs()).as("oldest first").extracting(GridRun::dagRunId)
                .containsExactly("history__0000003", "history__0000002", "history__0000001", "history__0000000");
        Grid failed = reads.grid("a", 4, new GridFilter(List.of("failed"), List.of(), Range.any()), runs -> runs).orElseThrow();
        assertThat(failed.runs()).extracting(GridRun::dagRunId).containsExactly("history__0000017", "history__0000004");
        assertThat(failed.cells()).hasSize(2);

        Map<String, List<RunDot>> recent = reads.recentRuns(List.of("b", "a", "nope", "a"), 3);
        assertThat(recent.keySet()).containsExactly("a", "b");
        assertThat(recent.get("b")).extracting(RunDot::dagRunId)
                .containsExactly("history__0000000", "history__0000001", "history__0000002");
        assertThat(recent.get("a").get(0).logicalDate()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static RunFilter filter(List<String> dagIds, List<String> states) {
        return new RunFilter(dagIds, states, Range.any(), Range.any(), Range.any());
    }
}
