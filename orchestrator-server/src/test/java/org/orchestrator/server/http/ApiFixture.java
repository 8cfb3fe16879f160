package org.orchestrator.server.http;

import org.orchestrator.server.web.WebServer;
import org.orchestrator.api.Dag;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestUsers;

/**
 * A real engine on a real H2 file, the REST API on a free port, and one user per role
 * ({@code admin}, {@code op}, {@code viewer}; password {@code <name>-password}).
 */
final class ApiFixture implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String OP = "op";
    static final String VIEWER = "viewer";

    private final TestEngine engine;
    private final HttpServer server;

    private ApiFixture(TestEngine engine, HttpServer server) {
        this.engine = engine;
        this.server = server;
    }

    static ApiFixture start(Dag... dags) {
        return start(TestEngine.start(dags));
    }

    /** @param engine an engine already started (closed if the server cannot start) */
    static ApiFixture start(TestEngine engine) {
        try {
            TestUsers.createOnePerRole(engine.orchestrator());
            return new ApiFixture(engine, WebServer.start(engine.orchestrator(), 0));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    TestEngine engine() {
        return engine;
    }

    /** @return a client logged in as that user (password {@code <user>-password}) */
    ApiClient as(String user) {
        return ApiClient.basic(server.port(), user, user + "-password");
    }

    /** @return a client sending no credentials */
    ApiClient anonymous() {
        return new ApiClient(server.port(), null);
    }

    /** @return a client sending these credentials */
    ApiClient withPassword(String user, String password) {
        return ApiClient.basic(server.port(), user, password);
    }

    HttpServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            engine.close();
        }
    }
}
