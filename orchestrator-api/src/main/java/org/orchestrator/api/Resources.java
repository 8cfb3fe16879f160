package org.orchestrator.api;

import java.util.Map;
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

    /**
     * Renders a template outside a try, such as a notifier's message: the given names, plus
     * {@code var}, {@code conn} and {@code macros} as a try's templates have them. Text without
     * template markup comes back as it is.
     *
     * @param field    what is rendered, named in errors
     * @param template the template
     * @param names    the names it may use besides var, conn and macros
     * @return the rendered text
     * @throws UnsupportedOperationException where no template engine is at hand ({@link #NONE})
     */
    default String render(String field, String template, Map<String, ?> names) {
        if (Task.isTemplate(template)) {
            throw new UnsupportedOperationException("rendering the template of '" + field + "' needs a server or DagTester");
        }
        return template;
    }
}
