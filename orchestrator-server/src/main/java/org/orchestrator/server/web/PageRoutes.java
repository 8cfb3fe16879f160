package org.orchestrator.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.auth.Role;

/**
 * The dashboard's pages. Each is a static HTML shell whose script reads its ids from the URL and
 * fills itself from the REST API, so no request data is ever written into HTML on the server.
 * A browser without a session is sent to the login form and brought back afterwards.
 */
final class PageRoutes {

    /** Where no dashboard page lives: these keep the API's problem+json 404. */
    private static final List<String> NOT_PAGES = List.of("/api/", "/static/", "/ui/", "/health", "/metrics");

    private final Assets assets;
    private final SessionUsers users;

    PageRoutes(Assets assets, SessionUsers users) {
        this.assets = assets;
        this.users = users;
    }

    void register(Javalin app) {
        app.get("/", ctx -> ctx.redirect(SafeRedirect.HOME), Role.PUBLIC);
        page(app, "/dags", "dags.html");
        page(app, "/dags/{dag_id}", "dag.html");
        page(app, "/dags/{dag_id}/runs/{dag_run_id}/tasks/{task_id}", "task.html");
        page(app, "/import-errors", "import-errors.html");
        page(app, "/cluster", "cluster.html");
        page(app, "/assets", "assets.html");
        page(app, "/home", "home.html");
        for (String kind : List.of("runs", "task-instances", "audit-log", "xcoms", "sla-misses")) {
            page(app, "/browse/" + kind, "browse.html");
        }
        for (String kind : List.of("connections", "variables", "pools", "users", "tokens")) {
            adminPage(app, "/admin/" + kind);
        }
        app.error(404, "html", this::notFound);
        app.get("/static/<name>", this::asset, Role.PUBLIC);
    }

    private void page(Javalin app, String path, String file) {
        page(app, path, ctx -> serve(ctx, "pages/" + file, "no-store"));
    }

    private void page(Javalin app, String path, Handler loggedIn) {
        app.get(path, ctx -> {
            if (SessionGate.session(ctx).isEmpty()) {
                ctx.redirect("/login?next=" + URLEncoder.encode(requested(ctx), StandardCharsets.UTF_8));
                return;
            }
            loggedIn.handle(ctx);
        }, Role.PUBLIC);
    }

    /** A page only admins see; anyone else gets a 403 page (the API refuses them the data anyway). */
    private void adminPage(Javalin app, String path) {
        page(app, path, ctx -> {
            boolean admin = SessionGate.session(ctx).flatMap(users::principal).map(p -> p.role() == Role.ADMIN).orElse(false);
            if (admin) {
                serve(ctx, "pages/admin.html", "no-store");
            } else {
                ctx.status(403);
                serve(ctx, "pages/forbidden.html", "no-store");
            }
        });
    }

    /** A browser asking for a URL no route has gets a page saying so; API clients keep problem+json. */
    private void notFound(Context ctx) {
        String path = ctx.path();
        if (NOT_PAGES.stream().anyMatch(path::startsWith)) {
            return;
        }
        ctx.status(404);
        serve(ctx, "pages/not-found.html", "no-store");
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
