package org.orchestrator.rules;

import java.util.Collection;
import org.orchestrator.api.TaskState;

/**
 * Counts of a task's direct upstream states, the input of a trigger rule.
 *
 * @param total          direct upstream tasks
 * @param success        succeeded
 * @param failed         failed
 * @param upstreamFailed upstream_failed
 * @param skipped        skipped
 * @param done           finished in any way (success, failed, upstream_failed, skipped, removed)
 */
public record UpstreamSummary(int total, int success, int failed, int upstreamFailed, int skipped, int done) {

    /** @param states the direct upstream states @return their summary */
    public static UpstreamSummary of(Collection<TaskState> states) {
        int success = 0, failed = 0, upstreamFailed = 0, skipped = 0, done = 0;
        for (TaskState state : states) {
            switch (state) {
                case SUCCESS -> success++;
                case FAILED -> failed++;
                case UPSTREAM_FAILED -> upstreamFailed++;
                case SKIPPED -> skipped++;
                default -> { }
            }
            if (state.isFinished()) {
                done++;
            }
        }
        return new UpstreamSummary(states.size(), success, failed, upstreamFailed, skipped, done);
    }

    boolean allDone() {
        return done == total;
    }

    int failures() {
        return failed + upstreamFailed;
    }
}
