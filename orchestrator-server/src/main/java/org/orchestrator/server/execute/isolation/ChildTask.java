package org.orchestrator.server.execute.isolation;

import java.nio.file.Path;
import java.util.List;

/**
 * What a child JVM needs to find the task of a try: its DAG's bundle and the task's JVM options.
 * Equal values can share a warm child: the same bundle version in a JVM started the same way.
 *
 * @param classPath  the bundle's class path (its jar or compiled classes, then its library jars)
 * @param providers  the bundle's DAG providers, by class name
 * @param jvmOptions the task's own JVM options
 * @param reuse      whether the try may run in a warm child an earlier try left, and leave it warm
 */
public record ChildTask(List<Path> classPath, List<String> providers, List<String> jvmOptions, boolean reuse) {

    /** Copies the lists. */
    public ChildTask {
        classPath = List.copyOf(classPath);
        providers = List.copyOf(providers);
        jvmOptions = List.copyOf(jvmOptions);
    }
}
