package org.orchestrator.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.connect.SecretKeys;
import org.orchestrator.server.connect.SecretMasker;
import org.orchestrator.server.connect.ServerResources;
import org.orchestrator.server.state.Database;

/**
 * Connections and variables for {@code dags test} and {@code tasks test}: the environment, and the
 * database when there is one (an existing H2 file or a configured URL), so a local test sees what
 * the server would without creating a database where there was none.
 */
final class CliResources implements AutoCloseable {

    private final Database database;
    private final ServerResources resources;

    private CliResources(Database database, ServerResources resources) {
        this.database = database;
        this.resources = resources;
    }

    static CliResources open(HomeOptions home) {
        ServerConfig config = home.config();
        Map<String, String> env = home.environment();
        boolean hasDb = hasDatabase(config);
        Database database = hasDb ? Database.open(config) : null;
        SecretMasker masker = new SecretMasker();
        return new CliResources(database, hasDb
                ? new ServerResources(env, database.reads(), SecretKeys.load(config.home(), env), masker)
                : new ServerResources(env, null, null, masker));
    }

    /** @return true when there is a database to open: a configured URL, or the home's H2 file */
    static boolean hasDatabase(ServerConfig config) {
        return !config.dbUrl().isBlank() || Files.exists(config.home().resolve(Path.of("db", "orchestrator.mv.db")));
    }

    ServerResources resources() {
        return resources;
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
