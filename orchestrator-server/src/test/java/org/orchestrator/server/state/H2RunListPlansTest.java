package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orchestrator.server.state.DagRunQueries.RunFilter;
import org.orchestrator.server.testing.TestDatabase;

/**
 * One DAG's runs are listed from a page of a V18 index in its own order ({@code index sorted}),
 * not by reading every run of the DAG and sorting them: on an empty table (the plan a connection
 * keeps, see H2PlansOnNewDatabaseTest) and over a history.
 */
class H2RunListPlansTest {

    private StateDb db;

    @BeforeEach
    void open() {
        assumeFalse(TestDatabase.postgres(), "a plan H2 makes; PostgreSQL walks any b-tree index in either direction");
        db = StateDb.open();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 40})
    void a_dags_runs_in_id_order_are_one_page_of_the_dag_and_id_index(int historyRuns) {
        load(historyRuns);
        String order = DagRunQueries.withinOneDag(oneDag(), " ORDER BY id ASC");
        assertThat(plan("SELECT id FROM dag_run WHERE dag_id = :dag" + order + " LIMIT 25"))
                .contains("DAG_RUN_DAG_ID").contains("index sorted");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 40})
    void a_dags_newest_runs_are_one_page_of_the_newest_first_index(int historyRuns) {
        load(historyRuns);
        String order = DagRunQueries.withinOneDag(oneDag(), " ORDER BY logical_date DESC, id DESC");
        assertThat(plan("SELECT id FROM dag_run WHERE dag_id = :dag" + order + " LIMIT 25"))
                .contains("DAG_RUN_DAG_NEWEST").contains("index sorted");
        assertThat(plan(RecentRuns.SQL.replace(":perDag", "10"))).contains("DAG_RUN_DAG_NEWEST").contains("index sorted");
    }

    @Test
    void runs_of_several_dags_keep_the_order_asked_for() {
        RunFilter two = new RunFilter(List.of("a", "b"), List.of(), Range.any(), Range.any(), Range.any());
        assertThat(DagRunQueries.withinOneDag(two, " ORDER BY id ASC")).isEqualTo(" ORDER BY id ASC");
        assertThat(DagRunQueries.withinOneDag(oneDag(), " ORDER BY id ASC")).isEqualTo(" ORDER BY dag_id, id ASC");
    }

    private void load(int runs) {
        if (runs > 0) {
            db.transactions().useTransaction(tx -> new SyntheticHistory().load(tx, "a", 0, runs, 1, Instant.parse("2026-01-01T00:00:00Z")));
        }
    }

    private static RunFilter oneDag() {
        return new RunFilter(List.of("a"), List.of(), Range.any(), Range.any(), Range.any());
    }

    private String plan(String sql) {
        List<String> plan = db.jdbi().withHandle(h -> h.createQuery("EXPLAIN " + sql).bind("dag", "a").mapTo(String.class).list());
        return String.join("\n", plan);
    }
}
