package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * V20: on PostgreSQL the index that leads with state holds only the states looked up by state
 * alone, not the finished instances a history is made of, and the claim still walks it.
 */
@Tag("postgresql")
class ReadyIndexOnPostgresTest {

    private final StateDb db = StateDb.openPostgres();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void the_ready_index_leaves_out_successful_skipped_and_removed_instances() {
        String definition = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'task_instance_ready'")
                .mapTo(String.class).one());

        assertThat(definition).contains("WHERE").contains("'scheduled'").contains("'running'")
                .doesNotContain("'success'").doesNotContain("'skipped'");
    }

    @Test
    void the_claim_and_the_slot_counts_can_use_the_partial_index() {
        List<String> claim = planWithoutSeqScan("SELECT id FROM task_instance WHERE state = 'scheduled' AND stopping_try IS NULL "
                + "ORDER BY state, priority_weight DESC, id LIMIT 10");
        List<String> active = planWithoutSeqScan("SELECT dag_id, COUNT(*) FROM task_instance WHERE state IN ('queued', 'running') "
                + "GROUP BY dag_id");

        assertThat(String.join("\n", claim)).contains("task_instance_ready");
        assertThat(String.join("\n", active)).contains("task_instance_ready");
    }

    @Test
    void a_claim_still_finds_what_is_scheduled() {
        List<Long> ids = db.scheduled(db.run("d", "r1", Instant.parse("2026-01-01T00:00:00Z")), 3);

        List<Long> ready = db.transactions().inTransaction(h -> new TaskInstances().ready(h, 10)).stream()
                .map(TaskInstanceRow::id).toList();

        assertThat(ready).containsExactlyInAnyOrderElementsOf(ids);
    }

    private List<String> planWithoutSeqScan(String sql) {
        return db.jdbi().inTransaction(h -> {
            // On an empty table any plan is cheapest; forbid the sequential scan to see whether the index qualifies.
            h.execute("SET LOCAL enable_seqscan = off");
            return h.createQuery("EXPLAIN " + sql).mapTo(String.class).list();
        });
    }
}
