package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/**
 * Why EngineSmokeTest once read task {@code c} as running right after its run read success: on
 * H2 a query could be answered from a result the connection cached while another transaction was
 * writing, after that transaction had committed (H2 2.3 bumps a table's change counter only after
 * the commit is visible). A later read on another connection then went back in time. The engine
 * and the API read through such pooled connections, so reads must never go back in time: a
 * writer ends a try and finishes its run in one transaction, as the completer does, and a reader
 * that saw the run finished must see the try ended.
 */
class ReadConsistencyTest {

    private static final long CHECKS = 20_000;

    @Test
    void a_read_never_sees_an_older_commit_than_a_read_made_before_it_on_another_connection() throws Exception {
        try (Database database = Database.open(TestDatabase.config(TestEngine.fresh()))) {
            Jdbi jdbi = database.jdbi();
            database.schemaOwnerJdbi().useHandle(h -> {
                h.execute("CREATE TABLE race_run (id INT PRIMARY KEY, state VARCHAR(20), gen INT)");
                h.execute("CREATE TABLE race_ti (id INT PRIMARY KEY, run_pk INT, state VARCHAR(20), gen INT)");
                h.execute("CREATE INDEX race_ti_run_state ON race_ti (run_pk, state)");
                h.execute("INSERT INTO race_run VALUES (1, 'running', 0)");
                h.execute("INSERT INTO race_ti VALUES (1, 1, 'running', 0), (2, 1, 'success', 0)");
            });
            BlockingQueue<Handle> shared = new LinkedBlockingQueue<>();
            for (int i = 0; i < 4; i++) {
                shared.add(jdbi.open());
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong checks = new AtomicLong();
            AtomicLong backInTime = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            threads.add(Thread.ofPlatform().start(() -> write(jdbi, stop)));
            for (int i = 0; i < 2; i++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        onShared(shared, ReadConsistencyTest::tiGeneration);
                    }
                }));
                threads.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        int run = onShared(shared, ReadConsistencyTest::runGeneration);
                        int ti = onShared(shared, ReadConsistencyTest::tiGeneration);
                        checks.incrementAndGet();
                        if (ti < run) {
                            backInTime.incrementAndGet();
                        }
                    }
                }));
            }
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> checks.get() >= CHECKS);
            } finally {
                stop.set(true);
                for (Thread thread : threads) {
                    thread.join();
                }
                shared.forEach(Handle::close);
            }

            assertThat(backInTime.get()).as("reads that saw an older commit than the read before them, in %s checks", checks)
                    .isZero();
        }
    }

    @Test
    void result_reuse_is_turned_off_for_every_h2_url_and_left_alone_elsewhere() {
        assertThat(Database.withoutResultReuse("jdbc:h2:async:/x;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:async:/x;WRITE_DELAY=0;OPTIMIZE_REUSE_RESULTS=FALSE");
        assertThat(Database.withoutResultReuse("jdbc:h2:/x;optimize_reuse_results=0")).isEqualTo("jdbc:h2:/x;optimize_reuse_results=0");
        assertThat(Database.withoutResultReuse("jdbc:postgresql://db/x")).isEqualTo("jdbc:postgresql://db/x");
    }

    /** Ends the try and finishes the run in one transaction (even generations), then resets both (odd ones). */
    private static void write(Jdbi jdbi, AtomicBoolean stop) {
        for (int g = 1; !stop.get(); g++) {
            int done = 2 * g;
            jdbi.useTransaction(h -> set(h, "success", done));
            jdbi.useTransaction(h -> set(h, "running", done + 1));
        }
    }

    private static void set(Handle h, String state, int gen) {
        h.execute("UPDATE race_ti SET state = ?, gen = ? WHERE id = 1", state, gen);
        h.execute("UPDATE race_run SET state = ?, gen = ? WHERE id = 1", state, gen);
    }

    private static int runGeneration(Handle h) {
        return h.createQuery("SELECT gen FROM race_run WHERE id = 1").mapTo(Integer.class).one();
    }

    private static int tiGeneration(Handle h) {
        return h.createQuery("SELECT gen FROM race_ti WHERE run_pk = 1 ORDER BY id").mapTo(Integer.class).first();
    }

    private static int onShared(BlockingQueue<Handle> shared, Function<Handle, Integer> read) {
        Handle h;
        try {
            h = shared.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            return read.apply(h);
        } finally {
            shared.add(h);
        }
    }
}
