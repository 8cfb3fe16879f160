package org.orchestrator.server.dagbag;

import java.nio.file.Path;
import java.util.List;

/**
 * One bundle of the dags folder.
 *
 * @param path  the jar, the single source file, or the source directory
 * @param kind  a jar or sources
 * @param files the files it is made of (the jar itself, or its sources in path order)
 */
record BundleFiles(Path path, Kind kind, List<Path> files) {

    /** How a bundle is loaded. */
    enum Kind { JAR, SOURCES }
}
