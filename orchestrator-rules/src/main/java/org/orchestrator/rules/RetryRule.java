package org.orchestrator.rules;

import java.time.Duration;
import java.time.Instant;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;

/**
 * Retry or fail: what a try's end makes of its task instance. A failed try with tries left puts
 * the instance up for retry after the task's retry delay (doubled per failed try with
 * exponential backoff, capped by the max delay); the last failed try fails it. Success and skip
 * stand as they are.
 */
public final class RetryRule {

    private RetryRule() {
    }

    /**
     * What follows a try.
     *
     * @param state      the task instance's new state: success, skipped, up_for_retry or failed
     * @param retryDelay the wait before the next try; zero unless {@code state} is up_for_retry
     */
    public record Verdict(TaskState state, Duration retryDelay) {

        /** @return true when another try follows */
        public boolean retries() {
            return state == TaskState.UP_FOR_RETRY;
        }

        /** @param now when the try ended @return when the next try is due, or null when none follows */
        public Instant retryAt(Instant now) {
            return retries() ? now.plus(retryDelay) : null;
        }
    }

    /**
     * @param ended     how the try ended: success, skipped or failed
     * @param tryNumber the try, from 1
     * @param maxTries  the tries the instance may use (retries + 1; a clear gives them back, so the
     *                  server passes the instance's own count, not the definition's)
     * @param task      the task's definition, for its retry delay and backoff
     * @return the instance's new state and the wait before its next try
     * @throws IllegalArgumentException when {@code ended} is not how a try can end
     */
    public static Verdict afterTry(TaskState ended, int tryNumber, int maxTries, TaskDefinition task) {
        return switch (ended) {
            case SUCCESS, SKIPPED -> new Verdict(ended, Duration.ZERO);
            case FAILED -> tryNumber < maxTries
                    ? new Verdict(TaskState.UP_FOR_RETRY, task.retryDelayAfter(tryNumber))
                    : new Verdict(TaskState.FAILED, Duration.ZERO);
            default -> throw new IllegalArgumentException("a try cannot end " + ended.wireName());
        };
    }
}
