package org.orchestrator.server.ops;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskDefinition;

/** Walks a DAG's edges: what {@code include_upstream} and {@code include_downstream} add. */
final class TaskGraph {

    private TaskGraph() {
    }

    /**
     * @param dag        the DAG
     * @param taskIds    the chosen tasks
     * @param upstream   add everything upstream of them, transitively
     * @param downstream add everything downstream of them, transitively
     * @return the chosen tasks and what the flags add
     */
    static Set<String> expand(Dag dag, Collection<String> taskIds, boolean upstream, boolean downstream) {
        Set<String> result = new LinkedHashSet<>(taskIds);
        if (upstream) {
            result.addAll(reach(dag, taskIds, true));
        }
        if (downstream) {
            result.addAll(reach(dag, taskIds, false));
        }
        return result;
    }

    private static Set<String> reach(Dag dag, Collection<String> from, boolean up) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> work = new ArrayDeque<>(from);
        while (!work.isEmpty()) {
            String task = work.pop();
            Collection<String> next = up ? dag.task(task).map(TaskDefinition::upstream).orElse(Set.of()) : dag.downstream(task);
            for (String n : next) {
                if (seen.add(n)) {
                    work.push(n);
                }
            }
        }
        return seen;
    }
}
