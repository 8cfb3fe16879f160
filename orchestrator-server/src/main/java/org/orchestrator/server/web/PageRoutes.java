package org.orchestrator.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.auth.Role;

/**
 * The dashboard's pages. Each is a static HTML shell whose script reads its ids from the URL and
 * fills itself from the REST API, so no request data is ever written into HTML on the server.
 * A browser without a session is sent to the login form and brought back afterwards.
 */
final class PageRoutes {

    private final Assets assets;

    PageRoutes(Assets assets) {
        this.assets = assets;
    }

    void register(Javalin app) {
        app.get("/", ctx -> ctx.redirect(SafeRedirect.HOME), Role.PUBLIC);
        page(app, "/dags", "dags.html");
        page(app, "/dags/{dag_id}", "dag.html");
        page(app, "/dags/{dag_id}/runs/{dag_run_id}/tasks/{task_id}", "task.html");
        page(app, "/import-errors", "import-errors.html");
        page(app, "/cluster", "cluster.html");
        page(app, "/assets", "assets.html");
        app.get("/static/<name>", this::asset, Role.PUBLIC);
    }

    private void page(Javalin app, String path, String file) {
        app.get(path, ctx -> {
            if (SessionGate.session(ctx).isEmpty()) {
                ctx.redirect("/login?next=" + URLEncoder.encode(requested(ctx), StandardCharsets.UTF_8));
                return;
            }
            serve(ctx, "pages/" + file, "no-store");
        }, Role.PUBLIC);
    }

    /** Serves a page file; also used for the login page. */
    void serve(Context ctx, String name, String cacheControl) {
        Assets.send(ctx, assets.find(name).orElseThrow(() ->
                new IllegalStateException("the orchestrator-ui jar has no " + name + "; is it on the class path?")),
                cacheControl);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("name");
        Assets.send(ctx, assets.find(name).orElseThrow(() ->
                ApiProblem.notFound("no dashboard file " + ApiProblem.quote(name))), "no-cache");
    }

    private static String requested(Context ctx) {
        String query = ctx.queryString();
        return ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
    }
}
