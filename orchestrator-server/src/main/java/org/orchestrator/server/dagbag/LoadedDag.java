package org.orchestrator.server.dagbag;

import java.nio.file.Path;
import org.orchestrator.api.Dag;

/**
 * A DAG as the server loaded it.
 *
 * @param dag     the definition
 * @param version content hash of the definition and its bundle: the DAG version
 * @param bundle  the file it came from
 */
public record LoadedDag(Dag dag, String version, Path bundle) {
}
