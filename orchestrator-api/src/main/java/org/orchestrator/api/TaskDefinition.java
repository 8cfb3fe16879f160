package org.orchestrator.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One task of a built DAG: immutable. Made by {@link Dag.Builder#task(String, Task, java.util.function.Consumer)}.
 */
public final class TaskDefinition {

    private final String id;
    private final Task task;
    private final Set<String> upstream;
    private final String doc;
    private final int retries;
    private final Duration retryDelay;
    private final boolean exponentialBackoff;
    private final Duration maxRetryDelay;
    private final Duration executionTimeout;
    private final TriggerRule triggerRule;
    private final String pool;
    private final int priorityWeight;
    private final List<TaskCallback> onSuccess;
    private final List<TaskCallback> onFailure;
    private final List<TaskCallback> onRetry;

    TaskDefinition(TaskBuilder b) {
        id = b.id;
        task = b.task;
        upstream = Set.copyOf(b.upstream);
        doc = b.doc;
        retries = b.retries;
        retryDelay = b.retryDelay;
        exponentialBackoff = b.exponentialBackoff;
        maxRetryDelay = b.maxRetryDelay;
        executionTimeout = b.executionTimeout;
        triggerRule = b.triggerRule;
        pool = b.pool;
        priorityWeight = b.priorityWeight;
        onSuccess = List.copyOf(b.onSuccess);
        onFailure = List.copyOf(b.onFailure);
        onRetry = List.copyOf(b.onRetry);
    }

    /** @return the task id, unique in its DAG */
    public String id() { return id; }

    /** @return the code to run */
    public Task task() { return task; }

    /** @return ids of the direct upstream tasks */
    public Set<String> upstream() { return upstream; }

    /** @return the task's documentation, possibly empty */
    public String doc() { return doc; }

    /** @return how many times a failed try is retried */
    public int retries() { return retries; }

    /** @return retries + 1 */
    public int maxTries() { return retries + 1; }

    /** @return the base retry delay */
    public Duration retryDelay() { return retryDelay; }

    /** @return true when the delay doubles after each failed try */
    public boolean exponentialBackoff() { return exponentialBackoff; }

    /** @return the cap on a backed-off delay */
    public Duration maxRetryDelay() { return maxRetryDelay; }

    /** @return the execution timeout of one try, if any */
    public Optional<Duration> executionTimeout() { return Optional.ofNullable(executionTimeout); }

    /** @return when the task may run given its upstream states */
    public TriggerRule triggerRule() { return triggerRule; }

    /** @return the slot pool the task's tries use */
    public String pool() { return pool; }

    /** @return scheduling priority; higher runs first */
    public int priorityWeight() { return priorityWeight; }

    /** @return callbacks for success */
    public List<TaskCallback> onSuccess() { return onSuccess; }

    /** @return callbacks for final failure */
    public List<TaskCallback> onFailure() { return onFailure; }

    /** @return callbacks for a failed try that is retried */
    public List<TaskCallback> onRetry() { return onRetry; }

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

    @Override
    public String toString() {
        return "task '" + id + "'";
    }
}
