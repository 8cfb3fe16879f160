package org.orchestrator.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings a task takes from its DAG's defaults and may override: retries and their delays,
 * timeout, trigger rule, pool, priority and callbacks. One immutable value, built by
 * {@link TaskOptions} and kept by {@link TaskDefinition}.
 *
 * @param retries            how many times a failed try is retried (0 = one try only)
 * @param retryDelay         the base wait before the next try
 * @param exponentialBackoff true when the delay doubles after each failed try
 * @param maxRetryDelay      the cap on a backed-off delay
 * @param executionTimeout   the longest a try may run, or null for no limit
 * @param triggerRule        when the task may run given its upstream states
 * @param pool               the slot pool its tries take a slot from
 * @param priorityWeight     higher runs first when slots are scarce
 * @param onSuccess          callbacks for success
 * @param onFailure          callbacks for final failure
 * @param onRetry            callbacks for a failed try that is retried
 */
public record TaskSettings(int retries, Duration retryDelay, boolean exponentialBackoff, Duration maxRetryDelay,
                           Duration executionTimeout, TriggerRule triggerRule, String pool, int priorityWeight,
                           List<TaskCallback> onSuccess, List<TaskCallback> onFailure, List<TaskCallback> onRetry) {

    /** The settings of a task nobody configured, as in Airflow: no retries, 5 minute delay, all_success. */
    public static final TaskSettings DEFAULTS = new TaskSettings(0, Duration.ofMinutes(5), false, Duration.ofHours(24),
            null, TriggerRule.ALL_SUCCESS, TaskOptions.DEFAULT_POOL, 1, List.of(), List.of(), List.of());

    /** Copies the callback lists: a built task never changes. */
    public TaskSettings {
        onSuccess = List.copyOf(onSuccess);
        onFailure = List.copyOf(onFailure);
        onRetry = List.copyOf(onRetry);
    }

    /** {@return retries + 1} */
    public int maxTries() {
        return retries + 1;
    }

    /** {@return the execution timeout of one try, if any} */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(executionTimeout);
    }

    /**
     * The wait after failed try {@code tryNumber} before the next one: the retry delay, doubled per
     * earlier failed try when backing off exponentially, never above the max retry delay.
     *
     * @param tryNumber the try that failed, from 1
     * @return the delay before the next try
     */
    public Duration retryDelayAfter(int tryNumber) {
        if (!exponentialBackoff) {
            return retryDelay;
        }
        int doublings = Math.min(Math.max(tryNumber - 1, 0), 30);
        Duration delay = retryDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
