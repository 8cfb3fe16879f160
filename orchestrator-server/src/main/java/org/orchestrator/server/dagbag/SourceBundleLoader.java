package org.orchestrator.server.dagbag;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagProvider;

/**
 * Loads the DAGs of a source bundle: compiles it in memory, refuses it if it calls
 * {@code System.exit}, defines its classes in a class loader of its own, and runs the providers it
 * declares. A source bundle has no {@code META-INF/services}: every public, concrete class
 * implementing {@link DagProvider} with a public no-argument constructor is a provider (top level
 * or static nested), instantiated in class-name order.
 */
final class SourceBundleLoader {

    private final SourceCompiler compiler;
    private final GuardedLoad guard;

    SourceBundleLoader(SourceCompiler compiler, GuardedLoad guard) {
        this.compiler = compiler;
        this.guard = guard;
    }

    void warmUp() {
        compiler.warmUp();
    }

    /**
     * @param name     the bundle's name, for messages
     * @param bundle   its files
     * @param snapshot its sources as read by this scan
     * @param lib      the {@code dags/lib} jars
     * @return its DAGs
     */
    List<LoadedDag> load(String name, BundleFiles bundle, SourceSnapshot snapshot, LibraryJars lib) {
        Map<String, byte[]> classes = compiler.compile(name, snapshot.files(), lib.compilePath());
        ExitCallScanner.check(name, classes);
        SourceClassLoader loader = new SourceClassLoader("dags:" + name, classes, lib.loader());
        List<Class<? extends DagProvider>> providers = providers(name, loader);
        loader.providerNames(providers.stream().map(Class::getName).toList());
        List<Dag> dags = guard.run(name, loader, () -> provide(name, providers));
        String bundleHash = Hashes.sha256(snapshot.hash() + "\n" + lib.hash());
        return BundleDags.of(name, dags, bundleHash, bundle.path(), snapshot.text(), loader);
    }

    /** Loads without initialising: no author code runs on this thread. */
    private static List<Class<? extends DagProvider>> providers(String name, SourceClassLoader loader) {
        List<Class<? extends DagProvider>> providers = new ArrayList<>();
        for (String className : loader.classNames()) {
            try {
                Class<?> type = Class.forName(className, false, loader);
                if (isProvider(type)) {
                    providers.add(type.asSubclass(DagProvider.class));
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new BundleException("cannot load class " + className + " of " + name + ": " + GuardedLoad.describe(e), e);
            }
        }
        return providers;
    }

    private static boolean isProvider(Class<?> type) {
        int modifiers = type.getModifiers();
        boolean nestedInstance = type.getEnclosingClass() != null && !Modifier.isStatic(modifiers);
        if (!DagProvider.class.isAssignableFrom(type) || !Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers)
                || type.isInterface() || nestedInstance) {
            return false;
        }
        try {
            type.getConstructor();
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static List<Dag> provide(String name, List<Class<? extends DagProvider>> providers) {
        List<Dag> dags = new ArrayList<>();
        for (Class<? extends DagProvider> type : providers) {
            try {
                dags.addAll(type.getConstructor().newInstance().dags());
            } catch (ReflectiveOperationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new BundleException("DAG provider " + type.getName() + " in " + name + " failed: "
                        + GuardedLoad.describe(cause), cause);
            } catch (RuntimeException | LinkageError e) {
                throw new BundleException("DAG provider " + type.getName() + " in " + name + " failed: "
                        + GuardedLoad.describe(e), e);
            }
        }
        return dags;
    }
}
