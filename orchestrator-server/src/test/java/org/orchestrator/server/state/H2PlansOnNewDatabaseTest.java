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
 * every instance in that state (V19 tells H2 how few values a state column holds).
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
    void the_ready_query_still_walks_the_ready_index() {
        assertThat(planOf("SELECT id FROM task_instance WHERE state = 'scheduled' ORDER BY priority_weight DESC, id LIMIT 10"))
                .contains("TASK_INSTANCE_READY");
    }

    private String planOf(String sql) {
        assumeFalse(TestDatabase.postgres(), "a plan H2 makes; PostgreSQL plans each execution with its statistics");
        db = StateDb.open();
        return db.jdbi().withHandle(h -> h.createQuery("EXPLAIN " + sql).mapTo(String.class).one());
    }
}
