package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * V17: on PostgreSQL the index of instances whose try is being stopped holds only those rows (a
 * partial index), and the pending-stop lookup ({@code stopping_try > 0}) can still use it.
 */
@Tag("postgresql")
class StoppingIndexOnPostgresTest {

    private final StateDb db = StateDb.openPostgres();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theStoppingIndexHoldsOnlyInstancesWithATryToStop() {
        String definition = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'task_instance_stopping'")
                .mapTo(String.class).one());

        assertThat(definition).contains("(stopping_try)").contains("WHERE (stopping_try IS NOT NULL)");
    }

    @Test
    void thePendingStopLookupCanUseThePartialIndex() {
        List<String> plan = db.jdbi().inTransaction(h -> {
            // On an empty table any plan is cheapest; forbid the sequential scan to see whether the index qualifies.
            h.execute("SET LOCAL enable_seqscan = off");
            return h.createQuery("EXPLAIN SELECT id FROM task_instance WHERE " + TryStops.PENDING).mapTo(String.class).list();
        });

        assertThat(String.join("\n", plan)).contains("task_instance_stopping");
    }
}
