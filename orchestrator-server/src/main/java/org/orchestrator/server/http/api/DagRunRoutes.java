package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.ops.RunActions;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.schedule.DuplicateRunException;
import org.orchestrator.server.schedule.RunIds;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/** Triggering and reading DAG runs. */
final class DagRunRoutes {

    /** The width of the note column. */
    private static final int MAX_NOTE = 4000;

    /**
     * Triggers admitted at once. Creating a run holds a database connection while the engine
     * starts it; bounding triggers well below the pool size keeps a burst of them from taking
     * every connection (and the engine's starter, which needs one, waiting behind them).
     */
    private static final int CONCURRENT_TRIGGERS = 4;

    private final Api api;
    private final Semaphore admission = new Semaphore(CONCURRENT_TRIGGERS, true);

    DagRunRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.post("/api/v1/dags/{dag_id}/dagRuns", "post_dag_run", "Trigger a DAG run").role(Role.OP)
                .body(Forms.DagRunForm.class).returns(Response.of(DagRunView.class)), this::trigger);
        router.add(Op.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}", "get_dag_run", "Get a DAG run").role(Role.VIEWER)
                .returns(Response.of(DagRunView.class)), this::get);
    }

    private void trigger(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.DagRunForm.class);
        Optional<String> runId = body.string("dag_run_id").map(DagRunRoutes::checkRunId);
        Instant logicalDate = logicalDate(body);
        Map<String, Object> conf = body.object("conf").orElse(Map.of());
        String note = body.string("note").orElse(null);
        if (note != null && note.length() > MAX_NOTE) {
            throw ApiProblem.badRequest("'note' may hold at most " + MAX_NOTE + " characters, got " + note.length());
        }
        LoadedDag dag = api.loadedDag(dagId);
        RunActions.Trigger request = new RunActions.Trigger(runId.orElse(null), logicalDate, conf, note);
        DagRunRow run = admitted(() -> create(Api.actor(ctx), dag, request));
        ctx.json(DagRunView.of(run));
    }

    private DagRunRow create(Actor actor, LoadedDag dag, RunActions.Trigger request) {
        try {
            return api.ops().runs().trigger(actor, dag, request);
        } catch (DuplicateRunException e) {
            throw ApiProblem.alreadyExists(e.getMessage());
        }
    }

    private DagRunRow admitted(Supplier<DagRunRow> work) {
        try {
            if (!admission.tryAcquire(10, TimeUnit.SECONDS)) {
                throw ApiProblem.busy("too many runs are being triggered at once; retry shortly");
            }
        } catch (InterruptedException e) {
            // The interrupt flag is deliberately not restored: H2 closes its database file when a
            // thread with the flag set does I/O, and this request thread may still touch it.
            throw ApiProblem.busy("interrupted while waiting to trigger; retry");
        }
        try {
            return work.get();
        } finally {
            admission.release();
        }
    }

    private void get(Context ctx) {
        DagRunRow run = api.run(PathParams.get(ctx, "dag_id"), PathParams.get(ctx, "dag_run_id"));
        ctx.json(DagRunView.of(run));
    }

    private static Instant logicalDate(JsonBody body) {
        Optional<Instant> logical = body.instant("logical_date");
        Optional<Instant> execution = body.instant("execution_date");
        if (logical.isPresent() && execution.isPresent() && !logical.equals(execution)) {
            throw ApiProblem.badRequest("'logical_date' and 'execution_date' differ; send only 'logical_date'");
        }
        return logical.or(() -> execution).orElse(null);
    }

    /** Checked before the DAG is looked up, so a bad id is a 400 whatever the DAG. */
    private static String checkRunId(String runId) {
        try {
            return RunIds.check(runId);
        } catch (RunIds.InvalidRunIdException e) {
            throw ApiProblem.badRequest("'dag_run_id': " + e.getMessage());
        }
    }
}
