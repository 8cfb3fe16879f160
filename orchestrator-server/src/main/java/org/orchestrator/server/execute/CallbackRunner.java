package org.orchestrator.server.execute;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunCallback;
import org.orchestrator.api.DagRunEvent;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.Resources;
import org.orchestrator.api.TaskCallback;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskEvent;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.CallbackRule;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.internal.BackgroundLoop;
import org.orchestrator.server.state.CallbackRequests;
import org.orchestrator.server.state.CallbackRequests.Request;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs requested callbacks outside any task try. A request is taken (deleted) by one runner before
 * its callbacks run, so each event's callbacks run once; a callback that throws is logged. Events
 * carry the connections and variables (notifiers need SMTP or a webhook) and dashboard links.
 */
final class CallbackRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackRunner.class);

    private final Transactions db;
    private final DagBag bag;
    private final CallbackRequests requests;
    private final DagRuns runs;
    private final Resources resources;
    private final Links links;
    private final BackgroundLoop loop;

    CallbackRunner(Transactions db, DagBag bag, CallbackRequests requests, DagRuns runs, Resources resources, Links links) {
        this.resources = resources;
        this.links = links;
        this.db = db;
        this.bag = bag;
        this.requests = requests;
        this.runs = runs;
        this.loop = new BackgroundLoop("callbacks", Duration.ofSeconds(1), this::runPending).start();
    }

    void wakeup() {
        loop.wakeup();
    }

    private void runPending() {
        List<Request> pending = db.withHandle(h -> requests.pending(h, 200));
        for (Request request : pending) {
            if (db.inTransaction(h -> requests.take(h, request.id()))) {
                Thread.ofVirtual().name("callback-" + request.id()).start(() -> run(request));
            }
        }
    }

    private void run(Request request) {
        Optional<DagRunRow> run = db.withHandle(h -> runs.find(h, request.dagId(), request.runId()));
        // The callbacks of the version the run used: that is the code whose events these are.
        Optional<LoadedDag> dag = run.flatMap(r -> bag.forRun(r.dagId(), r.dagVersion()));
        if (dag.isEmpty() || run.isEmpty()) {
            LOG.warn("dropping callback {} for {}/{}: DAG or run no longer known", request.event(), request.dagId(), request.runId());
            return;
        }
        if (request.kind().equals("task")) {
            runTaskCallbacks(request, dag.get().dag(), run.get());
        } else {
            runDagCallbacks(request, dag.get().dag(), run.get());
        }
    }

    private void runTaskCallbacks(Request request, Dag dag, DagRunRow run) {
        Optional<TaskDefinition> task = dag.task(request.taskId());
        if (task.isEmpty()) {
            return;
        }
        TaskState state = TaskState.fromWireName(request.event());
        TaskEvent event = new TaskEvent(request.dagId(), request.runId(), request.taskId(), request.tryNumber(), state,
                run.logicalDate(), Optional.ofNullable(request.error()),
                links.tryLog(request.dagId(), request.runId(), request.taskId(), request.tryNumber()), resources);
        for (TaskCallback callback : CallbackRule.forTask(task.get(), state)) {
            try {
                callback.call(event);
            } catch (Throwable e) {
                LOG.error("{} callback of {}/{}/{} try {} threw", request.event(), request.dagId(), request.runId(),
                        request.taskId(), request.tryNumber(), e);
            }
        }
    }

    private void runDagCallbacks(Request request, Dag dag, DagRunRow run) {
        boolean slaMiss = request.event().equals(CallbackRequests.SLA_MISS);
        // A miss reports the state the run is in now (usually still running); the others their own.
        DagRunState state = slaMiss ? run.state() : DagRunState.fromWireName(request.event());
        DagRunEvent event = new DagRunEvent(dag.id(), run.runId(), run.logicalDate(), state,
                links.run(dag.id(), run.runId()), resources);
        List<DagRunCallback> callbacks = slaMiss ? dag.onSlaMiss() : CallbackRule.forRun(dag, state);
        for (DagRunCallback callback : callbacks) {
            try {
                callback.call(event);
            } catch (Throwable e) {
                LOG.error("{} callback of run {}/{} threw", request.event(), request.dagId(), request.runId(), e);
            }
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
