package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import org.orchestrator.server.connect.SecretMasker;
import org.orchestrator.server.connect.VariableStore;
import org.orchestrator.server.connect.VariableStore.Variable;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.api.ConnectionRoutes.Fields;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;
import org.orchestrator.server.state.Listing;

/**
 * {@code /api/v1/variables}: everyone reads, admins write. As in Airflow, lists carry no values;
 * a single variable does, except that the value of a key that looks secret ({@code password},
 * {@code token}, {@code api_key}, ...) is shown as {@code ***}: secrets are write-only here.
 * {@code POST} of an existing key replaces it, as Airflow's {@code Variable.set} does.
 */
final class VariableRoutes {

    private final Api api;

    /** Airflow's {@code VariableCollectionItem}. */
    record VariableCollectionItemView(String key, String description) {
    }

    /** Airflow's {@code Variable}. */
    record VariableView(String key, String value, String description) {
        static VariableView of(Variable v) {
            return new VariableView(v.key(), SecretMasker.isSensitive(v.key()) ? SecretMasker.MASK : v.value(), v.description());
        }
    }

    VariableRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/variables", "get_variables", "List variables (without values)").role(Role.VIEWER)
                .query(QueryDocs.LIMIT_OFFSET).returns(Response.collection("variables", VariableCollectionItemView.class)),
                this::list);
        router.add(Op.get("/api/v1/variables/{variable_key}", "get_variable", "Get a variable").role(Role.VIEWER)
                .returns(Response.of(VariableView.class)), this::get);
        router.add(Op.post("/api/v1/variables", "post_variables", "Create or replace a variable").role(Role.ADMIN)
                .body(Forms.VariableForm.class).returns(Response.of(VariableView.class)), this::create);
        router.add(Op.patch("/api/v1/variables/{variable_key}", "patch_variable", "Change a variable").role(Role.ADMIN)
                .query(Param.of("update_mask:array")).body(Forms.VariableForm.class).returns(Response.of(VariableView.class)),
                this::update);
        router.add(Op.delete("/api/v1/variables/{variable_key}", "delete_variable", "Delete a variable").role(Role.ADMIN),
                this::delete);
    }

    private VariableStore store() {
        return api.orchestrator().resources().variables();
    }

    private void list(Context ctx) {
        var page = new QueryParams(ctx).page();
        Listing<VariableCollectionItemView> listing = api.orchestrator().database().transactions().withHandle(h -> new Listing<>(
                store().list(h, page.limit(), page.offset()).stream()
                        .map(v -> new VariableCollectionItemView(v.key(), v.description())).toList(),
                store().count(h)));
        ctx.json(DagRoutes.collection("variables", listing));
    }

    private void get(Context ctx) {
        ctx.json(VariableView.of(find(PathParams.get(ctx, "variable_key"))));
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.VariableForm.class);
        String key = key(body.string("key").orElseThrow(() -> ApiProblem.badRequest("field 'key' is required")));
        Variable v = variable(key, body.string("value").orElseThrow(() -> ApiProblem.badRequest("field 'value' is required")),
                body.string("description").orElse(null));
        api.ops().variables().set(Api.actor(ctx), v);
        ctx.json(VariableView.of(find(key)));
    }

    private void update(Context ctx) {
        String key = PathParams.get(ctx, "variable_key");
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.VariableForm.class);
        body.string("key").filter(k -> !k.equals(key)).ifPresent(k -> {
            throw ApiProblem.badRequest("the key in the body (" + ApiProblem.quote(k) + ") must match the one in the path");
        });
        Fields f = new Fields(body, new QueryParams(ctx).list("update_mask"));
        Variable current = find(key);
        Variable v = variable(key, f.pick("value", body.string("value").orElse(null), current.value()),
                f.pick("description", body.string("description").orElse(null), current.description()));
        api.ops().variables().update(Api.actor(ctx), key, v);
        ctx.json(VariableView.of(find(key)));
    }

    private void delete(Context ctx) {
        String key = PathParams.get(ctx, "variable_key");
        api.ops().variables().delete(Api.actor(ctx), key);
        ctx.status(204);
    }

    private Variable find(String key) {
        return api.orchestrator().database().transactions().withHandle(h -> store().find(h, key))
                .orElseThrow(() -> ApiProblem.notFound("variable " + ApiProblem.quote(key) + " not found"));
    }

    private static Variable variable(String key, String value, String description) {
        if (value.length() > 1_000_000) {
            throw ApiProblem.badRequest("a variable's value must have at most 1,000,000 characters");
        }
        return new Variable(key, value, ConnectionRoutes.description(description));
    }

    private static String key(String key) {
        if (key.isBlank() || key.length() > 250) {
            throw ApiProblem.badRequest("a variable key must have 1-250 characters");
        }
        return key;
    }
}
