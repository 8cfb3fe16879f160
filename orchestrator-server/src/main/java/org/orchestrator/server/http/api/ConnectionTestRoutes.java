package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.api.Connection;
import org.orchestrator.server.connect.ConnectionProbe;
import org.orchestrator.server.connect.ConnectionSpecs;
import org.orchestrator.server.connect.ConnectionStore.Stored;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code POST /api/v1/connections/test}, as Airflow's: tries a connection and answers
 * {@code {"status": true|false, "message": …}} (200 either way; the outcome is data, not an error).
 * The fields sent are tried; a field not sent (the password, typically, which the dashboard never
 * shows) is taken from the stored connection of that {@code connection_id}, if there is one. Admins
 * only, since it makes the server open a connection to an address of the caller's choosing.
 */
final class ConnectionTestRoutes {

    private static final ConnectionProbe PROBE = new ConnectionProbe(Duration.ofSeconds(5));

    private final Api api;

    ConnectionTestRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.post("/api/v1/connections/test", "test_connection", "Test a connection").role(Role.ADMIN)
                .body(Forms.ConnectionForm.class).returns(Response.of(ConnectionProbe.Result.class)), this::test);
    }

    private void test(Context ctx) {
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.ConnectionForm.class);
        Optional<Connection> stored = body.string("connection_id")
                .flatMap(id -> api.orchestrator().resources().connections().find(id)).map(Stored::connection);
        String type = body.string("conn_type").or(() -> stored.map(Connection::type))
                .orElseThrow(() -> ApiProblem.badRequest("field 'conn_type' is required for a connection not stored"));
        String url = body.string("url").or(() -> body.string("host").map(host -> ConnectionSpecs.urlOf(type, host,
                        ConnectionRoutes.port(body.integer("port").orElse(null)), body.string("schema").orElse(null))))
                .or(() -> stored.map(Connection::url))
                .orElseThrow(() -> ApiProblem.badRequest("send 'url' or 'host' for a connection not stored"));
        String login = nonBlank(body.string("login")).or(() -> stored.map(Connection::login)).orElse("");
        String password = nonBlank(body.string("password")).or(() -> stored.map(Connection::password)).orElse("");
        ctx.json(PROBE.test(new Connection(body.string("connection_id").orElse("test"), type, url, login, password, Map.of())));
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }
}
