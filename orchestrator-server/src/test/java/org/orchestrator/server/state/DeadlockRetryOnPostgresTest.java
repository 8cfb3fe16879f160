package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL reports a deadlock as SQLState 40P01, not 40001: the loser is run again like a
 * serialization failure instead of reaching the caller (an API request would answer 500).
 */
@Tag("postgresql")
class DeadlockRetryOnPostgresTest {

    private final StateDb db = StateDb.openPostgres();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        threads.shutdownNow();
        db.close();
    }

    @Test
    void two_transactions_locking_in_opposite_order_both_commit() throws Exception {
        List<Long> ids = db.scheduled(db.run("d", "r1", Instant.parse("2026-01-01T00:00:00Z")), 2);
        CountDownLatch bothHoldTheirFirstRow = new CountDownLatch(2);

        Future<Integer> forward = threads.submit(() -> lockBoth(ids.get(0), ids.get(1), 10, bothHoldTheirFirstRow));
        Future<Integer> backward = threads.submit(() -> lockBoth(ids.get(1), ids.get(0), 20, bothHoldTheirFirstRow));

        assertThat(forward.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(backward.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        // Both committed, in some order: each row carries the weight of whichever wrote it last, and
        // the deadlock's loser, run again, wrote both rows last.
        assertThat(List.of(db.instance(ids.get(0)).priorityWeight(), db.instance(ids.get(1)).priorityWeight()))
                .isIn(List.of(10, 10), List.of(20, 20));
    }

    /** Updates two rows in this order; the latch (already open on a rerun) makes both threads hold their first row. */
    private int lockBoth(long first, long second, int weight, CountDownLatch latch) throws InterruptedException {
        return db.jdbi().inTransaction(h -> {
            int rows = h.execute("UPDATE task_instance SET priority_weight = ? WHERE id = ?", weight, first);
            latch.countDown();
            latch.await(10, TimeUnit.SECONDS);
            return rows + h.execute("UPDATE task_instance SET priority_weight = ? WHERE id = ?", weight, second);
        });
    }
}
