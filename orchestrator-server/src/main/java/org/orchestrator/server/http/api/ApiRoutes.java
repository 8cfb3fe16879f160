package org.orchestrator.server.http.api;

import io.javalin.Javalin;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.http.Audit;

/** Registers every REST route of {@code /api/v1} and {@code /health}. */
public final class ApiRoutes {

    private ApiRoutes() {
    }

    /**
     * @param app          the web server, before it starts
     * @param orchestrator the engine the routes drive
     * @param audit        where mutating calls are recorded
     */
    public static void register(Javalin app, Orchestrator orchestrator, Audit audit) {
        Api api = new Api(orchestrator, audit);
        new HealthRoutes(api).register(app);
        new DagRoutes(api).register(app);
        new DagRunRoutes(api).register(app);
        new DagRunListRoutes(api).register(app);
        new DagRunEditRoutes(api).register(app);
        new TaskInstanceRoutes(api).register(app);
        new DagDetailRoutes(api).register(app);
        new LogRoutes(api).register(app);
        new ClearRoutes(api).register(app);
        new MarkRoutes(api).register(app);
        new XComRoutes(api).register(app);
        new PoolRoutes(api).register(app);
        new ImportErrorRoutes(api).register(app);
        new EventLogRoutes(api).register(app);
        new VersionRoutes().register(app);
    }
}
