package org.orchestrator.server.cli;

import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.connect.ConnectionStore;
import org.orchestrator.server.connect.SecretCipher;
import org.orchestrator.server.connect.SecretKeys;
import org.orchestrator.server.connect.VariableStore;
import org.orchestrator.server.state.Database;

/** The database and the secret key of a home, for the commands that manage connections and variables. */
final class SecretsHome implements AutoCloseable {

    private final Database database;
    private final SecretCipher cipher;

    SecretsHome(HomeOptions home) {
        ServerConfig config = home.config();
        this.cipher = SecretKeys.load(config.home(), home.environment());
        this.database = Database.open(config);
    }

    ConnectionStore connections() {
        return new ConnectionStore(database.reads(), cipher);
    }

    VariableStore variables() {
        return new VariableStore(database.reads(), cipher);
    }

    @Override
    public void close() {
        database.close();
    }
}
