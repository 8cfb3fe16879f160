package org.orchestrator.server.dagbag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars of {@code dags/lib}: the class path source bundles compile against and the parent of
 * their class loaders. When a jar there changes, the content hash changes, and with it the
 * fingerprint of every source bundle, which are then all recompiled.
 */
final class LibraryJars {

    private final ShadowCopies copies;
    private String fingerprint = "";
    private String hash = Hashes.sha256("");
    private List<Path> compilePath = List.of();
    private ClassLoader loader;

    LibraryJars(ShadowCopies copies) {
        this.copies = copies;
        this.loader = LibraryJars.class.getClassLoader();
    }

    /** Rereads the jars if any was added, removed or changed since the last call. */
    void refresh(List<Path> jars) {
        String now = fingerprintOf(jars);
        if (now.equals(fingerprint)) {
            return;
        }
        List<Path> copied = new ArrayList<>();
        StringBuilder hashes = new StringBuilder();
        for (Path jar : jars) {
            byte[] bytes = read(jar);
            hashes.append(jar.getFileName()).append('=').append(Hashes.sha256(bytes)).append('\n');
            copied.add(copies.copy(jar, bytes));
        }
        this.compilePath = List.copyOf(copied);
        this.hash = Hashes.sha256(hashes.toString());
        this.loader = copied.isEmpty() ? LibraryJars.class.getClassLoader() : newLoader(copied);
        this.fingerprint = now;
    }

    /** @return content hash of all the jars */
    String hash() {
        return hash;
    }

    /** @return the jars, as class path entries for the compiler */
    List<Path> compilePath() {
        return compilePath;
    }

    /** @return the parent for source bundles' class loaders */
    ClassLoader loader() {
        return loader;
    }

    // Not closed when replaced: source bundle versions still running use it; it goes with them.
    private static ClassLoader newLoader(List<Path> jars) {
        try {
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return new URLClassLoader("dags-lib", urls, LibraryJars.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprintOf(List<Path> jars) {
        StringBuilder s = new StringBuilder();
        for (Path jar : jars) {
            try {
                s.append(jar).append('|').append(Files.getLastModifiedTime(jar)).append('|').append(Files.size(jar)).append('\n');
            } catch (IOException e) {
                s.append(jar).append("|unreadable\n");
            }
        }
        return s.toString();
    }

    private static byte[] read(Path jar) {
        try {
            return Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read library jar " + jar, e);
        }
    }
}
