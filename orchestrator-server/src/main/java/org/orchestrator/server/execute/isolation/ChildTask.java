package org.orchestrator.server.execute.isolation;

import java.nio.file.Path;
import java.util.List;

/**
 * What a child JVM needs to find the task of a try: its DAG's bundle and the task's JVM options.
 *
 * @param classPath  the bundle's class path (its jar or compiled classes, then its library jars)
 * @param providers  the bundle's DAG providers, by class name
 * @param jvmOptions the task's own JVM options
 */
public record ChildTask(List<Path> classPath, List<String> providers, List<String> jvmOptions) {

    /** Copies the lists. */
    public ChildTask {
        classPath = List.copyOf(classPath);
        providers = List.copyOf(providers);
        jvmOptions = List.copyOf(jvmOptions);
    }
}
