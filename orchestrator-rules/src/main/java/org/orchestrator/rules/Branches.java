package org.orchestrator.rules;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.orchestrator.api.Dag;
import org.orchestrator.api.OrchestratorException;

/**
 * Branching, for the server and the test harness alike: only direct downstream tasks may be
 * chosen, and the direct downstream tasks not chosen are skipped (their skip then follows the
 * trigger rules further down).
 */
public final class Branches {

    private Branches() {
    }

    /**
     * @param dag    the DAG
     * @param taskId the branching task
     * @param chosen the downstream tasks it chose
     * @return the choice
     * @throws org.orchestrator.api.OrchestratorException when a chosen task is not a direct downstream task
     */
    public static Set<String> checked(Dag dag, String taskId, Collection<String> chosen) {
        Set<String> downstream = dag.downstream(taskId);
        for (String id : chosen) {
            if (!downstream.contains(id)) {
                throw new OrchestratorException("task '" + taskId + "' cannot branch to '" + id
                        + "': it is not a direct downstream task (those are " + downstream + ")");
            }
        }
        return Set.copyOf(chosen);
    }

    /**
     * @param dag    the DAG
     * @param taskId the branching task
     * @param chosen the downstream tasks it chose
     * @return its direct downstream tasks that were not chosen: the ones to skip
     */
    public static Set<String> unchosen(Dag dag, String taskId, Set<String> chosen) {
        return dag.downstream(taskId).stream().filter(id -> !chosen.contains(id)).collect(Collectors.toSet());
    }
}
