package org.orchestrator.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.orchestrator.api.Connection;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Resources;

/** Connections and variables set on a {@link DagTester}, laid over an optional fallback. */
final class TestResources implements Resources {

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private Resources fallback = Resources.NONE;

    void put(Connection connection) {
        connections.put(connection.id(), connection);
    }

    void put(String key, String value) {
        variables.put(key, value);
    }

    void fallback(Resources resources) {
        fallback = resources;
    }

    @Override
    public Connection connection(String connId) {
        Connection connection = connections.get(connId);
        if (connection != null) {
            return connection;
        }
        if (fallback == Resources.NONE) {
            throw new OrchestratorException("unknown connection '" + connId + "': set it with DagTester.connection(...)"
                    + (connections.isEmpty() ? "" : "; this test has " + connections.keySet()));
        }
        return fallback.connection(connId);
    }

    /** Rendered as the server renders a notifier's message. */
    @Override
    public String render(String field, String template, java.util.Map<String, ?> names) {
        return org.orchestrator.rules.template.Templates.render(field, template, names, this);
    }

    @Override
    public Optional<String> variable(String key) {
        String value = variables.get(key);
        return value != null ? Optional.of(value) : fallback.variable(key);
    }
}
