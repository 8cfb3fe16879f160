package org.orchestrator.api;

/**
 * A DAG that cannot be built: duplicate or unknown task ids, a cycle, a bad schedule or bad dates.
 * The message names the DAG and the problem, e.g.
 * {@code cycle extract → load → extract in dag 'orders'}.
 */
public class DagDefinitionException extends OrchestratorException {

    /**
     * Creates the exception.
     *
     * @param message the DAG id and the problem
     */
    public DagDefinitionException(String message) {
        super(message);
    }
}
