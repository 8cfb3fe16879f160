package org.orchestrator.server.dagbag;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles DAG sources in memory with the JDK's compiler ({@code javax.tools}) against the
 * server's class path (which holds the api and tasks modules) and the jars of {@code dags/lib}.
 * Class files never touch the disk: the result is a map of class name to bytes.
 *
 * <p>Annotation processing is off ({@code -proc:none}) so compiling runs no DAG author's code; debug
 * information is on so stack traces in task logs carry line numbers. Not thread-safe: the folder
 * scanner compiles one bundle at a time.
 */
final class SourceCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(SourceCompiler.class);
    private static final int MAX_REPORTED_ERRORS = 20;
    private static final List<String> OPTIONS = List.of("-proc:none", "-g", "-parameters", "-encoding", "UTF-8",
            "-nowarn", "-Xlint:none", "-implicit:none");

    private final Path folder;
    // Reused across compiles: it keeps the class path's jars open and indexed, which is most of
    // the cost of a small compile. Rebuilt when dags/lib changes.
    private StandardJavaFileManager files;
    private List<Path> filesLibJars;

    /** @param folder the dags folder: errors name files relative to it */
    SourceCompiler(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /**
     * @param bundle  the bundle's name, for messages
     * @param sources each source file → its text, compiled together
     * @param libJars extra class path entries
     * @return class name → class file bytes
     * @throws CompileException when the sources do not compile
     */
    synchronized Map<String, byte[]> compile(String bundle, Map<Path, String> sources, List<Path> libJars) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new BundleException("cannot compile " + bundle + ": the server runs on a Java runtime without "
                    + "a compiler (javax.tools); run it on a JDK");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try {
            InMemoryOutput output = new InMemoryOutput(fileManager(compiler, libJars));
            List<JavaFileObject> units = sources.entrySet().stream().map(e -> unit(e.getKey(), e.getValue())).toList();
            boolean ok = compiler.getTask(null, output, diagnostics, OPTIONS, null, units).call();
            if (!ok) {
                throw new CompileException(bundle, errors(diagnostics.getDiagnostics()));
            }
            return output.classes();
        } catch (IOException e) {
            throw new BundleException("cannot compile " + bundle + ": " + e.getMessage(), e);
        }
    }

    private StandardJavaFileManager fileManager(JavaCompiler compiler, List<Path> libJars) throws IOException {
        if (files == null || !libJars.equals(filesLibJars)) {
            if (files != null) {
                files.close();
            }
            files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
            List<Path> classPath = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    classPath.add(Path.of(entry));
                }
            }
            classPath.addAll(libJars);
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
            filesLibJars = List.copyOf(libJars);
        }
        return files;
    }

    /**
     * Compiles a small DAG once, off the clock: javac's first compile in a JVM costs seconds of
     * class loading and JIT, and the first source an author saves should not pay for it.
     */
    void warmUp() {
        String source = "package warmup; import java.util.*; import org.orchestrator.api.*;\n"
                + "public final class WarmUp implements DagProvider { public Collection<Dag> dags() {\n"
                + "return List.of(Dag.builder(\"warm_up\").task(\"a\", ctx -> ctx.log().info(\"x\")).build()); } }\n";
        long start = System.nanoTime();
        try {
            compile("warm-up", Map.of(folder.resolve(".warm-up/WarmUp.java"), source), List.of());
            LOG.debug("compiler warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("compiler warm-up failed; the first source compiled will be slower: {}", e.getMessage());
        }
    }

    /**
     * The text as read by the scan, not the file as it may be now: what is compiled is what is
     * stored. Any file name may hold a public class (as for {@code java Hello.java}): an author
     * may save {@code orders_v2.java} next to {@code orders.java} without renaming classes.
     */
    private static JavaFileObject unit(Path file, String text) {
        return new SimpleJavaFileObject(file.toUri(), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }

            @Override
            public boolean isNameCompatible(String simpleName, Kind kind) {
                return kind == Kind.SOURCE;
            }
        };
    }

    private List<CompileError> errors(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<CompileError> errors = diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .limit(MAX_REPORTED_ERRORS).map(this::errorOf).collect(Collectors.toCollection(ArrayList::new));
        if (errors.isEmpty()) {
            errors.add(new CompileError("?", 0, 0, "the compiler failed without reporting an error", ""));
        }
        return errors;
    }

    private CompileError errorOf(Diagnostic<? extends JavaFileObject> d) {
        JavaFileObject source = d.getSource();
        String file = source == null ? "?" : relative(source.toUri());
        long line = Math.max(0, d.getLineNumber());
        long column = Math.max(0, d.getColumnNumber());
        return new CompileError(file, line, column, d.getMessage(Locale.ROOT), codeLine(source, line));
    }

    private String relative(URI uri) {
        Path path = Path.of(uri);
        return path.startsWith(folder) ? folder.relativize(path).toString() : path.toString();
    }

    private static String codeLine(JavaFileObject source, long line) {
        if (source == null || line <= 0) {
            return "";
        }
        try {
            return source.getCharContent(true).toString().lines().skip(line - 1).findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /** Keeps the compiler's class files in memory. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {

        private final Map<String, ByteArrayOutputStream> classes = new TreeMap<>();

        InMemoryOutput(StandardJavaFileManager standard) {
            super(standard);
        }

        /** The shared file manager outlives this compile. */
        @Override
        public void close() {
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) throws IOException {
            if (location != StandardLocation.CLASS_OUTPUT || kind != JavaFileObject.Kind.CLASS) {
                return super.getJavaFileForOutput(location, className, kind, sibling);
            }
            URI uri = URI.create("mem:///" + className.replace('.', '/') + kind.extension);
            return new SimpleJavaFileObject(uri, kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    classes.put(className, bytes);
                    return bytes;
                }
            };
        }

        Map<String, byte[]> classes() {
            Map<String, byte[]> result = new TreeMap<>();
            classes.forEach((name, bytes) -> result.put(name, bytes.toByteArray()));
            return result;
        }
    }
}
