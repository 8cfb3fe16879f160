package org.orchestrator.server.http.openapi;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers routes on Javalin and remembers each as a documented {@link Op}: one call does both,
 * so the OpenAPI document lists exactly the routes that exist.
 */
public final class ApiRouter {

    private final Javalin app;
    private final List<Op> operations = new ArrayList<>();

    /** @param app the web server, before it starts */
    public ApiRouter(Javalin app) {
        this.app = app;
    }

    /** @param op the operation @param handler what answers it */
    public void add(Op op, Handler handler) {
        app.addHttpHandler(HandlerType.valueOf(op.method()), op.path(), handler, op.role());
        operations.add(op);
    }

    /** @return every operation registered so far */
    public List<Op> operations() {
        return List.copyOf(operations);
    }
}
