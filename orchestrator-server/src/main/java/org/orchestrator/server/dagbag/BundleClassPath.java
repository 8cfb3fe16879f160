package org.orchestrator.server.dagbag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import org.orchestrator.api.DagProvider;

/**
 * A loaded bundle as another JVM can load it again: its class path (the private copy of a jar, or
 * the compiled classes of a source bundle written to a directory, then its {@code dags/lib} jars)
 * and its DAG providers by class name. For a try that runs in a child JVM.
 *
 * @param classPath where the bundle's classes are, in lookup order
 * @param providers the bundle's DAG providers
 */
public record BundleClassPath(List<Path> classPath, List<String> providers) {

    private static final String SERVICES = "META-INF/services/" + DagProvider.class.getName();
    /** One per loaded bundle version: a source bundle's classes are written once, not per try. */
    private static final Map<ClassLoader, BundleClassPath> KNOWN = Collections.synchronizedMap(new WeakHashMap<>());

    /** Copies the lists. */
    public BundleClassPath {
        classPath = List.copyOf(classPath);
        providers = List.copyOf(providers);
    }

    /**
     * @param dag a loaded DAG
     * @return its bundle's class path; for a DAG defined in the server's own code, the server's
     *         class path with the providers found on it
     */
    public static BundleClassPath of(LoadedDag dag) {
        if (dag.loader() == null) {
            List<Path> server = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                    .filter(entry -> !entry.isEmpty()).map(Path::of).toList();
            return new BundleClassPath(server, ServiceLoader.load(DagProvider.class, BundleClassPath.class.getClassLoader())
                    .stream().map(p -> p.type().getName()).toList());
        }
        return KNOWN.computeIfAbsent(dag.loader(), BundleClassPath::read);
    }

    private static BundleClassPath read(ClassLoader bundle) {
        List<Path> paths = new ArrayList<>();
        ClassLoader server = BundleClassPath.class.getClassLoader();
        for (ClassLoader l = bundle; l != null && l != server; l = l.getParent()) {
            if (l instanceof SourceClassLoader source) {
                paths.add(written(source));
            } else if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    paths.add(path(url));
                }
            }
        }
        List<String> providers = bundle instanceof SourceClassLoader source ? source.providerNames() : listed((URLClassLoader) bundle);
        return new BundleClassPath(paths, providers);
    }

    private static Path written(SourceClassLoader source) {
        try {
            Path dir = Files.createTempDirectory("orchestrator-classes-");
            for (String name : source.classNames()) {
                Path file = dir.resolve(name.replace('.', '/') + ".class");
                Files.createDirectories(file.getParent());
                Files.write(file, source.bytes(name));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the classes of " + source.getName() + " for a child JVM", e);
        }
    }

    /** The providers a jar lists itself (not those of its parents). */
    private static List<String> listed(URLClassLoader jar) {
        List<String> providers = new ArrayList<>();
        try {
            Enumeration<URL> files = jar.findResources(SERVICES);
            while (files.hasMoreElements()) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    in.lines().map(line -> line.replaceAll("#.*", "").strip()).filter(line -> !line.isEmpty()).forEach(providers::add);
                }
            }
            return providers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DAG providers of " + jar.getName(), e);
        }
    }

    private static Path path(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("not a file: " + url, e);
        }
    }
}
