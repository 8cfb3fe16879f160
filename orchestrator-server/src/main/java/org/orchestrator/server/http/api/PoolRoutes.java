package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.List;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.PoolQueries.PoolRecord;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code /api/v1/pools}: everyone reads; only admins create, change and delete. The default pool
 * cannot be deleted or renamed, as in Airflow.
 */
final class PoolRoutes {

    private final Api api;

    /** Airflow's {@code Pool}; we have no deferred state, so those counts are 0. */
    record PoolView(String name, int slots, int occupiedSlots, int runningSlots, int queuedSlots, int openSlots,
                    int scheduledSlots, int deferredSlots, String description, boolean includeDeferred) {
        static PoolView of(PoolRecord p) {
            int occupied = p.running() + p.queued();
            return new PoolView(p.name(), p.slots(), occupied, p.running(), p.queued(), p.slots() - occupied,
                    p.scheduled(), 0, p.description(), false);
        }
    }

    PoolRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/pools", "get_pools", "List pools").role(Role.VIEWER).query(QueryDocs.LIMIT_OFFSET)
                .returns(Response.collection("pools", PoolView.class)), this::list);
        router.add(Op.get("/api/v1/pools/{pool_name}", "get_pool", "Get a pool").role(Role.VIEWER)
                .returns(Response.of(PoolView.class)), this::get);
        router.add(Op.post("/api/v1/pools", "post_pool", "Create a pool").role(Role.ADMIN).body(Forms.PoolForm.class)
                .returns(Response.of(PoolView.class)), this::create);
        router.add(Op.patch("/api/v1/pools/{pool_name}", "patch_pool", "Change a pool").role(Role.ADMIN)
                .query(Param.of("update_mask:array")).body(Forms.PoolForm.class).returns(Response.of(PoolView.class)),
                this::update);
        router.add(Op.delete("/api/v1/pools/{pool_name}", "delete_pool", "Delete a pool").role(Role.ADMIN), this::delete);
    }

    private void list(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        ctx.json(DagRoutes.collection("pools", api.orchestrator().reads().pools(q.page())
                .map(PoolView::of)));
    }

    private void get(Context ctx) {
        ctx.json(PoolView.of(find(PathParams.get(ctx, "pool_name"))));
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.PoolForm.class);
        String name = name(body.string("name").orElseThrow(() -> ApiProblem.badRequest("field 'name' is required")));
        int slots = slots(body.integer("slots").orElseThrow(() -> ApiProblem.badRequest("field 'slots' is required")));
        refuseDeferred(body);
        api.ops().pools().create(Api.actor(ctx), name, slots, body.string("description").orElse(null));
        ctx.json(PoolView.of(find(name)));
    }

    private void update(Context ctx) {
        String name = PathParams.get(ctx, "pool_name");
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.PoolForm.class);
        refuseDeferred(body);
        List<String> mask = new QueryParams(ctx).list("update_mask");
        PoolRecord current = find(name);
        String newName = name(pick(mask, "name", body.string("name").orElse(null), current.name()));
        int slots = slots(pick(mask, "slots", body.integer("slots").orElse(null), current.slots()));
        String description = pick(mask, "description", body.string("description").orElse(null), current.description());
        api.ops().pools().update(Api.actor(ctx), name, newName, slots, description);
        ctx.json(PoolView.of(find(newName)));
    }

    private void delete(Context ctx) {
        String name = PathParams.get(ctx, "pool_name");
        api.ops().pools().delete(Api.actor(ctx), name);
        ctx.status(204);
    }

    private PoolRecord find(String name) {
        return api.orchestrator().reads().pool(name)
                .orElseThrow(() -> ApiProblem.notFound("pool " + ApiProblem.quote(name) + " not found"));
    }

    /** With an update mask only the named fields change; without one, every field sent changes. */
    private static <T> T pick(List<String> mask, String field, T sent, T current) {
        boolean allowed = mask.isEmpty() || mask.contains(field);
        return allowed && sent != null ? sent : current;
    }

    private static String name(String name) {
        if (name.isBlank() || name.length() > 250) {
            throw ApiProblem.badRequest("a pool name must have 1-250 characters");
        }
        return name;
    }

    private static int slots(int slots) {
        if (slots < 0) {
            throw ApiProblem.badRequest("'slots' must not be negative, got " + slots);
        }
        return slots;
    }

    private static void refuseDeferred(JsonBody body) {
        if (body.bool("include_deferred").orElse(false)) {
            throw ApiProblem.badRequest("there is no deferred state here: 'include_deferred' must be false");
        }
    }
}
