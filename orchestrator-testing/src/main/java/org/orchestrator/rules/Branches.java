package org.orchestrator.rules;

import java.util.Collection;
import java.util.Set;
import org.orchestrator.api.Dag;
import org.orchestrator.api.OrchestratorException;

/** Checks a branch choice: only direct downstream tasks may be chosen (server and test harness alike). */
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
}
