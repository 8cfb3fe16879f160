package org.orchestrator.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings shared by a DAG's task defaults and by each task: retries, delays, timeout, trigger
 * rule, pool, priority and callbacks. A task starts from the DAG's defaults and overrides what it
 * sets itself.
 *
 * @param <S> the concrete builder, so that chained calls keep their type
 */
public abstract sealed class TaskOptions<S extends TaskOptions<S>> permits TaskDefaults, TaskBuilder {

    /** The pool every task uses unless it names another, as in Airflow. */
    public static final String DEFAULT_POOL = "default_pool";

    private int retries;
    private Duration retryDelay;
    private boolean exponentialBackoff;
    private Duration maxRetryDelay;
    private Duration executionTimeout;
    private TriggerRule triggerRule;
    private String pool;
    private int priorityWeight;
    private final List<TaskCallback> onSuccess = new ArrayList<>();
    private final List<TaskCallback> onFailure = new ArrayList<>();
    private final List<TaskCallback> onRetry = new ArrayList<>();
    private Isolation isolation;
    private final List<String> jvmOptions = new ArrayList<>();
    private boolean reuse;

    TaskOptions() {
        startFrom(TaskSettings.DEFAULTS);
    }

    abstract S self();

    /**
     * How many times a failed try is retried (0 = one try only).
     *
     * @param retries how many times a failed try is retried (0 = one try only)
     * @return this
     */
    public S retries(int retries) {
        if (retries < 0) {
            throw new DagDefinitionException("retries must be >= 0, got " + retries);
        }
        this.retries = retries;
        return self();
    }

    /**
     * Wait before the next try (default 5 minutes).
     *
     * @param retryDelay wait before the next try (default 5 minutes)
     * @return this
     */
    public S retryDelay(Duration retryDelay) {
        this.retryDelay = nonNegative("retry delay", retryDelay);
        return self();
    }

    /**
     * Doubles the delay after every failed try: delay · 2^(try-1), capped by {@link #maxRetryDelay}.
     *
     * @param exponential true to back off exponentially
     * @return this
     */
    public S exponentialBackoff(boolean exponential) {
        this.exponentialBackoff = exponential;
        return self();
    }

