package org.orchestrator.server.web;

import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.http.HttpServer;

/** Starts the HTTP server with the REST API and the web dashboard: what {@code server} and {@code standalone} serve. */
public final class WebServer {

    private WebServer() {
    }

    /**
     * @param orchestrator the engine
     * @param port         the port; 0 picks a free one
     * @return the running server, on every interface
     */
    public static HttpServer start(Orchestrator orchestrator, int port) {
        return start(orchestrator, "0.0.0.0", port);
    }

    /**
     * @param orchestrator the engine
     * @param host         the address to bind, e.g. {@code 127.0.0.1}
     * @param port         the port; 0 picks a free one
     * @return the running server
     */
    public static HttpServer start(Orchestrator orchestrator, String host, int port) {
        return HttpServer.start(orchestrator, host, port, WebRoutes::register);
    }
}
