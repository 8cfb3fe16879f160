package org.orchestrator.api;

import java.util.Collection;

/**
 * How a DAG jar hands its DAGs to the server, through {@link java.util.ServiceLoader}: list the
 * implementing class in {@code META-INF/services/org.orchestrator.api.DagProvider}.
 *
 * <pre>{@code
 * public final class MyDags implements DagProvider {
 *     public Collection<Dag> dags() {
 *         return List.of(Dag.builder("hello").task("say", ctx -> ctx.log().info("hi")).build());
 *     }
 * }
 * }</pre>
 *
 * <p>An exception thrown here becomes an import error for the jar; the server and the other jars
 * carry on.
 */
public interface DagProvider {

    /** {@return the DAGs this bundle defines; ids must be unique across the server} */
    Collection<Dag> dags();
}
