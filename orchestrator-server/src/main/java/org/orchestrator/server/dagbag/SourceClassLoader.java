package org.orchestrator.server.dagbag;

import java.util.Map;
import java.util.Set;

/**
 * The class loader of one compiled source bundle: defines its classes from the bytes the compiler
 * produced, and delegates everything else to its parent (the {@code dags/lib} jars, then the
 * server). Each version of a bundle gets a new one, so two versions' classes never mix and a
 * retired version's classes are unloaded once nothing refers to them.
 */
final class SourceClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;
    private volatile java.util.List<String> providerNames = java.util.List.of();

    SourceClassLoader(String name, Map<String, byte[]> classes, ClassLoader parent) {
        super(name, parent);
        this.classes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(classes));
    }

    /** @return the binary names of the classes this loader defines, sorted */
    Set<String> classNames() {
        return classes.keySet();
    }

    /** @return the class file of one of its classes */
    byte[] bytes(String className) {
        return classes.get(className);
    }

    /** @param names the classes of this bundle that provide its DAGs, as its loader found them */
    void providerNames(java.util.List<String> names) {
        providerNames = java.util.List.copyOf(names);
    }

    /** @return the classes of this bundle that provide its DAGs */
    java.util.List<String> providerNames() {
        return providerNames;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
