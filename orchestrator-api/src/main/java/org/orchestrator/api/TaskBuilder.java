package org.orchestrator.api;

import java.util.Collections;
import java.util.LinkedHashSet;
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
     * @param taskIds tasks that come before this one
     * @return this
     */
    public TaskBuilder upstream(String... taskIds) {
        Collections.addAll(upstream, taskIds);
        return this;
    }

    /**
     * @param doc what the task does, shown in the UI (as text, never as HTML)
     * @return this
     */
    public TaskBuilder doc(String doc) {
        this.doc = doc == null ? "" : doc;
        return this;
    }

    TaskDefinition build() {
        return new TaskDefinition(this);
    }
}
