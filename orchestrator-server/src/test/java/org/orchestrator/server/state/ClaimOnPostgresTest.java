package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the claim query locks what it reads and skips what others hold
 * ({@code FOR UPDATE SKIP LOCKED}): claimers on several nodes never wait for one another and never
 * start the same instance twice. Runs on PostgreSQL whatever database the suite selects.
 */
@Tag("postgresql")
class ClaimOnPostgresTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final StateDb db = StateDb.openPostgres();
    private final TaskInstances tis = new TaskInstances();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void close() {
        threads.shutdownNow();
        db.close();
    }

    @Test
    void rows_held_by_one_claimer_are_skipped_by_another_which_does_not_wait() throws Exception {
        List<Long> ids = db.scheduled(db.run("d", "r1", NOW), 5);
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<List<Long>> first = threads.submit(() -> db.transactions().inTransaction(h -> {
            List<Long> held = idsOf(tis.ready(h, 3));
            firstHolds.countDown();
            release.await(30, TimeUnit.SECONDS);
            return held;
        }));
        assertThat(firstHolds.await(30, TimeUnit.SECONDS)).isTrue();

        // While the first transaction holds its rows, the second answers at once (bounded by a timeout).
        List<Long> second = threads.submit(() -> db.transactions().inTransaction(h -> idsOf(tis.ready(h, 10))))
                .get(5, TimeUnit.SECONDS);
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(second).containsExactlyElementsOf(ids.subList(3, 5));
    }

    @Test
    void concurrent_claimers_start_every_instance_exactly_once() throws Exception {
        List<Long> ids = db.scheduled(db.run("d", "r1", NOW), 200);
        ConcurrentLinkedQueue<Long> started = new ConcurrentLinkedQueue<>();
        List<Future<?>> claimers = new ArrayList<>();
        for (int node = 0; node < 4; node++) {
            String name = "node-" + node;
            claimers.add(threads.submit(() -> {
                List<TaskInstanceRow> batch;
                do {
                    batch = db.transactions().inTransaction(h -> claim(h, name));
                    batch.forEach(ti -> started.add(ti.id()));
                } while (!batch.isEmpty());
                return null;
            }));
        }
        for (Future<?> claimer : claimers) {
            claimer.get(60, TimeUnit.SECONDS);
        }

        Set<Long> distinct = new HashSet<>(started);
        assertThat(started).hasSize(ids.size());
        assertThat(distinct).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ids).allSatisfy(id -> assertThat(db.instance(id).tryNumber()).isEqualTo(1));
    }

    private List<TaskInstanceRow> claim(Tx h, String node) {
        return tis.claimAndStart(h, tis.ready(h, 7), node, NOW);
    }

    private static List<Long> idsOf(List<TaskInstanceRow> rows) {
        return rows.stream().map(TaskInstanceRow::id).toList();
    }
}
