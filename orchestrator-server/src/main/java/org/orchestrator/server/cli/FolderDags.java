package org.orchestrator.server.cli;

import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.DagFolderScanner;
import org.orchestrator.server.dagbag.LoadedDag;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** Loads the dags folder in the CLI process, as the server would, without touching the database. */
final class FolderDags {

    private FolderDags() {
    }

    static DagBag load(ServerConfig config) {
        DagBag bag = new DagBag();
        new DagFolderScanner(config.dagsFolder(), bag, config.dagLoadTimeout()).scan();
        bag.importErrors().forEach((file, error) -> System.err.println("import error in " + file + ": " + error));
        return bag;
    }

    static LoadedDag find(ServerConfig config, String dagId, CommandSpec spec) {
        DagBag bag = load(config);
        return bag.get(dagId).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no DAG '" + dagId + "' in " + config.dagsFolder() + "; found: "
                        + bag.all().stream().map(d -> d.dag().id()).sorted().toList()));
    }
}
