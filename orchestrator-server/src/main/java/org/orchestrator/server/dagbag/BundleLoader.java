package org.orchestrator.server.dagbag;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagProvider;

/**
 * Loads the DAGs of one jar in a class loader of its own. A jar that cannot be read, has no
 * provider, whose provider throws or hangs, or whose DAGs are invalid fails with a
 * {@link BundleException} whose message says which and why.
 */
final class BundleLoader {

    private final Duration timeout;

    BundleLoader(Duration timeout) {
        this.timeout = timeout;
    }

    List<LoadedDag> load(Path jar) {
        String bundleHash = hashOf(jar);
        checkReadable(jar);
        URLClassLoader loader = newLoader(jar);
        List<Dag> dags = withTimeout(jar, () -> providedDags(jar, loader));
        if (dags.isEmpty()) {
            throw new BundleException("no DAGs found in " + jar.getFileName()
                    + ": list a DagProvider in META-INF/services/" + DagProvider.class.getName());
        }
        List<LoadedDag> loaded = new ArrayList<>();
        for (Dag dag : dags) {
            loaded.add(new LoadedDag(dag, versionOf(bundleHash, dag), jar));
        }
        return loaded;
    }

    private static void checkReadable(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().count();
        } catch (IOException e) {
            throw new BundleException("cannot read " + jar.getFileName() + " as a jar: " + e.getMessage(), e);
        }
    }

    private static URLClassLoader newLoader(Path jar) {
        try {
            return new URLClassLoader("dags:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                    BundleLoader.class.getClassLoader());
        } catch (IOException e) {
            throw new BundleException("cannot open " + jar.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Only providers defined by this jar's own loader count: parents' services belong to no bundle. */
    private static List<Dag> providedDags(Path jar, ClassLoader loader) {
        List<Dag> dags = new ArrayList<>();
        for (ServiceLoader.Provider<DagProvider> provider : ServiceLoader.load(DagProvider.class, loader).stream().toList()) {
            if (provider.type().getClassLoader() != loader) {
                continue;
            }
            try {
                dags.addAll(provider.get().dags());
            } catch (RuntimeException | LinkageError e) {
                throw new BundleException("DAG provider " + provider.type().getName() + " in " + jar.getFileName()
                        + " failed: " + describe(e), e);
            }
        }
        return dags;
    }

    private <T> T withTimeout(Path jar, java.util.concurrent.Callable<T> work) {
        try (var executor = java.util.concurrent.Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("dag-loader").factory())) {
            Future<T> future = executor.submit(work);
            try {
                return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                executor.shutdownNow();
                throw new BundleException("loading " + jar.getFileName() + " took longer than " + timeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof BundleException b ? b
                        : new BundleException("loading " + jar.getFileName() + " failed: " + describe(e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BundleException("loading " + jar.getFileName() + " was interrupted");
            }
        }
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? message : message + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static String hashOf(Path jar) {
        try {
            return sha256(Files.readAllBytes(jar));
        } catch (IOException e) {
            throw new BundleException("cannot read " + jar.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static String versionOf(String bundleHash, Dag dag) {
        return sha256((bundleHash + "\n" + dag.structure()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
