package org.orchestrator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.api.TaskState.FAILED;
import static org.orchestrator.api.TaskState.RUNNING;
import static org.orchestrator.api.TaskState.SKIPPED;
import static org.orchestrator.api.TaskState.SUCCESS;
import static org.orchestrator.api.TaskState.UPSTREAM_FAILED;
import static org.orchestrator.rules.TriggerDecision.RUN;
import static org.orchestrator.rules.TriggerDecision.SKIP;
import static org.orchestrator.rules.TriggerDecision.WAIT;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.api.TriggerRule;

/** Pure rules, no database: what the engine decides while upstreams are still moving. */
class TriggerRulesTest {

    private static TriggerDecision decide(TriggerRule rule, TaskState... upstream) {
        return TriggerRules.decide(rule, UpstreamSummary.of(List.of(upstream)));
    }

    @Test
    void rules_that_need_every_upstream_wait_while_one_still_runs() {
        assertThat(decide(TriggerRule.ALL_SUCCESS, SUCCESS, RUNNING)).isEqualTo(WAIT);
        assertThat(decide(TriggerRule.ALL_DONE, FAILED, RUNNING)).isEqualTo(WAIT);
        assertThat(decide(TriggerRule.NONE_FAILED, SKIPPED, RUNNING)).isEqualTo(WAIT);
        assertThat(decide(TriggerRule.ALL_FAILED, FAILED, RUNNING)).isEqualTo(WAIT);
    }

    @Test
    void one_success_and_one_failed_fire_without_waiting_for_the_rest() {
        assertThat(decide(TriggerRule.ONE_SUCCESS, SUCCESS, RUNNING)).isEqualTo(RUN);
        assertThat(decide(TriggerRule.ONE_FAILED, UPSTREAM_FAILED, RUNNING)).isEqualTo(RUN);
    }

    @Test
    void a_failure_upstream_settles_all_success_at_once() {
        assertThat(decide(TriggerRule.ALL_SUCCESS, FAILED, RUNNING)).isEqualTo(TriggerDecision.UPSTREAM_FAILED);
        assertThat(decide(TriggerRule.ALL_SUCCESS, SKIPPED, SUCCESS)).isEqualTo(SKIP);
    }

    @Test
    void a_task_without_upstream_always_runs() {
        for (TriggerRule rule : TriggerRule.values()) {
            assertThat(decide(rule)).isEqualTo(RUN);
        }
    }

    @Test
    void the_run_is_failed_only_by_a_failed_leaf_once_everything_finished() {
        Set<String> leaves = Set.of("load");

        assertThat(RunStateRule.resolve(Map.of("extract", FAILED, "load", SUCCESS), leaves)).isEqualTo(DagRunState.SUCCESS);
        assertThat(RunStateRule.resolve(Map.of("extract", SUCCESS, "load", UPSTREAM_FAILED), leaves)).isEqualTo(DagRunState.FAILED);
        assertThat(RunStateRule.resolve(Map.of("extract", FAILED, "load", RUNNING), leaves)).isEqualTo(DagRunState.RUNNING);
        assertThat(RunStateRule.resolve(Map.of("extract", SUCCESS, "load", SKIPPED), leaves)).isEqualTo(DagRunState.SUCCESS);
    }
}
