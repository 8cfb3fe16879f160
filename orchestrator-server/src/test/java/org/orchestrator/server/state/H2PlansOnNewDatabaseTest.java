package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.TestDatabase;

/**
 * H2 keeps the plan a connection made for a statement as long as the connection lives, and the
 * engine's connections make theirs while a new database is empty. A guarded move must be planned
 * on the primary key even then: planned on the index that starts with state, every move scanned
 * every instance in that state (V19 tells H2 how few values a state column holds); reading a run's
 * named instances walked every instance of the run (V21 says the same of run_pk and task_id).
 */
class H2PlansOnNewDatabaseTest {

    private StateDb db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void a_guarded_move_of_a_task_instance_is_planned_on_the_primary_key_while_the_table_is_empty() {
        assertThat(planOf("UPDATE task_instance SET state = 'scheduled' WHERE id = 7 AND state = 'none'"))
                .contains("PRIMARY_KEY").doesNotContain("TASK_INSTANCE_READY");
    }

    @Test
    void a_guarded_move_of_a_run_is_planned_on_the_primary_key_while_the_table_is_empty() {
        assertThat(planOf("UPDATE dag_run SET state = 'success' WHERE id = 7 AND state = 'running'"))
                .contains("PRIMARY_KEY").doesNotContain("DAG_RUN_STATE");
    }

    @Test
    void reading_a_runs_named_instances_probes_the_run_and_task_index_once_per_name_before_any_analyze() {
        // As when a 1,000-task run was just triggered on a new database: rows, no statistics yet.
        String plan = planOf("SELECT " + TaskInstanceRow.columns("ti.") + " FROM (VALUES ('t5'), ('t6')) AS named(task_id)"
                        + " JOIN task_instance ti ON ti.task_id = named.task_id WHERE ti.run_pk = 1",
                "INSERT INTO dag_run (id, dag_id, run_id, run_type, logical_date, data_interval_start, data_interval_end, state)"
                        + " VALUES (1, 'd', 'r', 'manual', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'running')",
                "INSERT INTO task_instance (run_pk, dag_id, run_id, task_id, state, max_tries, pool, priority_weight)"
                        + " SELECT 1, 'd', 'r', 't' || X, 'none', 1, 'default_pool', 1 FROM SYSTEM_RANGE(0, 999)");
        assertThat(plan.indexOf("VALUES")).as(plan).isLessThan(plan.indexOf("TASK_INSTANCE\" \"TI\""));
        assertThat(plan).contains("TASK_INSTANCE_TASK_INDEX").contains("TASK_ID = NAMED.TASK_ID");
    }

    @Test
    void the_ready_query_still_walks_the_ready_index() {
        assertThat(planOf("SELECT id FROM task_instance WHERE state = 'scheduled' ORDER BY priority_weight DESC, id LIMIT 10"))
                .contains("TASK_INSTANCE_READY");
    }

    private String planOf(String sql, String... before) {
        assumeFalse(TestDatabase.postgres(), "a plan H2 makes; PostgreSQL plans each execution with its statistics");
        db = StateDb.open();
        db.jdbi().useHandle(h -> java.util.Arrays.stream(before).forEach(h::execute));
        return db.jdbi().withHandle(h -> h.createQuery("EXPLAIN " + sql).mapTo(String.class).one());
    }
}
