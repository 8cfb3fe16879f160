package org.orchestrator.rules;

import static org.orchestrator.rules.TriggerDecision.RUN;
import static org.orchestrator.rules.TriggerDecision.SKIP;
import static org.orchestrator.rules.TriggerDecision.UPSTREAM_FAILED;
import static org.orchestrator.rules.TriggerDecision.WAIT;

import org.orchestrator.api.TriggerRule;

/**
 * Airflow's trigger rules as a pure function of the upstream summary. Rules that can no longer be
 * met end the task early (skipped or upstream_failed), as Airflow's {@code TriggerRuleDep} does,
 * so that runs never deadlock on a task that can never start.
 */
public final class TriggerRules {

    private TriggerRules() {
    }

    /**
     * @param rule the task's rule
     * @param up   its direct upstream states
     * @return what to do with the task now
     */
    public static TriggerDecision decide(TriggerRule rule, UpstreamSummary up) {
        if (up.total() == 0 || rule == TriggerRule.ALWAYS) {
            return RUN;
        }
        return switch (rule) {
            case ALL_SUCCESS -> allSuccess(up);
            case ALL_FAILED -> up.success() + up.skipped() > 0 ? SKIP : up.failures() == up.total() ? RUN : WAIT;
            case ALL_DONE -> up.allDone() ? RUN : WAIT;
            case ONE_SUCCESS -> oneSuccess(up);
            case ONE_FAILED -> up.failures() > 0 ? RUN : up.allDone() ? SKIP : WAIT;
            case NONE_FAILED -> up.failures() > 0 ? UPSTREAM_FAILED : up.allDone() ? RUN : WAIT;
            case NONE_FAILED_MIN_ONE_SUCCESS -> noneFailedMinOneSuccess(up);
            case NONE_SKIPPED -> up.skipped() > 0 ? SKIP : up.allDone() ? RUN : WAIT;
            case ALWAYS -> RUN;
        };
    }

    private static TriggerDecision allSuccess(UpstreamSummary up) {
        if (up.failures() > 0) {
            return UPSTREAM_FAILED;
        }
        if (up.skipped() > 0) {
            return SKIP;
        }
        return up.success() == up.total() ? RUN : WAIT;
    }

    private static TriggerDecision oneSuccess(UpstreamSummary up) {
        if (up.success() > 0) {
            return RUN;
        }
        if (!up.allDone()) {
            return WAIT;
        }
        return up.skipped() == up.total() ? SKIP : UPSTREAM_FAILED;
    }

    private static TriggerDecision noneFailedMinOneSuccess(UpstreamSummary up) {
        if (up.failures() > 0) {
            return UPSTREAM_FAILED;
        }
        if (!up.allDone()) {
            return WAIT;
        }
        return up.success() > 0 ? RUN : SKIP;
    }
}
