package org.orchestrator.api;

import java.util.Optional;

/**
 * Named connections and variables, as tasks and callbacks see them. The server looks them up in
 * the environment first ({@code ORCHESTRATOR_CONN_<ID>}, {@code ORCHESTRATOR_VAR_<KEY>}, as
 * Airflow does with {@code AIRFLOW_CONN_}) and then in its database.
 */
public interface Resources {

    /** No connections, no variables: for events raised outside a server. */
    Resources NONE = new Resources() {
        @Override
        public Connection connection(String connId) {
            throw new OrchestratorException("unknown connection '" + connId + "': no connections here");
        }

        @Override
        public Optional<String> variable(String key) {
            return Optional.empty();
        }
    };

    /**
     * {@return the connection}
     *
     * @param connId the connection's id
     * @throws OrchestratorException when no connection has that id
     */
    Connection connection(String connId);

    /**
     * {@return its value, or empty when it is not set}
     *
     * @param key the variable's key
     */
    Optional<String> variable(String key);

    /**
     * {@return its value, or the fallback}
     *
     * @param key the variable's key
     * @param fallback the value when it is not set
     */
    default String variable(String key, String fallback) {
        return variable(key).orElse(fallback);
    }
}
