package org.orchestrator.server.dagbag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagProvider;

/**
 * Loads the DAGs of one jar in a class loader of its own, reading a private copy of the jar. A
 * jar that cannot be read, calls {@code System.exit}, has no provider, whose provider throws,
 * hangs or leaks threads, or whose DAGs are invalid fails with a {@link BundleException} whose
 * message says which and why.
 */
final class BundleLoader {

    private final GuardedLoad guard;
    private final ShadowCopies copies;

    BundleLoader(GuardedLoad guard, ShadowCopies copies) {
        this.guard = guard;
        this.copies = copies;
    }

    List<LoadedDag> load(Path jar) {
        String name = jar.getFileName().toString();
        byte[] bytes = read(jar);
        Path copy = copies.copy(jar, bytes);
        JarClassLoader loader = null;
        try {
            ExitCallScanner.check(name, classesOf(name, copy));
            loader = new JarClassLoader("dags:" + name, copy, BundleLoader.class.getClassLoader());
            JarClassLoader own = loader;
            List<Dag> dags = guard.run(name, loader, () -> providedDags(name, own));
            return BundleDags.of(name, dags, Hashes.sha256(bytes), jar, null, loader);
        } catch (RuntimeException | IOException e) {
            closeQuietly(loader, copy);
            throw e instanceof BundleException b ? b : new BundleException("cannot load " + name + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> classesOf(String name, Path jar) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                try (InputStream in = file.getInputStream(entry)) {
                    String className = entry.getName().substring(0, entry.getName().length() - ".class".length()).replace('/', '.');
                    classes.put(className, in.readAllBytes());
                }
            }
            return classes;
        } catch (IOException e) {
            throw new BundleException("cannot read " + name + " as a jar: " + e.getMessage(), e);
        }
    }

    /** Only providers defined by this jar's own loader count: parents' services belong to no bundle. */
    private static List<Dag> providedDags(String name, ClassLoader loader) {
        List<Dag> dags = new ArrayList<>();
        for (ServiceLoader.Provider<DagProvider> provider : ServiceLoader.load(DagProvider.class, loader).stream().toList()) {
            if (provider.type().getClassLoader() != loader) {
                continue;
            }
            try {
                dags.addAll(provider.get().dags());
            } catch (RuntimeException | LinkageError e) {
                throw new BundleException("DAG provider " + provider.type().getName() + " in " + name
                        + " failed: " + GuardedLoad.describe(e), e);
            }
        }
        return dags;
    }

    private static byte[] read(Path jar) {
        try {
            return Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new BundleException("cannot read " + jar.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(JarClassLoader loader, Path copy) {
        try {
            if (loader != null) {
                loader.close();
            }
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            // Only a temporary copy is left behind; it is deleted when the process exits.
        }
    }
}
