package org.orchestrator.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.internal.TemplateFields;

/**
 * Runs a command as a child process, like Airflow's {@code BashOperator}. Each line the command
 * writes lands in the try's log while it runs (stdout at INFO, stderr at WARN). A non-zero exit
 * code fails the try with a {@link ShellCommandException}. When the try's thread is interrupted
 * (the server does so when the execution timeout expires), the whole process tree is killed and
 * the try fails with an {@link InterruptedException}; {@link Builder#timeout} sets a limit of the
 * task's own, past which the tree is killed the same way and the try fails.
 *
 * <p>Besides the variables set with {@link Builder#env}, the command sees the server's environment
 * and the try's context as {@code ORCHESTRATOR_CTX_DAG_ID}, {@code _RUN_ID}, {@code _TASK_ID},
 * {@code _TRY_NUMBER}, {@code _LOGICAL_DATE} and {@code _IDEMPOTENCY_KEY}.
 *
 * <pre>{@code
 * .task("shell_echo", ShellTask.bash("echo hello from $DAG_ID").env("DAG_ID", "example_hello").build())
 * .task("list", ShellTask.command("ls", "-l").workingDir(Path.of("/data")).build())
 * .task("export", ShellTask.bash("./export.sh").timeout(Duration.ofMinutes(20)).build())
 * }</pre>
 */
public final class ShellTask implements Task {

    /** Prefix of the variables that carry the try's context into the command. */
    public static final String CONTEXT_ENV_PREFIX = "ORCHESTRATOR_CTX_";

    private final List<String> command;
    private final Map<String, String> env;
    private final Path workingDir;
    private final Duration killGrace;
    private final Duration timeout;

    private ShellTask(Builder b) {
        command = List.copyOf(b.command);
        env = Map.copyOf(b.env);
        workingDir = b.workingDir;
        killGrace = b.killGrace;
        timeout = b.timeout;
    }

    /**
     * {@return a builder}
     *
     * @param command the program and its arguments, run without a shell
     */
    public static Builder command(String... command) {
        return command(List.of(command));
    }