    /**
     * The cap on a backed-off delay (default 24 hours).
     *
     * @param maxRetryDelay the cap on a backed-off delay (default 24 hours)
     * @return this
     */
    public S maxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = nonNegative("max retry delay", maxRetryDelay);
        return self();
    }

    /**
     * A try running longer is interrupted and fails.
     *
     * @param timeout a try running longer is interrupted and fails
     * @return this
     */
    public S executionTimeout(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new DagDefinitionException("execution timeout must be positive, got " + timeout);
        }
        this.executionTimeout = timeout;
        return self();
    }

    /**
     * When the task may run given its upstream states (default all_success).
     *
     * @param rule when the task may run given its upstream states (default all_success)
     * @return this
     */
    public S triggerRule(TriggerRule rule) {
        this.triggerRule = Objects.requireNonNull(rule, "trigger rule");
        return self();
    }

    /**
     * The named slot pool the task's tries take a slot from (default {@value #DEFAULT_POOL}).
     *
     * @param pool the named slot pool the task's tries take a slot from (default {@value #DEFAULT_POOL})
     * @return this
     */
    public S pool(String pool) {
        this.pool = Ids.check("pool", pool, "");
        return self();
    }

    /**
     * Higher runs first when slots are scarce (default 1).
     *
     * @param weight higher runs first when slots are scarce (default 1)
     * @return this
     */
    public S priorityWeight(int weight) {
        this.priorityWeight = weight;
        return self();
    }

    /**
     * Runs once when the task instance succeeds.
     *
     * @param callback runs once when the task instance succeeds
     * @return this
     */
    public S onSuccess(TaskCallback callback) {
        onSuccess.add(Objects.requireNonNull(callback));
        return self();
    }

    /**
     * Runs once when the task instance fails with no tries left.
     *
     * @param callback runs once when the task instance fails with no tries left
     * @return this
     */
    public S onFailure(TaskCallback callback) {
        onFailure.add(Objects.requireNonNull(callback));
        return self();
    }

    /**
     * Runs once for every failed try that will be retried.
     *
     * @param callback runs once for every failed try that will be retried
     * @return this
     */
    public S onRetry(TaskCallback callback) {
        onRetry.add(Objects.requireNonNull(callback));
        return self();
    }

    /**
     * Chooses where the task's tries run: {@link Isolation#THREAD} in the server, or
     * {@link Isolation#PROCESS} in a child JVM of their own. The default is the server's,
     * {@code ORCHESTRATOR_DEFAULT_ISOLATION}, itself {@code thread} unless set.
     *
     * @param isolation where the tries run
     * @return this
     */
    public S isolation(Isolation isolation) {
        this.isolation = Objects.requireNonNull(isolation, "isolation");
        return self();
    }

    /**
     * Options of the child JVM a {@link Isolation#PROCESS} try runs in, after the server's
     * defaults (so {@code -Xmx512m} here wins over the server's heap cap). Ignored for threads.
     *
     * @param options JVM options, e.g. {@code "-Xmx512m"}
     * @return this
     */
    public S jvmOptions(String... options) {
        for (String option : options) {
            if (option == null || !option.startsWith("-")) {
                throw new DagDefinitionException("a JVM option starts with '-', got " + option);
            }
            jvmOptions.add(option);
        }
        return self();
    }

    /**
     * Lets {@link Isolation#PROCESS} tries of this task run in a warm child JVM that an earlier try
     * of the same bundle version (and the same JVM options) left behind, instead of starting one:
     * a try then costs milliseconds, not a JVM start. The child is still not the server, so a
     * crash, {@code System.exit} or exhausted heap still fails only the try; but tries share the
     * child's static state one after another, like tasks on a thread. A child is recycled after a
     * number of tries ({@code ORCHESTRATOR_PROCESS_REUSE_MAX_TRIES}) and after any failed try.
     * Ignored for threads.
     *
     * @param reuse whether a try may run in a child an earlier try used
     * @return this
     */
    public S reuse(boolean reuse) {
        this.reuse = reuse;
        return self();
    }

    /** {@return whether tries may run in a reused child JVM} */
    boolean reuse() {
        return reuse;
    }

    /** @return the isolation set here, or null for the server's default */
    Isolation isolation() {
        return isolation;
    }

    /** @return the JVM options set here */
    List<String> jvmOptions() {
        return List.copyOf(jvmOptions);
    }

    /** Starts from the isolation and JVM options of the DAG's defaults (kept apart from {@link TaskSettings}). */
    void isolateLike(TaskOptions<?> defaults) {
        isolation = defaults.isolation;
        reuse = defaults.reuse;
        jvmOptions.clear();
        jvmOptions.addAll(defaults.jvmOptions);
    }

    /** @return what is set so far, as one value */
    TaskSettings settings() {
        return new TaskSettings(retries, retryDelay, exponentialBackoff, maxRetryDelay, executionTimeout, triggerRule,
                pool, priorityWeight, onSuccess, onFailure, onRetry);
    }

    /** Starts over from the given settings (a task from its DAG's defaults); callbacks added later come after theirs. */
    void startFrom(TaskSettings settings) {
        retries = settings.retries();
        retryDelay = settings.retryDelay();
        exponentialBackoff = settings.exponentialBackoff();
        maxRetryDelay = settings.maxRetryDelay();
        executionTimeout = settings.executionTimeout();
        triggerRule = settings.triggerRule();
        pool = settings.pool();
        priorityWeight = settings.priorityWeight();
        onSuccess.clear();
        onSuccess.addAll(settings.onSuccess());
        onFailure.clear();
        onFailure.addAll(settings.onFailure());
        onRetry.clear();
        onRetry.addAll(settings.onRetry());
    }

    private static Duration nonNegative(String what, Duration value) {
        if (value == null || value.isNegative()) {
            throw new DagDefinitionException(what + " must be >= 0, got " + value);
        }
        return value;
    }
}
