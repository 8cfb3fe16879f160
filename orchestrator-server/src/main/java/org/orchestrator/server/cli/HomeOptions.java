package org.orchestrator.server.cli;

import java.nio.file.Path;
import org.orchestrator.server.config.ServerConfig;
import picocli.CommandLine.Option;

/** The options every command shares: where the home is. Environment first, flags override. */
final class HomeOptions {

    @Option(names = "--home", description = "Home folder (database, dags, logs). Default: $ORCHESTRATOR_HOME or ~/orchestrator.")
    Path home;

    ServerConfig config() {
        ServerConfig config = ServerConfig.fromEnvironment();
        return home == null ? config : config.withHome(home);
    }
}
