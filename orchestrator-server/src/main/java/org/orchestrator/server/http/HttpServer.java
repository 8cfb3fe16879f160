package org.orchestrator.server.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.http.api.ApiRoutes;
import org.orchestrator.server.http.auth.AccessGuard;
import org.orchestrator.server.http.auth.Authenticator;
import org.orchestrator.server.http.auth.LoginThrottle;
import org.orchestrator.server.http.metrics.Metrics;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API ({@code /api/v1}, Airflow-shaped) and {@code /health}, on Javalin. Every route but
 * {@code /health} needs HTTP Basic authentication and a role; every error is
 * {@code application/problem+json}.
 *
 * <pre>{@code
 * try (HttpServer http = WebServer.start(orchestrator, 8080)) {
 *     System.out.println("listening on " + http.port());
 * }
 * }</pre>
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Javalin app;
    private final List<String> routes;
    private final Metrics metrics;

    private HttpServer(Javalin app, List<String> routes, Metrics metrics) {
        this.app = app;
        this.routes = routes;
        this.metrics = metrics;
    }

    /**
     * The web dashboard's routes, registered by whoever starts the server (the dashboard's package
     * depends on this one, never the other way round).
     */
    @FunctionalInterface
    public interface Dashboard {
        /**
         * @param app          the server
         * @param orchestrator the engine
         * @param apiGuard     the API's authentication check
         * @param throttle     the failed-login counter the API's Basic authentication shares
         * @return the check to run before every matched route, in place of {@code apiGuard}
         */
        Handler register(Javalin app, Orchestrator orchestrator, Handler apiGuard, LoginThrottle throttle);
    }

    /**
     * Starts the server on one interface.
     *
     * @param orchestrator the engine the API drives
     * @param host         the address to bind, e.g. {@code 127.0.0.1}
     * @param port         the port; 0 picks a free one
     * @param dashboard    the dashboard's routes
     * @return the running server
     */
    public static HttpServer start(Orchestrator orchestrator, String host, int port, Dashboard dashboard) {
        LoginThrottle throttle = LoginThrottle.perMinute(orchestrator.clock());
        AccessGuard guard = new AccessGuard(new Authenticator(orchestrator.reads(), orchestrator.clock()), throttle);
        List<String> routes = new CopyOnWriteArrayList<>();
        Javalin app = Javalin.create(config -> configure(config, routes));
        Problems.install(app);
        Metrics metrics = Metrics.install(app, orchestrator);
        app.before(PathParams::checkEncoding);
        // The web dashboard: its pages, and a session gate in front of the API guard (org.orchestrator.server.web).
        app.beforeMatched(dashboard.register(app, orchestrator, guard::check, throttle));
        ApiRoutes.register(app, orchestrator, Problems.Problem.class, metrics);
        app.start(host, port);
        orchestrator.links().serverStarted(app.port());
        HttpServer server = new HttpServer(app, routes, metrics);
        LOG.info("REST API listening on {}", server.address());
        return server;
    }

    /**
     * Starts a server that answers {@code /health} and {@code /api/v1/health} only: what a node
     * without the webserver role serves, so load balancers and operators can still probe it.
     *
     * @param orchestrator the engine whose health is reported
     * @param host         the address to bind
     * @param port         the port; 0 picks a free one
     * @return the running server
     */
    public static HttpServer startHealthOnly(Orchestrator orchestrator, String host, int port) {
        List<String> routes = new CopyOnWriteArrayList<>();
        Javalin app = Javalin.create(config -> configure(config, routes));
        Problems.install(app);
        ApiRoutes.registerHealth(app, orchestrator);
        app.start(host, port);
        HttpServer server = new HttpServer(app, routes, null);
        LOG.info("health only (no webserver role) on {}", server.address());
        return server;
    }

    private static void configure(JavalinConfig config, List<String> routes) {
        config.events(events -> events.handlerAdded(meta -> {
            if (meta.getHttpMethod().isHttpMethod()) {
                routes.add(meta.getHttpMethod() + " " + meta.getPath());
            }
        }));
        config.showJavalinBanner = false;
        config.startupWatcherEnabled = false;
        config.useVirtualThreads = true;
        config.jsonMapper(ApiJson.javalin());
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = 1_000_000L;
        config.router.ignoreTrailingSlashes = true;
        JettyProblems errors = new JettyProblems();
        config.jetty.modifyServer(server -> server.setErrorHandler(errors));
        config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(errors));
    }

    /** @return every route Javalin registered, as {@code METHOD /path/{param}} (for the OpenAPI test) */
    List<String> registeredRoutes() {
        return List.copyOf(routes);
    }

    /**
     * @return where the server really listens, read from its socket: {@code http://127.0.0.1:8080/},
     *         or {@code http://0.0.0.0:8080/ (every interface)}
     */
    public String address() {
        InetSocketAddress bound = boundAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "0.0.0.0" : bound.getAddress().getHostAddress();
        host = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + host + ":" + bound.getPort() + "/" + (bound.getAddress().isAnyLocalAddress() ? " (every interface)" : "");
    }

    private InetSocketAddress boundAddress() {
        ServerConnector connector = (ServerConnector) app.jettyServer().server().getConnectors()[0];
        try {
            return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the HTTP server's address", e);
        }
    }

    /** @return the port the server listens on */
    public int port() {
        return app.port();
    }

    /** Stops accepting requests and stops the server. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            if (metrics != null) {
                metrics.close();
            }
        }
    }
}
