package org.orchestrator.server.execute;

import java.util.Optional;
import org.orchestrator.api.DagRunRequest;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.OrchestratorException;

/**
 * How a running task triggers and watches runs of other DAGs (TriggerDagRunTask): the engine's
 * run creation, handed to the executor once the engine has built it.
 */
public interface RunTriggers {

    /** Before the engine hands its own: every trigger is refused. */
    RunTriggers NONE = new RunTriggers() {
        @Override
        public String trigger(Parent parent, DagRunRequest request) {
            throw new OrchestratorException("this node cannot trigger runs");
        }

        @Override
        public Optional<DagRunState> state(String dagId, String runId) {
            return Optional.empty();
        }
    };

    /**
     * The task instance that asks.
     *
     * @param dagId  its DAG
     * @param runId  its run
     * @param taskId its task
     */
    record Parent(String dagId, String runId, String taskId) {
    }

    /**
     * @return the id of the run created
     * @throws OrchestratorException when the DAG is unknown or the run id or date is taken
     */
    String trigger(Parent parent, DagRunRequest request);

    /** @return the run's state, or empty when there is no such run */
    Optional<DagRunState> state(String dagId, String runId);
}
