package org.orchestrator.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/** Checks a DAG's tasks as a graph (JGraphT) and orders them topologically. */
final class DagGraph {

    private DagGraph() {
    }

    /** @return the tasks in a topological order (stable: declaration order breaks ties) */
    static List<TaskDefinition> validateAndSort(String dagId, Collection<TaskDefinition> tasks) {
        Map<String, TaskDefinition> byId = new LinkedHashMap<>();
        tasks.forEach(t -> byId.put(t.id(), t));
        Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        byId.keySet().forEach(graph::addVertex);
        for (TaskDefinition task : tasks) {
            for (String up : task.upstream()) {
                if (!byId.containsKey(up)) {
                    throw new DagDefinitionException("task '" + task.id() + "' in dag '" + dagId
                            + "' has unknown upstream '" + up + "'");
                }
                if (up.equals(task.id())) {
                    throw new DagDefinitionException("cycle " + up + " → " + up + " in dag '" + dagId + "'");
                }
                graph.addEdge(up, task.id());
            }
        }
        rejectCycles(dagId, graph);
        List<TaskDefinition> sorted = new ArrayList<>(byId.size());
        new TopologicalOrderIterator<>(graph, declarationOrder(byId)).forEachRemaining(id -> sorted.add(byId.get(id)));
        return sorted;
    }

    private static java.util.Comparator<String> declarationOrder(Map<String, TaskDefinition> byId) {
        List<String> order = new ArrayList<>(byId.keySet());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i), i);
        }
        return java.util.Comparator.comparing(index::get);
    }

    private static void rejectCycles(String dagId, Graph<String, DefaultEdge> graph) {
        for (Set<String> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
            if (component.size() > 1) {
                List<String> cycle = cycleWithin(graph, component);
                throw new DagDefinitionException("cycle " + String.join(" → ", cycle) + " in dag '" + dagId + "'");
            }
        }
    }

    /** Walks edges inside a strongly connected set until a task repeats: that walk's tail is a cycle. */
    private static List<String> cycleWithin(Graph<String, DefaultEdge> graph, Set<String> component) {
        LinkedHashSet<String> path = new LinkedHashSet<>();
        String current = component.stream().sorted().findFirst().orElseThrow();
        while (path.add(current)) {
            current = nextInside(graph, component, current);
        }
        List<String> walk = new ArrayList<>(path);
        List<String> cycle = new ArrayList<>(walk.subList(walk.indexOf(current), walk.size()));
        cycle.add(current);
        return cycle;
    }

    private static String nextInside(Graph<String, DefaultEdge> graph, Set<String> component, String from) {
        return graph.outgoingEdgesOf(from).stream()
                .map(graph::getEdgeTarget)
                .filter(component::contains)
                .sorted()
                .findFirst()
                .orElseThrow();
    }

    /** @return downstream ids per task id */
    static Map<String, Set<String>> downstream(List<TaskDefinition> tasks) {
        Map<String, Set<String>> down = new LinkedHashMap<>();
        tasks.forEach(t -> down.put(t.id(), new LinkedHashSet<>()));
        tasks.forEach(t -> t.upstream().forEach(up -> down.get(up).add(t.id())));
        return down.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue()), (a, b) -> a, LinkedHashMap::new));
    }
}
