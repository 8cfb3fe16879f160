package org.orchestrator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A group of tasks, Airflow's {@code TaskGroup}: its tasks' ids are prefixed with the group id
 * ({@code extract.load}), it may set defaults that lie between the DAG's defaults and each task's
 * own options, and a dependency on the group means its roots (as a downstream) or its leaves (as an
 * upstream). Groups nest.
 *
 * <pre>{@code
 * Dag.builder("etl")
 *         .task("start", start)
 *         .group("extract", g -> g
 *                 .defaults(d -> d.retries(2).pool("sources"))
 *                 .task("orders", extractOrders)
 *                 .task("customers", extractCustomers))
 *         .task("load", load)
 *         .chain("start", "extract", "load")     // start >> [extract.orders, extract.customers] >> load
 * }</pre>
 *
 * Inside a group, a name given to {@link #chain} or to {@link TaskBuilder#upstream} is looked up in
 * the group first ({@code "orders"} means {@code extract.orders}), then in each enclosing group, then
 * in the DAG.
 */
public final class TaskGroup {

    private final Dag.Builder dag;
    private final String id;
    private final TaskGroup parent;
    private boolean prefixIds = true;
    private boolean used;
    final List<Consumer<TaskDefaults>> defaults = new ArrayList<>();

    TaskGroup(Dag.Builder dag, String id, TaskGroup parent) {
        this.dag = dag;
        this.id = id;
        this.parent = parent;
    }

    /** {@return the group's full id ({@code outer.inner} for a nested group)} */
    public String id() {
        return id;
    }

    /**
     * Airflow's {@code prefix_group_id=False}: the group's tasks and sub-groups keep the ids they are
     * given. Call it before adding anything to the group.
     *
     * @param prefix false to keep ids as written
     * @return this group
     */
    public TaskGroup prefixIds(boolean prefix) {
        if (used) {
            throw new DagDefinitionException("group '" + id + "' sets prefixIds after adding to it");
        }
        this.prefixIds = prefix;
        return this;
    }

    /**
     * {@return this group}
     *
     * @param defaults retries, pool, trigger rule… for every task of the group (and of its sub-groups), applied over the DAG's (and enclosing groups') defaults; a task may override
     */
    public TaskGroup defaults(Consumer<TaskDefaults> defaults) {
        this.defaults.add(Objects.requireNonNull(defaults, "defaults"));
        return this;
    }

    /**
     * {@return this group}
     *
     * @param taskId unique in the group
     * @param task the code to run
     */
    public TaskGroup task(String taskId, Task task) {
        return task(taskId, task, t -> { });
    }

    /**
     * {@return this group}
     *
     * @param taskId unique in the group; the task's id is {@code <group id>.<taskId>} unless the group keeps ids
     * @param task the code to run
     * @param configure its upstreams and options, over the group's defaults
     */
    public TaskGroup task(String taskId, Task task, Consumer<TaskBuilder> configure) {
        dag.addTask(qualify(Ids.check("task", taskId, " in group '" + id + "'")), task, configure, this);
        return this;
    }

    /**
     * {@return this group}
     *
     * @param groupId unique in this group; the sub-group's id is {@code <group id>.<groupId>} unless this group keeps ids
     * @param body adds the sub-group's tasks
     */
    public TaskGroup group(String groupId, Consumer<TaskGroup> body) {
        dag.addGroup(qualify(Ids.check("group", groupId, " in group '" + id + "'")), this, body);
        return this;
    }

    /**
     * Edges so that tasks or groups of this group run one after another ({@code a >> b >> c}).
     *
     * @param names two or more task or group names, looked up as the class comment says
     * @return this group
     */
    public TaskGroup chain(String... names) {
        dag.addChain(this, names);
        return this;
    }

    /** @return the id a member named {@code name} gets */
    String qualify(String name) {
        used = true;
        return prefixIds ? id + "." + name : name;
    }

    /** @return the id {@code name} would have as a member of this group, for look-ups */
    String member(String name) {
        return prefixIds ? id + "." + name : name;
    }

    /** @return the enclosing group, or null at the top */
    TaskGroup parent() {
        return parent;
    }

    /** @return this group's ids from the outermost group in */
    List<String> path() {
        List<String> path = parent == null ? new ArrayList<>() : parent.path();
        path.add(id);
        return path;
    }

    /** @return true when {@code other} is this group or nested in it */
    boolean contains(TaskGroup other) {
        for (TaskGroup g = other; g != null; g = g.parent) {
            if (g == this) {
                return true;
            }
        }
        return false;
    }
}
