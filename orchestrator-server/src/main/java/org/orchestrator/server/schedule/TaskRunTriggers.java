package org.orchestrator.server.schedule;

import java.util.Optional;
import org.orchestrator.api.DagRunRequest;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.execute.RunTriggers;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Reads;

/**
 * Runs triggered by tasks: created as manual runs of the DAG's current version, each recording
 * the task instance that asked, and watched through the read side.
 */
public final class TaskRunTriggers implements RunTriggers {

    private final DagBag bag;
    private final RunCreator creator;
    private final Reads reads;

    /** @param bag loaded DAGs @param creator creates (and starts) runs @param reads the read side */
    public TaskRunTriggers(DagBag bag, RunCreator creator, Reads reads) {
        this.bag = bag;
        this.creator = creator;
        this.reads = reads;
    }

    @Override
    public String trigger(Parent parent, DagRunRequest request) {
        LoadedDag dag = bag.get(request.dagId()).orElseThrow(() -> new OrchestratorException(
                "cannot trigger dag '" + request.dagId() + "': no such dag is loaded"));
        DagRunRow.TriggeredBy by = new DagRunRow.TriggeredBy(parent.dagId(), parent.runId(), parent.taskId());
        return creator.triggerFromTask(dag, request.runId(), request.logicalDate(), request.conf(), by).runId();
    }

    @Override
    public Optional<DagRunState> state(String dagId, String runId) {
        return reads.run(dagId, runId).map(DagRunRow::state);
    }
}