    /**
     * {@return a builder}
     *
     * @param command the program and its arguments, run without a shell
     */
    public static Builder command(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a shell task needs a command");
        }
        return new Builder(command);
    }

    /**
     * {@return a builder}
     *
     * @param script a bash script, run as {@code bash -c script}
     */
    public static Builder bash(String script) {
        return command("bash", "-c", Objects.requireNonNull(script, "script"));
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        List<String> rendered = renderedCommand(ctx);
        ctx.log().info("running {}{}", rendered, workingDir == null ? "" : " in " + workingDir);
        Process process = start(ctx, rendered);
        List<Thread> pumps = List.of(
                OutputPump.start(process.getInputStream(), "stdout", line -> ctx.log().info("{}", line), ctx.log()),
                OutputPump.start(process.getErrorStream(), "stderr", line -> ctx.log().warn("{}", line), ctx.log()));
        int exitCode = awaitExit(process, pumps, ctx);
        if (exitCode != 0) {
            throw new ShellCommandException(command, exitCode);
        }
        ctx.log().info("command exited with code 0");
    }

    /** The command and env are Jinja templates: {@code bash("wc -l /data/{{ ds_nodash }}/orders.csv")}. */
    @Override
    public Map<String, String> templateFields() {
        return TemplateFields.of().addAll("command", command).addAll("env", env).build();
    }

    private List<String> renderedCommand(TaskContext ctx) {
        List<String> rendered = new java.util.ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            rendered.add(ctx.render(TemplateFields.indexed("command", i), command.get(i)));
        }
        return rendered;
    }

    private Process start(TaskContext ctx, List<String> rendered) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(rendered);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        builder.environment().putAll(contextEnv(ctx));
        env.forEach((name, value) -> builder.environment().put(name, ctx.render("env." + name, value)));
        Process process = builder.start();
        // An empty stdin: a command that reads it ends instead of waiting forever.
        process.getOutputStream().close();
        return process;
    }

    /**
     * Waits for the command and for its last lines. On interrupt, kills the tree and rethrows; past
     * the task's own timeout, kills the tree and fails.
     */
    private int awaitExit(Process process, List<Thread> pumps, TaskContext ctx) throws InterruptedException {
        try {
            if (timeout == null) {
                process.waitFor();
            } else if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                int killed = killTree(process, pumps, ctx, "timed out after " + timeout);
                throw new OrchestratorException("shell command " + command + " timed out after " + timeout
                        + "; killed its process tree (" + killed + " processes)");
            }
            for (Thread pump : pumps) {
                pump.join();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            int killed = killTree(process, pumps, ctx, "interrupted");
            InterruptedException rethrown = new InterruptedException(
                    "shell command " + command + " was interrupted; killed its process tree (" + killed + " processes)");
            rethrown.initCause(e);
            throw rethrown;
        }
    }

    private int killTree(Process process, List<Thread> pumps, TaskContext ctx, String why) {
        int killed = ProcessTree.kill(process.toHandle(), killGrace);
        OutputPump.awaitQuietly(pumps, killGrace);
        ctx.log().warn("{}: killed {} process(es) of {}", why, killed, command);
        return killed;
    }

    private static Map<String, String> contextEnv(TaskContext ctx) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(CONTEXT_ENV_PREFIX + "DAG_ID", ctx.dagId());
        vars.put(CONTEXT_ENV_PREFIX + "RUN_ID", ctx.runId());
        vars.put(CONTEXT_ENV_PREFIX + "TASK_ID", ctx.taskId());
        vars.put(CONTEXT_ENV_PREFIX + "TRY_NUMBER", Integer.toString(ctx.tryNumber()));
        vars.put(CONTEXT_ENV_PREFIX + "LOGICAL_DATE", ctx.logicalDate().toString());
        vars.put(CONTEXT_ENV_PREFIX + "IDEMPOTENCY_KEY", ctx.idempotencyKey());
        return vars;
    }

    @Override
    public String toString() {
        return "ShellTask" + command;
    }

    /**
     * Configures a {@link ShellTask}; {@link #build()} makes the immutable task.
     *
     * <pre>{@code
     * ShellTask.bash("./export.sh > out.csv").env("REGION", "eu").workingDir(Path.of("/srv/export"))
     *         .killGrace(Duration.ofSeconds(10)).build()
     * }</pre>
     */
    public static final class Builder {
        private final List<String> command;
        private final Map<String, String> env = new LinkedHashMap<>();
        private Path workingDir;
        private Duration killGrace = Duration.ofSeconds(5);
        private Duration timeout;

        private Builder(List<String> command) {
            this.command = new ArrayList<>(command);
        }

        /**
         * Sets an environment variable of the command.
         *
         * @param name variable name
         * @param value its value (overrides the server's and the context's variable of that name)
         * @return this
         */
        public Builder env(String name, String value) {
            env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets environment variables of the command.
         *
         * @param vars variables to set
         * @return this
         */
        public Builder env(Map<String, String> vars) {
            vars.forEach(this::env);
            return this;
        }

        /**
         * The directory the command runs in (default: the server's).
         *
         * @param dir the directory the command runs in (default: the server's)
         * @return this
         */
        public Builder workingDir(Path dir) {
            this.workingDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * After an interrupt, how long the processes get to exit on SIGTERM before SIGKILL (default 5 seconds).
         *
         * @param grace after an interrupt, how long the processes get to exit on SIGTERM before SIGKILL (default 5 seconds)
         * @return this
         */
        public Builder killGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("kill grace must be >= 0, got " + grace);
            }
            this.killGrace = grace;
            return this;
        }

        /**
         * How long the command may run before its process tree is killed and the try fails (default: no limit of its own; the task's execution timeout still applies).
         *
         * @param timeout how long the command may run before its process tree is killed and the try fails (default: no limit of its own; the task's execution timeout still applies)
         * @return this
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** {@return the task} */
        public ShellTask build() {
            return new ShellTask(this);
        }
    }
}
