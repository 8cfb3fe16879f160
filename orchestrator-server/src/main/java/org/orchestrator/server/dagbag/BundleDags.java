package org.orchestrator.server.dagbag;

import java.nio.file.Path;
import java.util.List;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagProvider;
import org.orchestrator.rules.ParamCheck;
import org.orchestrator.rules.template.Templates;

/** Turns the DAGs a bundle's providers returned into versions of them. */
final class BundleDags {

    private BundleDags() {
    }

    /**
     * @param name       the bundle's name, for messages
     * @param dags       what its providers returned
     * @param bundleHash content hash of the bundle
     * @param path       the bundle's path
     * @param source     its source, or null
     * @param loader     its class loader
     * @return one loaded DAG per DAG, each with its version
     */
    static List<LoadedDag> of(String name, List<Dag> dags, String bundleHash, Path path, String source, ClassLoader loader) {
        if (dags.isEmpty()) {
            throw new BundleException("no DAGs found in " + name + ": a jar lists its " + DagProvider.class.getSimpleName()
                    + " in META-INF/services/" + DagProvider.class.getName() + "; a source declares a public class "
                    + "implementing it with a public no-argument constructor");
        }
        // A default that breaks its own schema would fail every scheduled run: the bundle is an import error instead.
        dags.forEach(ParamCheck::checkDefaults);
        dags.forEach(Templates::checkSyntax); // a template that cannot parse would fail every try

        return dags.stream()
                .map(dag -> new LoadedDag(dag, Hashes.version(bundleHash, dag.structure()), path, source, loader))
                .toList();
    }
}
