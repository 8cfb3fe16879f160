package org.orchestrator.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.DagRunCallback;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskCallback;

/**
 * The reference pages under {@code docs/tasks} cannot drift from the code: every built-in task
 * (a public class of this module implementing {@link Task} or a callback, outside {@code internal})
 * has a page, the page's tables name each of its public factories and builder methods and nothing
 * that does not exist, and the page's example compiles against this build.
 */
class TaskReferencePagesTest {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `(\\w+)\\(", Pattern.MULTILINE);
    private static final Pattern EXAMPLE = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void every_built_in_task_has_a_page_naming_every_option_and_only_real_ones() throws Exception {
        List<Class<?>> tasks = builtInTasks();
        assertThat(tasks).extracting(Class::getSimpleName).contains("ShellTask", "SqlTask", "FileSensor", "WebhookNotifier");
        String index = Files.readString(pages().resolve("README.md"));
        for (Class<?> task : tasks) {
            String page = page(task);
            Set<String> options = options(task);
            Set<String> rows = TABLE_ROW.matcher(page).results().map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new));
            assertThat(rows).as("options in docs/tasks/%s.md", task.getSimpleName()).containsExactlyInAnyOrderElementsOf(options);
            assertThat(page).as("docs/tasks/%s.md", task.getSimpleName()).contains("`" + task.getName() + "`");
            assertThat(index).as("docs/tasks/README.md links the page").contains("(" + task.getSimpleName() + ".md)");
        }
    }

    @Test
    void every_pages_example_compiles(@TempDir Path out) throws Exception {
        List<JavaFileObject> sources = new ArrayList<>();
        for (Class<?> task : builtInTasks()) {
            Matcher example = EXAMPLE.matcher(page(task));
            assertThat(example.find()).as("docs/tasks/%s.md has a ```java example", task.getSimpleName()).isTrue();
            assertThat(example.group(1)).as("the example uses %s", task.getSimpleName()).containsAnyOf(task.getSimpleName() + ".", "new " + task.getSimpleName() + "(");
            sources.add(exampleClass(task.getSimpleName() + "Example", example.group(1)));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        String classPath = Stream.of(Task.class, ShellTask.class, org.slf4j.Logger.class)
                .map(TaskReferencePagesTest::codeSource).collect(Collectors.joining(java.io.File.pathSeparator));
        boolean compiled = javac.getTask(errors, null, null, List.of("-d", out.toString(), "-cp", classPath, "-proc:none"),
                null, sources).call();
        assertThat(compiled).as("the examples of docs/tasks/*.md compile:%n%s", errors).isTrue();
    }

    /** @return the page's example as the body of a method, with the imports a DAG author would write */
    private static JavaFileObject exampleClass(String name, String body) {
        String source = """
                import java.nio.file.Path;
                import java.time.Duration;
                import java.util.List;
                import java.util.Map;
                import org.orchestrator.api.*;
                import org.orchestrator.tasks.*;
                import org.orchestrator.tasks.csv.*;
                import org.orchestrator.tasks.http.*;
                import org.orchestrator.tasks.notify.*;
                import org.orchestrator.tasks.sensor.*;
                import org.orchestrator.tasks.sql.*;

                class %s {
                    void example() throws Exception {
                %s
                    }
                }
                """.formatted(name, body);
        return new SimpleJavaFileObject(Path.of(name + ".java").toUri(), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
    }

    /** @return the public static factories of the task and the public methods of its public nested builders */
    private static Set<String> options(Class<?> task) {
        Set<String> names = new TreeSet<>();
        for (Method m : task.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                names.add(m.getName());
            }
        }
        for (Class<?> nested : task.getClasses()) {
            if (nested.isInterface()) {
                continue;
            }
            for (Method m : nested.getMethods()) {
                if (m.getDeclaringClass() != Object.class && !m.isSynthetic() && !m.isBridge() && !m.getName().equals("build")) {
                    names.add(m.getName());
                }
            }
        }
        return names;
    }

    private static List<Class<?>> builtInTasks() throws IOException, ClassNotFoundException {
        Path classes = Path.of(codeSource(ShellTask.class));
        List<Class<?>> tasks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                if (name.startsWith("org.orchestrator.tasks.") && !name.contains(".internal.")) {
                    Class<?> c = Class.forName(name);
                    if (isBuiltInTask(c)) {
                        tasks.add(c);
                    }
                }
            }
        }
        return tasks;
    }

    private static boolean isBuiltInTask(Class<?> c) {
        int mods = c.getModifiers();
        return Modifier.isPublic(mods) && !Modifier.isAbstract(mods) && !c.isInterface()
                && (Task.class.isAssignableFrom(c) || TaskCallback.class.isAssignableFrom(c) || DagRunCallback.class.isAssignableFrom(c));
    }

    private static String page(Class<?> task) throws IOException {
        Path page = pages().resolve(task.getSimpleName() + ".md");
        assertThat(page).as("a reference page for %s", task.getName()).exists();
        return Files.readString(page);
    }

    private static Path pages() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/tasks"))) {
                return dir.resolve("docs/tasks");
            }
        }
        throw new AssertionError("no docs/tasks above " + Path.of("").toAbsolutePath());
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
