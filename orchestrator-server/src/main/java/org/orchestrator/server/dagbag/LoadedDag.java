package org.orchestrator.server.dagbag;

import java.nio.file.Path;
import org.orchestrator.api.Dag;

/**
 * A DAG as the server loaded it: one version of it.
 *
 * @param dag     the definition
 * @param version content hash of the definition and its bundle: the DAG version
 * @param bundle  the file (jar or source) or source folder it came from
 * @param source  the Java source of the bundle, or null when the bundle is a jar without sources
 * @param loader  the class loader the bundle's classes live in, or null for DAGs defined in code
 */
public record LoadedDag(Dag dag, String version, Path bundle, String source, ClassLoader loader) {

    /**
     * A DAG defined in the server's own code (tests, benchmarks, {@code dags test}).
     *
     * @param dag     the definition
     * @param version its version
     * @param bundle  a name for where it came from
     */
    public LoadedDag(Dag dag, String version, Path bundle) {
        this(dag, version, bundle, null, null);
    }

    /** @return "dag_id@version", for logs and errors */
    public String describe() {
        return dag.id() + "@" + version;
    }
}
