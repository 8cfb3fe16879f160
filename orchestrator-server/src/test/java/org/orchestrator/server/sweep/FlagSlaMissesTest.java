package org.orchestrator.server.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;
import org.orchestrator.server.state.CallbackRequests;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.RunType;
import org.orchestrator.server.testing.SettableClock;

/** SLA misses by the clock: a run is flagged once its deadline passed, exactly once, and never when finished in time. */
class FlagSlaMissesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration SLA = Duration.ofMinutes(30);

    private final SweepDb db = new SweepDb();
    private final SettableClock clock = new SettableClock(T0);
    private final AtomicInteger woken = new AtomicInteger();
    private final FlagSlaMisses chore = new FlagSlaMisses(db.transactions(), db.bag(), clock, woken::incrementAndGet);
    private final Dag dag = Dag.builder("orders").sla(SLA).onSlaMiss(e -> { }).task("load", ctx -> { }).build();

    FlagSlaMissesTest() {
        db.pin(dag);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_manual_run_is_judged_from_when_it_was_queued() {
        DagRunRow run = db.queuedRun(dag, "manual__1", RunType.MANUAL, new DataInterval(T0, T0), T0);

        clock.set(T0.plus(SLA));
        chore.run();
        assertThat(db.run(run).slaMissedAt()).isNull();

        clock.advance(Duration.ofSeconds(1));
        chore.run();
        assertThat(db.run(run).slaMissedAt()).isEqualTo(clock.instant());
        assertThat(woken).hasValue(1);
    }

    @Test
    void a_scheduled_run_is_judged_from_the_end_of_its_data_interval() {
        Instant intervalEnd = T0.plus(Duration.ofDays(1));
        // Queued long before its interval ended (a catchup run): the queue time does not count.
        DagRunRow run = db.queuedRun(dag, "scheduled__1", RunType.SCHEDULED, new DataInterval(T0, intervalEnd), T0);

        clock.set(intervalEnd.plus(SLA).minusSeconds(1));
        chore.run();
        assertThat(db.run(run).slaMissedAt()).isNull();

        clock.set(intervalEnd.plus(SLA).plusSeconds(1));
        chore.run();
        assertThat(db.run(run).slaMissedAt()).isEqualTo(clock.instant());
    }

    @Test
    void a_miss_asks_for_the_callbacks_once_however_often_the_sweep_runs() {
        DagRunRow run = db.queuedRun(dag, "manual__1", RunType.MANUAL, new DataInterval(T0, T0), T0);

        clock.set(T0.plus(SLA).plusSeconds(1));
        chore.run();
        clock.advance(Duration.ofHours(1));
        chore.run();

        assertThat(db.callbackRequests()).singleElement().satisfies(request -> {
            assertThat(request.event()).isEqualTo(CallbackRequests.SLA_MISS);
            assertThat(request.runId()).isEqualTo(run.runId());
        });
        assertThat(woken).hasValue(1);
    }

    @Test
    void a_run_that_finished_in_time_is_never_flagged() {
        DagRunRow run = db.runningRun(dag, "manual__1", T0);
        db.transactions().useTransaction(h -> new DagRuns().finish(h, run.id(), DagRunState.SUCCESS, T0.plusSeconds(60)));

        clock.set(T0.plus(SLA).plus(Duration.ofHours(1)));
        chore.run();

        assertThat(db.run(run).slaMissedAt()).isNull();
        assertThat(db.callbackRequests()).isEmpty();
        assertThat(woken).hasValue(0);
    }
}
