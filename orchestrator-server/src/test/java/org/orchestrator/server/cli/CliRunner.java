package org.orchestrator.server.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.testing.TestDatabase;

/**
 * Runs the CLI in this JVM and captures what it prints. The command sees the process environment
 * plus the database of its {@code --home} that {@link TestDatabase} selects (none on H2, the
 * home's own PostgreSQL database with {@code -Dorchestrator.test.db=postgresql}).
 */
public final class CliRunner {

    public record Result(int exitCode, String out, String err) {
    }

    private CliRunner() {
    }

    public static Result run(String... args) {
        return runWith(Map.of(), args);
    }

    /** @param extra environment variables set for this command on top of the process's */
    public static synchronized Result runWith(Map<String, String> extra, String... args) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(extra);
        List<String> list = Arrays.asList(args);
        int home = list.indexOf("--home");
        if (home >= 0 && home + 1 < args.length) {
            environment.putAll(TestDatabase.env(Path.of(args[home + 1])));
        }
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(environment, args);
            return new Result(code, buffer.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
    }
}
