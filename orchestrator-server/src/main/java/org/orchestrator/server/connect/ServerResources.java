package org.orchestrator.server.connect;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.server.state.Reads;
import org.orchestrator.api.Connection;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Resources;

/**
 * Connections and variables as tasks and callbacks see them: {@code ORCHESTRATOR_CONN_<ID>} and
 * {@code ORCHESTRATOR_VAR_<KEY>} (id and key upper-cased) first, as Airflow does with its own
 * prefix, then the database. Every secret handed out is taught to the {@link SecretMasker}
 * first, so the try that asked cannot print it into its log.
 */
public final class ServerResources implements Resources {

    /** Prefix of connections defined in the environment. */
    public static final String CONN_PREFIX = "ORCHESTRATOR_CONN_";
    /** Prefix of variables defined in the environment. */
    public static final String VAR_PREFIX = "ORCHESTRATOR_VAR_";

    private final Map<String, String> env;
    private final ConnectionStore connections;
    private final VariableStore variables;
    private final SecretMasker masker;

    /**
     * @param env    the environment
     * @param reads  the database's read side, or null to look only in the environment
     * @param cipher decrypts stored secrets
     * @param masker learns every secret handed out
     */
    public ServerResources(Map<String, String> env, Reads reads, SecretCipher cipher, SecretMasker masker) {
        this.env = Map.copyOf(env);
        this.connections = reads == null ? null : new ConnectionStore(reads, cipher);
        this.variables = reads == null ? null : new VariableStore(reads, cipher);
        this.masker = masker;
        learnEnvironmentSecrets();
    }

    @Override
    public Connection connection(String connId) {
        Connection found = fromEnv(connId).or(() -> fromDb(connId)).orElseThrow(() -> new OrchestratorException(
                "unknown connection '" + connId + "': set " + CONN_PREFIX + envName(connId)
                        + " or add it with 'connections add' or POST /api/v1/connections"));
        masker.add(found);
        return found;
    }

    @Override
    public String render(String field, String template, Map<String, ?> names) {
        return org.orchestrator.rules.template.Templates.render(field, template, names, this);
    }

    @Override
    public Optional<String> variable(String key) {
        Optional<String> value = Optional.ofNullable(env.get(VAR_PREFIX + envName(key)))
                .or(() -> variables == null ? Optional.empty()
                        : variables.find(key).map(VariableStore.Variable::value));
        value.ifPresent(v -> masker.addVariable(key, v));
        return value;
    }

    /** @return the masker that hides what this hands out */
    public SecretMasker masker() {
        return masker;
    }

    /** @return the stored connections */
    public ConnectionStore connections() {
        return connections;
    }

    /** @return the stored variables */
    public VariableStore variables() {
        return variables;
    }

    private Optional<Connection> fromEnv(String connId) {
        return Optional.ofNullable(env.get(CONN_PREFIX + envName(connId))).map(spec -> ConnectionSpecs.parse(connId, spec));
    }

    private Optional<Connection> fromDb(String connId) {
        return connections == null ? Optional.empty()
                : connections.find(connId).map(ConnectionStore.Stored::connection);
    }

    /** Env-defined secrets are masked from the start, even in tries that never look them up. */
    private void learnEnvironmentSecrets() {
        env.forEach((name, value) -> {
            if (name.startsWith(CONN_PREFIX)) {
                try {
                    masker.add(ConnectionSpecs.parse(name.substring(CONN_PREFIX.length()).toLowerCase(Locale.ROOT), value));
                } catch (OrchestratorException e) {
                    // a malformed definition fails the try that looks it up, with this message
                }
            } else if (name.startsWith(VAR_PREFIX)) {
                masker.addVariable(name.substring(VAR_PREFIX.length()), value);
            }
        });
    }

    private static String envName(String id) {
        return id.toUpperCase(Locale.ROOT);
    }
}
