package org.orchestrator.server.execute;

import java.util.Collection;
import java.util.Set;
import org.orchestrator.api.Dag;
import org.orchestrator.api.OrchestratorException;

/** Checks a branch choice: only direct downstream tasks may be chosen. */
final class Branches {

    private Branches() {
    }

    static Set<String> checked(Dag dag, String taskId, Collection<String> chosen) {
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
