package org.orchestrator.server.web;

import java.util.Map;
import org.orchestrator.api.Dag;
import org.orchestrator.server.http.HttpServer;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestUsers;

/**
 * A real engine on a real H2 file, the server (API and dashboard) on a free loopback port, and
 * one user per role ({@code admin}, {@code op}, {@code viewer}; password {@code <name>-password}).
 */
final class WebFixture implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String OP = "op";
    static final String VIEWER = "viewer";

    private final TestEngine engine;
    private final HttpServer server;

    private WebFixture(TestEngine engine, HttpServer server) {
        this.engine = engine;
        this.server = server;
    }

    static WebFixture start(Dag... dags) {
        return start(Map.of(), dags);
    }

    /** @param env extra ORCHESTRATOR_* settings of the engine (e.g. ORCHESTRATOR_TRUST_PROXY) */
    static WebFixture start(Map<String, String> env, Dag... dags) {
        TestEngine engine = TestEngine.start(TestEngine.fresh(), env, dags);
        try {
            TestUsers.createOnePerRole(engine.orchestrator());
            return new WebFixture(engine, WebServer.start(engine.orchestrator(), "127.0.0.1", 0));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    static String password(String user) {
        return TestUsers.password(user);
    }

    TestEngine engine() {
        return engine;
    }

    /** @return the server's root, e.g. {@code http://127.0.0.1:43121} */
    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
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
