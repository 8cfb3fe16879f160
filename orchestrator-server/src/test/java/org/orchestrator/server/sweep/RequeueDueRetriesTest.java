package org.orchestrator.server.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.SettableClock;

/** The chore that catches retries whose Quartz timer was lost: it moves them when the clock says they are due, not before. */
class RequeueDueRetriesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final SweepDb db = new SweepDb();
    private final SettableClock clock = new SettableClock(T0);
    private final AtomicInteger woken = new AtomicInteger();
    private final RequeueDueRetries chore = new RequeueDueRetries(db.transactions(), clock, woken::incrementAndGet);
    private final Dag dag = Dag.builder("flaky").task("load", ctx -> { }, t -> t.retries(2)).build();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_retry_is_not_requeued_before_it_is_due() {
        DagRunRow run = db.runningRun(dag, "manual__1", T0);
        db.force(run, "load", TaskState.UP_FOR_RETRY, T0.plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        chore.run();

        assertThat(db.state(run, "load")).isEqualTo(TaskState.UP_FOR_RETRY);
        assertThat(woken).hasValue(0);
    }

    @Test
    void a_due_retry_is_scheduled_once_and_the_executor_woken() {
        DagRunRow run = db.runningRun(dag, "manual__1", T0);
        db.force(run, "load", TaskState.UP_FOR_RETRY, T0.plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5));
        chore.run();
        chore.run();

        assertThat(db.state(run, "load")).isEqualTo(TaskState.SCHEDULED);
        assertThat(db.instances(run).get("load").nextRetryAt()).isNull();
        assertThat(db.instances(run).get("load").scheduledAt()).isEqualTo(clock.instant());
        assertThat(woken).hasValue(1);
    }
}
