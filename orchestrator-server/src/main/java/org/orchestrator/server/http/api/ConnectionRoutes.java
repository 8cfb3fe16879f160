package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.node.TextNode;
import org.orchestrator.api.Connection;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.server.connect.ConnectionSpecs;
import org.orchestrator.server.connect.ConnectionStore;
import org.orchestrator.server.connect.ConnectionStore.Stored;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.api.ConnectionViews.ConnectionCollectionItemView;
import org.orchestrator.server.http.api.ConnectionViews.ConnectionView;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;
import org.orchestrator.server.state.Listing;

/**
 * {@code /api/v1/connections}: everyone reads (never the password); admins create, change and
 * delete. A connection is given either a {@code url} or Airflow's {@code host}/{@code port}/
 * {@code schema}, from which the URL is built by type (see {@link ConnectionSpecs#urlOf}).
 */
final class ConnectionRoutes {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,250}");

    private final Api api;

    ConnectionRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/connections", "get_connections", "List connections").role(Role.VIEWER)
                .query(QueryDocs.LIMIT_OFFSET).returns(Response.collection("connections", ConnectionCollectionItemView.class)),
                this::list);
        router.add(Op.get("/api/v1/connections/{connection_id}", "get_connection", "Get a connection (no password)")
                .role(Role.VIEWER).returns(Response.of(ConnectionView.class)), this::get);
        router.add(Op.post("/api/v1/connections", "post_connection", "Create a connection").role(Role.ADMIN)
                .body(Forms.ConnectionForm.class).returns(Response.of(ConnectionView.class)), this::create);
        router.add(Op.patch("/api/v1/connections/{connection_id}", "patch_connection", "Change a connection")
                .role(Role.ADMIN).query(Param.of("update_mask:array")).body(Forms.ConnectionForm.class)
                .returns(Response.of(ConnectionView.class)), this::update);
        router.add(Op.delete("/api/v1/connections/{connection_id}", "delete_connection", "Delete a connection")
                .role(Role.ADMIN), this::delete);
    }

    private ConnectionStore store() {
        return api.orchestrator().resources().connections();
    }

    private void list(Context ctx) {
        var page = new QueryParams(ctx).page();
        Listing<ConnectionCollectionItemView> listing = store().page(page.limit(), page.offset())
                .map(ConnectionCollectionItemView::of);
        ctx.json(DagRoutes.collection("connections", listing));
    }

    private void get(Context ctx) {
        ctx.json(ConnectionView.of(find(PathParams.get(ctx, "connection_id"))));
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.ConnectionForm.class);
        String id = id(body.string("connection_id").orElseThrow(() -> ApiProblem.badRequest("field 'connection_id' is required")));
        String type = type(body.string("conn_type").orElseThrow(() -> ApiProblem.badRequest("field 'conn_type' is required")));
        String url = body.string("url").orElseGet(() -> ConnectionSpecs.urlOf(type, body.string("host").orElse(""),
                port(body.integer("port").orElse(null)), body.string("schema").orElse(null)));
        Connection c = connection(id, type, url, body.string("login").orElse(""), body.string("password").orElse(""),
                extra(id, body.string("extra").orElse(null)));
        String description = description(body.string("description").orElse(null));
        api.ops().connections().add(Api.actor(ctx), c, description);
        ctx.json(ConnectionView.of(find(id)));
    }

    private void update(Context ctx) {
        String id = PathParams.get(ctx, "connection_id");
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.ConnectionForm.class);
        Fields f = new Fields(body, new QueryParams(ctx).list("update_mask"));
        Stored current = find(id);
        Connection old = current.connection();
        String newId = id(f.pick("connection_id", body.string("connection_id").orElse(null), old.id()));
        String type = type(f.pick("conn_type", body.string("conn_type").orElse(null), old.type()));
        ConnectionViews.Parts parts = ConnectionViews.Parts.of(old.url());
        String url = f.sent("url") ? body.string("url").orElse(old.url())
                : f.sent("host") || f.sent("port") || f.sent("schema") ? ConnectionSpecs.urlOf(type,
                        f.pick("host", body.string("host").orElse(null), parts.host() == null ? "" : parts.host()),
                        port(f.pick("port", body.integer("port").orElse(null), parts.port())),
                        f.pick("schema", body.string("schema").orElse(null), parts.schema()))
                : old.url();
        Connection c = connection(newId, type, url, f.pick("login", body.string("login").orElse(null), old.login()),
                f.pick("password", body.string("password").orElse(null), old.password()),
                f.sent("extra") ? extra(newId, body.string("extra").orElse(null)) : old.extra());
        String description = description(f.pick("description", body.string("description").orElse(null), current.description()));
        api.ops().connections().update(Api.actor(ctx), id, c, description);
        ctx.json(ConnectionView.of(find(newId)));
    }

    private void delete(Context ctx) {
        String id = PathParams.get(ctx, "connection_id");
        api.ops().connections().delete(Api.actor(ctx), id);
        ctx.status(204);
    }

    private Stored find(String id) {
        return store().find(id)
                .orElseThrow(() -> ApiProblem.notFound("connection " + ApiProblem.quote(id) + " not found"));
    }

    private static Connection connection(String id, String type, String url, String login, String password,
                                         Map<String, String> extra) {
        if (url.length() > 4000) {
            throw ApiProblem.badRequest("'url' must have at most 4000 characters");
        }
        try {
            ConnectionSpecs.withoutCredentials(id, url);
        } catch (OrchestratorException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        if (login.length() > 500) {
            throw ApiProblem.badRequest("'login' must have at most 500 characters");
        }
        return new Connection(id, type, url, login, password, extra);
    }

    private static Map<String, String> extra(String id, String json) {
        try {
            return json == null ? Map.of() : ConnectionSpecs.extras(id, new TextNode(json));
        } catch (OrchestratorException e) {
            throw ApiProblem.badRequest(e.getMessage() + " (send 'extra' as a string holding a JSON object, as Airflow does)");
        }
    }

    static String description(String description) {
        if (description != null && description.length() > 4000) {
            throw ApiProblem.badRequest("'description' must have at most 4000 characters");
        }
        return description;
    }

    private static String id(String id) {
        if (!ID.matcher(id).matches()) {
            throw ApiProblem.badRequest("a connection id must have 1-250 letters, digits, '_', '.' or '-', got " + ApiProblem.quote(id));
        }
        return id;
    }

    private static String type(String type) {
        if (type.isBlank() || type.length() > 100) {
            throw ApiProblem.badRequest("'conn_type' must have 1-100 characters");
        }
        return type;
    }

    static Integer port(Integer port) {
        if (port != null && (port < 1 || port > 65_535)) {
            throw ApiProblem.badRequest("'port' must be 1-65535, got " + port);
        }
        return port;
    }

    /** An update mask: only the fields it names change; without one, every field sent changes. */
    record Fields(JsonBody body, List<String> mask) {
        boolean sent(String field) {
            return body.has(field) && (mask.isEmpty() || mask.contains(field));
        }

        <T> T pick(String field, T value, T current) {
            return sent(field) && value != null ? value : current;
        }
    }
}
