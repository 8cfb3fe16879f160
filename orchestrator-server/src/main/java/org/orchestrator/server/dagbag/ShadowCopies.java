package org.orchestrator.server.dagbag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Private copies of jars in a temporary folder of this process: class loaders read these, never
 * the files in the dags folder, which authors may overwrite at will. Each load gets its own copy,
 * so closing one version's loader (which deletes its copy) never touches another's.
 */
final class ShadowCopies {

    private Path dir;

    /** @return a new private copy of the jar's bytes */
    synchronized Path copy(Path jar, byte[] bytes) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("orchestrator-bundles-");
                dir.toFile().deleteOnExit();
            }
            Path copy = Files.createTempFile(dir, "", "-" + jar.getFileName());
            Files.write(copy, bytes);
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new BundleException("cannot copy " + jar.getFileName() + " for loading: " + e.getMessage(), e);
        }
    }
}
