package org.orchestrator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orchestrator.api.DagRunState.FAILED;
import static org.orchestrator.api.DagRunState.QUEUED;
import static org.orchestrator.api.DagRunState.RUNNING;
import static org.orchestrator.api.DagRunState.SUCCESS;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orchestrator.api.DagRunState;

/** The DAG-run transition table, checked from every state. */
class DagRunTransitionsTest {

    private static final Map<DagRunState, Set<DagRunState>> EXPECTED = Map.of(
            QUEUED, EnumSet.of(RUNNING, SUCCESS, FAILED),
            RUNNING, EnumSet.of(SUCCESS, FAILED, QUEUED),
            SUCCESS, EnumSet.of(FAILED, QUEUED),
            FAILED, EnumSet.of(SUCCESS, QUEUED));

    @ParameterizedTest
    @EnumSource(DagRunState.class)
    void each_state_allows_exactly_its_moves(DagRunState from) {
        assertThat(DagRunTransitions.allowedFrom(from)).isEqualTo(EXPECTED.get(from));
        for (DagRunState to : DagRunState.values()) {
            if (EXPECTED.get(from).contains(to)) {
                DagRunTransitions.check(from, to);
            } else {
                assertThatThrownBy(() -> DagRunTransitions.check(from, to))
                        .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                            assertThat(e.from()).isEqualTo(from);
                            assertThat(e.to()).isEqualTo(to);
                        })
                        .hasMessage("DAG run cannot move from " + from.wireName() + " to " + to.wireName());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DagRunState.class, names = {"SUCCESS", "FAILED"})
    void a_finished_run_goes_back_to_work_only_through_queued(DagRunState finished) {
        assertThat(DagRunTransitions.isAllowed(finished, RUNNING)).isFalse();
        assertThat(DagRunTransitions.isAllowed(finished, QUEUED)).isTrue();
    }
}
