package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.Asset;
import org.orchestrator.api.DagDefinitionException;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.AssetQueries;
import org.orchestrator.server.state.AssetQueries.EventRow;
import org.orchestrator.server.state.Assets;
import org.orchestrator.server.state.Listing;
import org.orchestrator.server.state.Range;

/**
 * Assets (data-aware scheduling), shaped after Airflow's datasets API: {@code GET /assets},
 * {@code GET|POST /assets/events} and {@code GET /dags/{dag_id}/assets/queuedEvents}. A POST
 * is how another system says "this data changed": the DAGs scheduled on the asset run.
 */
final class AssetRoutes {

    private static final List<Param> ASSET_QUERY = Param.join(Param.PAGE, Param.of("uri_pattern:string"));
    private static final List<Param> EVENT_QUERY = Param.join(Param.PAGE, Param.of("asset_uri:string", "source_dag_id:string",
            "source_task_id:string", "source_run_id:string", "timestamp_gte:date-time", "timestamp_lte:date-time"));

    private final Api api;

    /** Airflow's {@code DagScheduleDatasetReference}. @param dagId the DAG scheduled on the asset */
    record ConsumingDagView(String dagId) {
    }

    /** Airflow's {@code TaskOutletDatasetReference}. @param dagId the DAG @param taskId the task updating the asset */
    record ProducingTaskView(String dagId, String taskId) {
    }

    /** Airflow's {@code Dataset}, plus {@code name}. */
    record AssetView(long id, String uri, String name, Map<String, Object> extra, Instant createdAt, Instant updatedAt,
                     List<ConsumingDagView> consumingDags, List<ProducingTaskView> producingTasks) {
        static AssetView of(AssetQueries.AssetRow a) {
            return new AssetView(a.id(), a.uri(), a.name(), json(a.extraJson()), a.createdAt(), a.updatedAt(),
                    a.consumingDags().stream().map(ConsumingDagView::new).toList(),
                    a.producingTasks().stream().map(t -> new ProducingTaskView(t.dagId(), t.taskId())).toList());
        }
    }

    /** Airflow's {@code BasicDAGRun}, the part the events list carries. */
    record CreatedRunView(String dagId, String runId) {
    }

    /** Airflow's {@code DatasetEvent}, with {@code asset_*} names. */
    record AssetEventView(long id, long assetId, String assetUri, Map<String, Object> extra, String sourceDagId,
                          String sourceTaskId, String sourceRunId, Integer sourceMapIndex, List<CreatedRunView> createdDagruns,
                          Instant timestamp) {
        static AssetEventView of(EventRow e, List<CreatedRunView> created) {
            return new AssetEventView(e.id(), e.assetId(), e.uri(), json(e.extraJson()), e.sourceDagId(), e.sourceTaskId(),
                    e.sourceRunId(), e.sourceMapIndex(), created, e.timestamp());
        }
    }

    /** Airflow's {@code QueuedEvent}. */
    record QueuedEventView(String uri, String dagId, Instant createdAt) {
        static QueuedEventView of(Assets.Queued q) {
            return new QueuedEventView(q.uri(), q.dagId(), q.createdAt());
        }
    }

    /** The body of {@code POST /assets/events}. @param assetUri the asset @param extra what changed */
    record AssetEventForm(String assetUri, Map<String, Object> extra) {
    }

    AssetRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/assets", "get_assets", "List assets with the DAGs that wait for them and the tasks that update them")
                .role(Role.VIEWER).query(ASSET_QUERY).returns(Response.collection("assets", AssetView.class)), this::list);
        router.add(Op.get("/api/v1/assets/events", "get_asset_events", "List asset events").role(Role.VIEWER)
                .query(EVENT_QUERY).returns(Response.collection("asset_events", AssetEventView.class)), this::events);
        router.add(Op.post("/api/v1/assets/events", "create_asset_event", "Record an update of an asset from outside")
                .role(Role.OP).body(AssetEventForm.class).returns(Response.of(AssetEventView.class)), this::create);
        router.add(Op.get("/api/v1/dags/{dag_id}/assets/queuedEvents", "get_dag_asset_queued_events",
                        "List the asset events queued for a DAG's next asset-triggered run").role(Role.VIEWER)
                .returns(Response.collection("queued_events", QueuedEventView.class)), this::queued);
    }

    private void list(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        ctx.json(DagRoutes.collection("assets", api.orchestrator().reads().assets(q.string("uri_pattern").orElse(null),
                q.string("order_by").orElse(null), q.page()).map(AssetView::of)));
    }

    private void events(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        var filter = new AssetQueries.EventFilter(q.string("asset_uri").orElse(null), q.string("source_dag_id").orElse(null),
                q.string("source_task_id").orElse(null), q.string("source_run_id").orElse(null),
                new Range<>(q.instant("timestamp_gte"), q.instant("timestamp_lte")));
        Listing<EventRow> events = api.orchestrator().reads().assetEvents(filter, q.string("order_by").orElse(null), q.page());
        ctx.json(DagRoutes.collection("asset_events", withCreatedRuns(events)));
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx).allowOnly(AssetEventForm.class);
        String uri = body.string("asset_uri").orElseThrow(() -> ApiProblem.badRequest("field 'asset_uri' is required"));
        try {
            Asset.of(uri);
        } catch (DagDefinitionException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        long id = api.ops().assets().recordEvent(Api.actor(ctx), uri, body.object("extra").orElse(Map.of()));
        ctx.json(AssetEventView.of(api.orchestrator().reads().assetEvent(id).orElseThrow(), List.of()));
    }

    private void queued(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        api.orchestrator().reads().dag(dagId).orElseThrow(() -> Api.dagNotFound(dagId));
        List<QueuedEventView> queued = api.orchestrator().reads().queuedAssetEvents(dagId).stream().map(QueuedEventView::of).toList();
        ctx.json(DagRoutes.collection("queued_events", new Listing<>(queued, queued.size())));
    }

    private Listing<AssetEventView> withCreatedRuns(Listing<EventRow> events) {
        var runs = api.orchestrator().reads().runsCreatedBy(events.items().stream().map(EventRow::id).toList());
        return events.map(e -> AssetEventView.of(e, runs.getOrDefault(e.id(), List.of()).stream()
                .map(r -> new CreatedRunView(r.dagId(), r.runId())).toList()));
    }

    private static Map<String, Object> json(String text) {
        return text == null ? Map.of() : Json.objectOf(text);
    }
}
