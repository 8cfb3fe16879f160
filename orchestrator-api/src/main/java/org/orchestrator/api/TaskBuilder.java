package org.orchestrator.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configures one task of a DAG; it starts from the DAG's defaults.
 *
 * <pre>{@code
 * .task("load", new LoadOrders(), t -> t.upstream("transform").retries(3).executionTimeout(Duration.ofMinutes(10)))
 * }</pre>
 */
public final class TaskBuilder extends TaskOptions<TaskBuilder> {

    final String id;
    final Task task;
    final Set<String> upstream = new LinkedHashSet<>();
    String doc = "";
    boolean dependsOnPast;
    boolean waitForDownstream;
    final List<TaskCallback> onExecute = new ArrayList<>();
    TaskGroup group;
    final Map<String, MapSource> expansions = new LinkedHashMap<>();
    final Map<String, Object> partials = new LinkedHashMap<>();
    int maxActiveTisPerDag;
    final Set<Asset> outlets = new LinkedHashSet<>();

    TaskBuilder(String id, Task task) {
        this.id = id;
        this.task = task;
    }

    @Override
    TaskBuilder self() {
        return this;
    }

    /**
     * Tasks that come before this one.
     *
     * @param taskIds tasks that come before this one
     * @return this
     */
    public TaskBuilder upstream(String... taskIds) {
        Collections.addAll(upstream, taskIds);
        return this;
    }

    /**
     * What the task does, as Markdown (Airflow's task {@code doc_md}). The dashboard renders it
     * with raw HTML escaped, so it formats but never scripts.
     *
     * @param doc what the task does, as Markdown
     * @return this
     */
    public TaskBuilder doc(String doc) {
        this.doc = doc == null ? "" : doc;
        return this;
    }

    /**
     * Airflow's {@code depends_on_past}: this task runs in a run only once the same task of the
     * previous run (the run of this DAG with the latest earlier logical date) succeeded or was
     * skipped. The first run, and a previous run without this task, are exempt. Until then the
     * task waits in {@code none}; clearing or marking the previous instance releases it.
     *
     * @param dependsOnPast true to wait for the previous run's instance
     * @return this
     */
    public TaskBuilder dependsOnPast(boolean dependsOnPast) {
        this.dependsOnPast = dependsOnPast;
        return this;
    }

    /**
     * Airflow's {@code wait_for_downstream}: as {@link #dependsOnPast(boolean)} (which it turns
     * on), and the previous run's direct downstream tasks of this task must have succeeded or been
     * skipped too, so two runs never write the same tables at once.
     *
     * @param waitForDownstream true to wait for the previous run's instance and its direct downstream
     * @return this
     */
    public TaskBuilder waitForDownstream(boolean waitForDownstream) {
        this.waitForDownstream = waitForDownstream;
        if (waitForDownstream) {
            this.dependsOnPast = true;
        }
        return this;
    }

    /**
     * Maps the task over a list known at run time: one task instance per element, each reading its
     * element with {@link TaskContext#arg}. Expanding over two or more arguments maps over their
     * cross product (the first argument varies slowest).
     *
     * @param argument the name the task reads the element under
     * @param source   where the list comes from; an XCom source's task becomes an upstream
     * @return this
     */
    public TaskBuilder expand(String argument, MapSource source) {
        Ids.check("mapped argument", argument, " of task '" + id + "'");
        if (expansions.containsKey(argument) || partials.containsKey(argument)) {
            throw new DagDefinitionException("argument '" + argument + "' of task '" + id + "' is given twice");
        }
        expansions.put(argument, Objects.requireNonNull(source, "source"));
        if (source instanceof MapSource.FromXcom xcom) {
            upstream(xcom.taskId());
        }
        return this;
    }

    /**
     * Airflow's {@code on_execute_callback}: runs in the try, just before the task's code, with
     * the state {@code running}. One that throws is logged in the try's log; the task still runs.
     *
     * @param callback told that a try starts
     * @return this
     */
    public TaskBuilder onExecute(TaskCallback callback) {
        onExecute.add(Objects.requireNonNull(callback));
        return this;
    }

    /**
     * An argument that is the same for every mapped instance (Airflow's {@code partial}).
     *
     * @param argument the name the task reads it under with {@link TaskContext#arg}
     * @param value    a JSON-serialisable value
     * @return this
     */
    public TaskBuilder partial(String argument, Object value) {
        Ids.check("argument", argument, " of task '" + id + "'");
        if (expansions.containsKey(argument) || partials.containsKey(argument)) {
            throw new DagDefinitionException("argument '" + argument + "' of task '" + id + "' is given twice");
        }
        partials.put(argument, value);
        return this;
    }

    /**
     * Caps how many instances of this task run at once across all runs of the DAG (Airflow's
     * {@code max_active_tis_per_dag}); most useful on a mapped task.
     *
     * @param max at least 1
     * @return this
     */
    public TaskBuilder maxActiveTisPerDag(int max) {
        if (max < 1) {
            throw new DagDefinitionException("max active instances of task '" + id + "' must be >= 1, got " + max);
        }
        this.maxActiveTisPerDag = max;
        return this;
    }

    /**
     * Assets this task updates: each successful try records an event for each of them, in the
     * transaction that records the success, and DAGs scheduled on them run (Airflow's
     * {@code outlets}).
     *
     * <pre>{@code
     * .task("load", new LoadOrders(), t -> t.outlets(Asset.of("jdbc://analytics/orders")))
     * }</pre>
     *
     * @param assets the assets the task updates
     * @return this
     */
    public TaskBuilder outlets(Asset... assets) {
        for (Asset asset : assets) {
            outlets.add(Objects.requireNonNull(asset, "outlet of task '" + id + "'"));
        }
        return this;
    }

    TaskDefinition build() {
        return new TaskDefinition(this);
    }
}
