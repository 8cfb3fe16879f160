package org.orchestrator.server.http.api;

import io.javalin.Javalin;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.http.metrics.Metrics;
import org.orchestrator.server.http.openapi.ApiRouter;

/** Registers every REST route of {@code /api/v1} and {@code /health}, and the OpenAPI document of them all. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    /**
     * Registers {@code /health} and {@code /api/v1/health} only, for nodes that serve no web.
     *
     * @param app          the web server, before it starts
     * @param orchestrator the engine whose health is reported
     */
    public static void registerHealth(Javalin app, Orchestrator orchestrator) {
        new HealthRoutes(new Api(orchestrator)).register(new ApiRouter(app));
    }

    /**
     * Registers every route.
     *
     * @param app          the web server, before it starts
     * @param orchestrator the engine the routes drive
     * @param problemType  the record errors are written as (for the document)
     * @param metrics      the meters, whose {@code /metrics} route is documented with the rest
     */
    public static void register(Javalin app, Orchestrator orchestrator, Class<?> problemType,
                                Metrics metrics) {
        Api api = new Api(orchestrator);
        ApiRouter router = new ApiRouter(app);
        metrics.register(router);
        new HealthRoutes(api).register(router);
        new VersionRoutes().register(router);
        new DagRoutes(api).register(router);
        new DagDetailRoutes(api).register(router);
        new DagVersionRoutes(api).register(router);
        new DagRunRoutes(api).register(router);
        new DagRunListRoutes(api).register(router);
        new DagRunEditRoutes(api).register(router);
        new DagRunClearRoutes(api).register(router);
        new NoteRoutes(api).register(router);
        TaskInstanceRoutes taskInstances = new TaskInstanceRoutes(api);
        taskInstances.register(router);
        new MarkRoutes(api).register(router);
        new ClearRoutes(api).register(router);
        new LogRoutes(api).register(router);
        new LogStreamRoutes(api).register(router);
        new XComRoutes(api).register(router);
        new ImportErrorRoutes(api).register(router);
        new EventLogRoutes(api).register(router);
        new PoolRoutes(api).register(router);
        new TokenRoutes(api).register(router);
        new ConnectionTestRoutes(api).register(router);
        new ConnectionRoutes(api).register(router);
        new UserRoutes(api).register(router);
        new SlaMissRoutes(api).register(router);
        new VariableRoutes(api).register(router);
        new AssetRoutes(api).register(router);
        taskInstances.registerLast(router);
        new OpenApiRoutes(router, VersionRoutes.readVersion(), problemType).register(router);
    }
}
