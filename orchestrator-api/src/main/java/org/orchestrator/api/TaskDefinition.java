package org.orchestrator.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One task of a built DAG: immutable. Made by {@link Dag.Builder#task(String, Task, java.util.function.Consumer)}.
 */
public final class TaskDefinition {

    private final String id;
    private final Task task;
    private final Set<String> upstream;
    private final String doc;
    private final TaskSettings settings;
    private final Isolation isolation;
    private final List<String> jvmOptions;
    private final boolean reuse;
    private final boolean dependsOnPast;
    private final boolean waitForDownstream;
    private final List<TaskCallback> onExecute;
    private final List<String> groupPath;
    private final Map<String, MapSource> expansions;
    private final Map<String, Object> partials;
    private final int maxActiveTisPerDag;

    TaskDefinition(TaskBuilder b) {
        id = b.id;
        task = b.task;
        upstream = Set.copyOf(b.upstream);
        doc = b.doc;
        settings = b.settings();
        isolation = b.isolation();
        jvmOptions = b.jvmOptions();
        reuse = b.reuse();
        dependsOnPast = b.dependsOnPast;
        waitForDownstream = b.waitForDownstream;
        onExecute = List.copyOf(b.onExecute);
        groupPath = b.group == null ? List.of() : List.copyOf(b.group.path());
        expansions = Collections.unmodifiableMap(new LinkedHashMap<>(b.expansions));
        partials = Collections.unmodifiableMap(new LinkedHashMap<>(b.partials));
        maxActiveTisPerDag = b.maxActiveTisPerDag;
    }

    /** {@return the task id, unique in its DAG} */
    public String id() { return id; }

    /** {@return the code to run} */
    public Task task() { return task; }

    /** {@return ids of the direct upstream tasks} */
    public Set<String> upstream() { return upstream; }

    /** {@return the id of the innermost task group the task is in, if any} */
    public Optional<String> groupId() { return groupPath.isEmpty() ? Optional.empty() : Optional.of(groupPath.getLast()); }

    /** {@return the ids of the groups the task is in, outermost first (empty outside any group)} */
    public List<String> groupPath() { return groupPath; }

    /** {@return the task's documentation, possibly empty} */
    public String doc() { return doc; }

    /** {@return how many times a failed try is retried} */
    public int retries() { return settings.retries(); }

    /** {@return retries + 1} */
    public int maxTries() { return settings.maxTries(); }

    /** {@return the base retry delay} */
    public Duration retryDelay() { return settings.retryDelay(); }

    /** {@return true when the delay doubles after each failed try} */
    public boolean exponentialBackoff() { return settings.exponentialBackoff(); }

    /** {@return the cap on a backed-off delay} */
    public Duration maxRetryDelay() { return settings.maxRetryDelay(); }

    /** {@return the execution timeout of one try, if any} */
    public Optional<Duration> executionTimeout() { return settings.timeout(); }

    /** {@return when the task may run given its upstream states} */
    public TriggerRule triggerRule() { return settings.triggerRule(); }

    /** {@return the slot pool the task's tries use} */
    public String pool() { return settings.pool(); }

    /** {@return scheduling priority; higher runs first} */
    public int priorityWeight() { return settings.priorityWeight(); }

    /** {@return callbacks for success} */
    public List<TaskCallback> onSuccess() { return settings.onSuccess(); }

    /** {@return callbacks for final failure} */
    public List<TaskCallback> onFailure() { return settings.onFailure(); }

    /** {@return callbacks for a failed try that is retried} */
    public List<TaskCallback> onRetry() { return settings.onRetry(); }

    /** {@return where its tries run, or empty for the server's default} */
    public Optional<Isolation> isolation() { return Optional.ofNullable(isolation); }

    /** {@return options of the child JVM of a {@link Isolation#PROCESS} try, after the server's} */
    public List<String> jvmOptions() { return jvmOptions; }

    /** {@return true when a {@link Isolation#PROCESS} try may run in a warm child JVM an earlier try left} */
    public boolean reuse() { return reuse; }

    /** {@return true when the task waits for its instance in the previous run (Airflow's depends_on_past)} */
    public boolean dependsOnPast() { return dependsOnPast; }

    /** {@return true when the task also waits for the previous run's direct downstream of it (wait_for_downstream)} */
    public boolean waitForDownstream() { return waitForDownstream; }

    /** {@return callbacks run in the try just before the task's code} */
    public List<TaskCallback> onExecute() { return onExecute; }

    /** {@return the task's settings (its DAG's defaults with its own overrides) as one value} */
    public TaskSettings settings() { return settings; }

    /** {@return true when the task expands at run time into instances with a map index} */
    public boolean isMapped() { return !expansions.isEmpty(); }

    /** {@return the mapped arguments and their sources, in declaration order (empty for an unmapped task)} */
    public Map<String, MapSource> expansions() { return expansions; }

    /** {@return the arguments every instance gets as they are ({@link TaskBuilder#partial})} */
    public Map<String, Object> partials() { return partials; }

    /** {@return the cap on this task's instances running at once across the DAG's runs, if set} */
    public OptionalInt maxActiveTisPerDag() {
        return maxActiveTisPerDag == 0 ? OptionalInt.empty() : OptionalInt.of(maxActiveTisPerDag);
    }

    /**
     * {@return the delay before the next try; see {@link TaskSettings#retryDelayAfter}}
     *
     * @param tryNumber the try that failed, from 1
     */
    public Duration retryDelayAfter(int tryNumber) {
        return settings.retryDelayAfter(tryNumber);
    }

    @Override
    public String toString() {
        return "task '" + id + "'";
    }
}
