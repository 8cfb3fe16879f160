package org.orchestrator.server.sweep;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.state.CallbackRequests;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.state.RunType;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/**
 * A migrated database of the selected kind and a DAG bag, for running one sweep chore at a time
 * without an engine: no loop, no executor, nothing moves unless the test runs a chore.
 */
final class SweepDb implements AutoCloseable {

    static final String VERSION = "v1";

    private final Database database = Database.open(TestDatabase.config(TestEngine.fresh()));
    private final DagBag bag = new DagBag();
    private final DagRuns runs = new DagRuns();
    private final TaskInstances tis = new TaskInstances();

    Jdbi jdbi() {
        return database.jdbi();
    }

    Transactions transactions() {
        return database.transactions();
    }

    DagBag bag() {
        return bag;
    }

    /** Puts the DAG in the bag as version {@link #VERSION}. */
    void pin(Dag dag) {
        bag.pin(List.of(new LoadedDag(dag, VERSION, Path.of("<code>"))));
    }

    /** @return a new queued run of the DAG with all its task instances in {@code none} */
    DagRunRow queuedRun(Dag dag, String runId, RunType type, DataInterval interval, Instant queuedAt) {
        return transactions().inTransaction(h -> {
            long pk = runs.insert(h, new DagRuns.NewRun(dag.id(), runId, type, interval.start(), interval, "{}", null,
                    VERSION), queuedAt);
            tis.insertForRun(h, pk, dag.id(), runId, dag.tasks(), Set.of(), queuedAt);
            return runs.find(h, pk).orElseThrow();
        });
    }

    /** @return a new running run of the DAG, its tasks in {@code none} */
    DagRunRow runningRun(Dag dag, String runId, Instant at) {
        DagRunRow run = queuedRun(dag, runId, RunType.MANUAL, new DataInterval(at, at), at);
        transactions().useTransaction(h -> runs.start(h, run.id(), at));
        return run(run);
    }

    /** Sets one task instance's state directly, as a crash between two edges can leave it. */
    void force(DagRunRow run, String taskId, TaskState state, Instant nextRetryAt) {
        jdbi().useHandle(h -> h.createUpdate("UPDATE task_instance SET state = :state, next_retry_at = :retry "
                        + "WHERE run_pk = :run AND task_id = :task")
                .bind("state", state.wireName()).bindByType("retry", nextRetryAt, Instant.class)
                .bind("run", run.id()).bind("task", taskId).execute());
    }

    DagRunRow run(DagRunRow run) {
        return transactions().withHandle(h -> runs.find(h, run.id()).orElseThrow());
    }

    DagRunState state(DagRunRow run) {
        return run(run).state();
    }

    Map<String, TaskInstanceRow> instances(DagRunRow run) {
        return transactions().withHandle(h -> tis.ofRun(h, run.id()));
    }

    TaskState state(DagRunRow run, String taskId) {
        return instances(run).get(taskId).state();
    }

    List<CallbackRequests.Request> callbackRequests() {
        return transactions().withHandle(h -> new CallbackRequests().pending(h, 100));
    }

    @Override
    public void close() {
        database.close();
    }
}
