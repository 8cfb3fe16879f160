package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiDocsPage;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.OpenApiDocument;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 document of every route, built from the routes
 * as registered; and {@code GET /api/v1/docs}, a browsable page of it that needs no script.
 */
final class OpenApiRoutes {

    private final ApiRouter router;
    private final String version;
    private final Class<?> problemType;
    private volatile Map<String, Object> document;

    /** The document's top level, for the document of the document route itself. */
    record OpenApi(String openapi, Map<String, Object> info, Map<String, Object> paths, Map<String, Object> components,
                   List<Object> security) {
    }

    OpenApiRoutes(ApiRouter router, String version, Class<?> problemType) {
        this.router = router;
        this.version = version;
        this.problemType = problemType;
    }

    void register(ApiRouter into) {
        into.add(Op.get("/api/v1/openapi.json", "get_openapi", "This API's OpenAPI 3 document").role(Role.VIEWER)
                .returns(Response.of(OpenApi.class)), this::json);
        into.add(Op.get("/api/v1/docs", "get_api_docs", "A browsable page of the API (HTML)").role(Role.VIEWER)
                .returns(Response.html()), this::page);
    }

    private void json(Context ctx) {
        ctx.json(document());
    }

    private void page(Context ctx) {
        ctx.status(200).contentType("text/html; charset=utf-8").result(ApiDocsPage.render(router.operations(), version));
    }

    /** Built on first use: by then every route has been registered. */
    private Map<String, Object> document() {
        Map<String, Object> built = document;
        if (built == null) {
            built = OpenApiDocument.build(router.operations(), version, problemType);
            document = built;
        }
        return built;
    }
}
