package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.DagRunState;
import org.orchestrator.rules.IllegalTransitionException;

/** {@link DagRuns#setState} moves a run only as the run transition table allows, and only from the state it is in. */
class DagRunStateChangeTest {

    private static final Instant DAY = Instant.parse("2026-01-01T00:00:00Z");

    private final StateDb db = StateDb.open();
    private final DagRuns runs = new DagRuns();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_finished_run_cannot_be_set_running_and_stays_as_it_was() {
        long run = db.run("orders", "manual__1", DAY);
        db.transactions().useTransaction(h -> assertThat(runs.setState(h, run, DagRunState.QUEUED, DagRunState.SUCCESS, DAY)).isTrue());

        assertThatThrownBy(() -> db.transactions().useTransaction(h ->
                runs.setState(h, run, DagRunState.SUCCESS, DagRunState.RUNNING, DAY)))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("DAG run cannot move from success to running");
        assertThat(state(run)).isEqualTo(DagRunState.SUCCESS);
    }

    @Test
    void a_cleared_run_goes_back_to_queued_only_from_the_state_it_is_in() {
        long run = db.run("orders", "manual__1", DAY);
        db.transactions().useTransaction(h -> runs.setState(h, run, DagRunState.QUEUED, DagRunState.FAILED, DAY));

        boolean fromStale = db.transactions().inTransaction(h -> runs.setState(h, run, DagRunState.SUCCESS, DagRunState.QUEUED, DAY));
        boolean fromCurrent = db.transactions().inTransaction(h -> runs.setState(h, run, DagRunState.FAILED, DagRunState.QUEUED, DAY));

        assertThat(fromStale).isFalse();
        assertThat(fromCurrent).isTrue();
        assertThat(state(run)).isEqualTo(DagRunState.QUEUED);
    }

    private DagRunState state(long run) {
        return db.transactions().withHandle(h -> runs.find(h, run).orElseThrow().state());
    }
}
