package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceFilter;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.testing.TestDatabase;

/**
 * The task instance lists read a large history by two paths (issue 18): a filter on runs goes
 * through the run's key, any other pages over the instances alone and joins the page's runs. Both
 * must give the pages, orders and totals the one join gave. Two DAGs share run ids here, as
 * DAGs of a real deployment do ({@code scheduled__<date>}).
 */
class TaskInstanceListsTest {

    private static final int TASKS = 5;
    private static StateDb db;
    private static Reads reads;

    @BeforeAll
    static void history() {
        db = StateDb.open();
        reads = new Reads(db.transactions(), TestDatabase.postgres());
        SyntheticHistory history = new SyntheticHistory();
        Instant newest = Instant.parse("2026-01-01T00:00:00Z");
        db.transactions().useTransaction(tx -> history.load(tx, "a", 0, 6, TASKS, newest));
        db.transactions().useTransaction(tx -> history.load(tx, "b", 0, 4, TASKS, newest.plusSeconds(60)));
        db.jdbi().useHandle(h -> h.execute("UPDATE task_instance SET state = 'failed' WHERE dag_id = 'b' AND task_id = 'task_3'"));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void pages_of_every_instance_follow_the_id_order_and_total_every_instance() {
        for (String order : List.of("id", "-id")) {
            List<Long> paged = new ArrayList<>();
            for (int offset = 0; offset < 50; offset += 7) {
                Listing<TaskInstanceRecord> page = reads.taskInstances(filter(List.of(), List.of(), List.of()), order, new Page(7, offset));
                assertThat(page.totalEntries()).isEqualTo(50);
                page.items().forEach(ti -> paged.add(ti.ti().id()));
            }
            Comparator<Long> byId = order.equals("id") ? Comparator.naturalOrder() : Comparator.reverseOrder();
            assertThat(paged).hasSize(50).doesNotHaveDuplicates().isSortedAccordingTo(byId);
        }
    }

    @Test
    void every_instance_carries_its_own_runs_logical_date_on_either_path() {
        List<TaskInstanceRecord> all = reads.taskInstances(filter(List.of(), List.of(), List.of()), null, new Page(100, 0)).items();
        List<TaskInstanceRecord> b = reads.taskInstances(filter(List.of("b"), List.of("history__0000002"), List.of()), null,
                new Page(100, 0)).items();
        DagRunRow run = reads.run("b", "history__0000002").orElseThrow();
        assertThat(b).hasSize(TASKS).allSatisfy(ti -> assertThat(ti.logicalDate()).isEqualTo(run.logicalDate()));
        assertThat(all).filteredOn(ti -> ti.ti().runPk() == run.id())
                .allSatisfy(ti -> assertThat(ti.logicalDate()).isEqualTo(run.logicalDate())).hasSize(TASKS);
    }

    @Test
    void a_run_id_shared_by_two_dags_lists_only_the_asked_dags_instances() {
        Listing<TaskInstanceRecord> a = reads.taskInstances(filter(List.of("a"), List.of("history__0000003"), List.of()), null,
                new Page(100, 0));
        assertThat(a.totalEntries()).isEqualTo(TASKS);
        assertThat(a.items()).extracting(ti -> ti.ti().dagId() + "/" + ti.ti().runId()).containsOnly("a/history__0000003");
        assertThat(reads.taskInstances(filter(List.of(), List.of("history__0000003"), List.of()), null, new Page(100, 0))
                .totalEntries()).isEqualTo(2 * TASKS);
        assertThat(reads.taskInstance("b", "history__0000003", "task_3")).get()
                .satisfies(ti -> assertThat(ti.ti().dagId() + "/" + ti.ti().state().wireName()).isEqualTo("b/failed"));
        assertThat(reads.taskInstance("a", "history__0000005", "task_0")).isPresent();
        assertThat(reads.taskInstance("b", "history__0000005", "task_0")).isEmpty();
    }

    @Test
    void a_dag_or_state_filter_and_an_order_by_logical_date_count_and_order_as_before() {
        Listing<TaskInstanceRecord> b = reads.taskInstances(filter(List.of("b"), List.of(), List.of()), "-logical_date", new Page(6, 0));
        assertThat(b.totalEntries()).isEqualTo(4 * TASKS);
        assertThat(b.items()).hasSize(6).allSatisfy(ti -> assertThat(ti.ti().dagId()).isEqualTo("b"))
                .isSortedAccordingTo(Comparator.comparing(TaskInstanceRecord::logicalDate).reversed());
        Listing<TaskInstanceRecord> failed = reads.taskInstances(filter(List.of(), List.of(), List.of("failed")), "-id", new Page(3, 1));
        assertThat(failed.totalEntries()).isEqualTo(4);
        assertThat(failed.items()).hasSize(3).allSatisfy(ti -> assertThat(ti.ti().taskId()).isEqualTo("task_3"))
                .isSortedAccordingTo(Comparator.comparing((TaskInstanceRecord ti) -> ti.ti().id()).reversed());
    }

    private static TaskInstanceFilter filter(List<String> dagIds, List<String> runIds, List<String> states) {
        return new TaskInstanceFilter(dagIds, runIds, List.of(), states, List.of(), Range.any(), Range.any(), Range.any(), Range.any());
    }
}
