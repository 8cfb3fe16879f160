package org.orchestrator.server.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.orchestrator.server.config.ServerConfig;

/**
 * The database engine tests run on, chosen by the system property {@value #PROPERTY}: {@code h2}
 * (default, the home's own H2 file) or {@code postgresql} (a database of its own per home on the
 * JVM's {@link PostgresServer}). A home keeps its database across engine restarts.
 *
 * <pre>{@code ./mvnw -pl orchestrator-server -am test -Dorchestrator.test.db=postgresql -Dtest=EngineSmokeTest}</pre>
 */
public final class TestDatabase {

    /** The system property that selects the database. */
    public static final String PROPERTY = "orchestrator.test.db";

    private static final Map<Path, String> URLS = new ConcurrentHashMap<>();

    private TestDatabase() {
    }

    /** @return true when tests run on PostgreSQL */
    public static boolean postgres() {
        String db = System.getProperty(PROPERTY, "h2");
        if (!db.equals("h2") && !db.equals("postgresql")) {
            throw new IllegalStateException(PROPERTY + " must be h2 or postgresql, not " + db);
        }
        return db.equals("postgresql");
    }

    /** @param home an engine home @return the ORCHESTRATOR_DB_* settings for it (none on H2) */
    public static Map<String, String> env(Path home) {
        return postgres() ? postgresEnv(home) : Map.of();
    }

    /** @param home an engine home @return settings for its own PostgreSQL database, whatever {@value #PROPERTY} says */
    public static Map<String, String> postgresEnv(Path home) {
        String url = URLS.computeIfAbsent(home.toAbsolutePath().normalize(), h -> PostgresServer.shared().createDatabase());
        return Map.of("ORCHESTRATOR_DB_URL", url, "ORCHESTRATOR_DB_USER", PostgresServer.USER, "ORCHESTRATOR_DB_PASSWORD", "");
    }

    /** @param home an engine home @return its configuration with the selected database */
    public static ServerConfig config(Path home) {
        return ServerConfig.fromEnvironment(withHome(home, Map.of()));
    }

    /** @param home an engine home @return its configuration on its own PostgreSQL database */
    public static ServerConfig postgresConfig(Path home) {
        Map<String, String> all = new HashMap<>(postgresEnv(home));
        all.put("ORCHESTRATOR_HOME", home.toString());
        return ServerConfig.fromEnvironment(all);
    }

    /** @return {@code env} plus ORCHESTRATOR_HOME and the home's database settings (which {@code env} may override) */
    public static Map<String, String> withHome(Path home, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env(home));
        all.put("ORCHESTRATOR_HOME", home.toString());
        all.putAll(env);
        return all;
    }
}
