package org.orchestrator.server.cli;

import java.nio.file.Path;
import java.util.Map;
import org.orchestrator.server.config.ServerConfig;
import picocli.CommandLine.Option;

/**
 * The options every command shares: where the home is. Environment first, flags override. The
 * environment is the process's, or the one {@link Main#run(Map, String...)} was given.
 */
final class HomeOptions {

    @Option(names = "--home", description = "Home folder (database, dags, logs). Default: $ORCHESTRATOR_HOME or ~/orchestrator.")
    Path home;

    /** Set by {@link Main}'s factory when the mixin is created. */
    Map<String, String> environment = System.getenv();

    /** @return the ORCHESTRATOR_* settings this command reads */
    Map<String, String> environment() {
        return environment;
    }

    ServerConfig config() {
        ServerConfig config = ServerConfig.fromEnvironment(environment);
        return home == null ? config : config.withHome(home);
    }
}
