package org.orchestrator.server.dagbag;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class loader of one jar bundle version. It reads a private copy of the jar, so a jar
 * overwritten in place cannot change the classes a running version loads lazily; closing it
 * deletes the copy.
 */
final class JarClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Path copy;

    JarClassLoader(String name, Path copy, ClassLoader parent) throws MalformedURLException {
        super(name, new URL[] {copy.toUri().toURL()}, parent);
        this.copy = copy;
    }

    @Override
    public void close() throws IOException {
        super.close();
        Files.deleteIfExists(copy);
    }
}
