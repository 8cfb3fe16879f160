package org.orchestrator.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
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

    TaskDefinition build() {
        return new TaskDefinition(this);
    }
}
