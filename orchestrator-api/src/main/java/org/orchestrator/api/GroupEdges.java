package org.orchestrator.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the dependencies a DAG was written with, where either end may be a task group, into
 * task-to-task edges: a group as an upstream means its leaves, as a downstream its roots (Airflow's
 * {@code group >> task}). A group's roots and leaves come from the edges inside it alone.
 */
final class GroupEdges {

    /** A dependency between two names, each a task id or a group id (or unknown, left for the graph check). */
    record Edge(String from, String to) {
    }

    private final String dagId;
    private final Map<String, TaskBuilder> tasks;
    private final Map<String, TaskGroup> groups;
    private final List<Edge> edges;

    GroupEdges(String dagId, Map<String, TaskBuilder> tasks, Map<String, TaskGroup> groups, List<Edge> edges) {
        this.dagId = dagId;
        this.tasks = tasks;
        this.groups = groups;
        this.edges = edges;
    }

    /** Adds every edge to its downstream tasks' upstream sets. */
    void apply() {
        for (Edge edge : edges) {
            Set<String> ups = asUpstream(edge.from());
            for (String down : asDownstream(edge.to())) {
                tasks.get(down).upstream.addAll(ups);
            }
        }
    }

    private Set<String> asUpstream(String name) {
        TaskGroup group = groups.get(name);
        return group == null ? Set.of(name) : ends(group, false);
    }

    private Set<String> asDownstream(String name) {
        TaskGroup group = groups.get(name);
        return group == null ? Set.of(name) : ends(group, true);
    }

    /** @return the group's roots (members no edge inside the group leads to) or its leaves */
    private Set<String> ends(TaskGroup group, boolean roots) {
        Set<String> ends = new LinkedHashSet<>();
        tasks.forEach((id, task) -> { if (group.contains(task.group)) ends.add(id); });
        if (ends.isEmpty()) {
            throw new DagDefinitionException("group '" + group.id() + "' in dag '" + dagId + "' has no tasks to depend on");
        }
        for (Edge edge : edges) {
            if (inside(edge.from(), group) && inside(edge.to(), group)) {
                ends.removeAll(roots ? asDownstream(edge.to()) : asUpstream(edge.from()));
            }
        }
        return ends;
    }

    /** The group itself is not inside itself: an edge naming it is not one of its own. */
    private boolean inside(String name, TaskGroup group) {
        TaskBuilder task = tasks.get(name);
        if (task != null) {
            return group.contains(task.group);
        }
        TaskGroup other = groups.get(name);
        return other != null && other != group && group.contains(other);
    }
}
