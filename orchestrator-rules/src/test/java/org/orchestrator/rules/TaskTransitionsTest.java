package org.orchestrator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orchestrator.api.TaskState.FAILED;
import static org.orchestrator.api.TaskState.NONE;
import static org.orchestrator.api.TaskState.QUEUED;
import static org.orchestrator.api.TaskState.REMOVED;
import static org.orchestrator.api.TaskState.RUNNING;
import static org.orchestrator.api.TaskState.SCHEDULED;
import static org.orchestrator.api.TaskState.SKIPPED;
import static org.orchestrator.api.TaskState.SUCCESS;
import static org.orchestrator.api.TaskState.UPSTREAM_FAILED;
import static org.orchestrator.api.TaskState.UP_FOR_RETRY;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orchestrator.api.TaskState;

/** The transition table, checked from every state. */
class TaskTransitionsTest {

    private static final Map<TaskState, Set<TaskState>> EXPECTED = Map.of(
            NONE, EnumSet.of(SCHEDULED, UPSTREAM_FAILED, SKIPPED, REMOVED, SUCCESS, FAILED),
            SCHEDULED, EnumSet.of(QUEUED, NONE, REMOVED, SUCCESS, FAILED),
            QUEUED, EnumSet.of(RUNNING, SCHEDULED, SUCCESS, FAILED),
            RUNNING, EnumSet.of(SUCCESS, FAILED, UP_FOR_RETRY, SKIPPED, NONE),
            UP_FOR_RETRY, EnumSet.of(SCHEDULED, NONE, SUCCESS, FAILED),
            SUCCESS, EnumSet.of(NONE, FAILED),
            FAILED, EnumSet.of(NONE, SUCCESS),
            UPSTREAM_FAILED, EnumSet.of(NONE, SUCCESS, FAILED),
            SKIPPED, EnumSet.of(NONE, SUCCESS, FAILED),
            REMOVED, EnumSet.of(NONE, SUCCESS, FAILED));

    @ParameterizedTest
    @EnumSource(TaskState.class)
    void each_state_allows_exactly_its_moves(TaskState from) {
        assertThat(TaskTransitions.allowedFrom(from)).isEqualTo(EXPECTED.get(from));
        for (TaskState to : TaskState.values()) {
            if (!EXPECTED.get(from).contains(to)) {
                assertThatThrownBy(() -> TaskTransitions.check(from, to))
                        .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                            assertThat(e.from()).isEqualTo(from);
                            assertThat(e.to()).isEqualTo(to);
                        });
            }
        }
    }
}
