package org.orchestrator.server.cli;

import java.util.Map;
import org.orchestrator.server.state.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar orchestrator.jar <command>}: the one entry point of the server jar.
 */
@Command(name = "orchestrator", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "An Airflow-style workflow orchestrator for DAGs written in Java.",
        subcommands = {StandaloneCommand.class, ServerCommand.class, DagsCommand.class, TasksCommand.class,
                UsersCommand.class, TokensCommand.class, ConnectionsCommand.class, VariablesCommand.class,
                DbCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    private Main() {
    }

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @param args the command line @return the exit code */
    public static int run(String... args) {
        return run(System.getenv(), args);
    }

    /**
     * Runs a command that reads its {@code ORCHESTRATOR_*} settings from {@code environment}
     * instead of the process's (an embedding program's, or a test's choice of database).
     *
     * @param environment the environment variables the command sees
     * @param args        the command line
     * @return the exit code
     */
    public static int run(Map<String, String> environment, String... args) {
        Database.keepH2OnLoopback();
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = defaults.create(type);
                if (made instanceof HomeOptions options) {
                    options.environment = Map.copyOf(environment);
                }
                return made;
            }
        };
        return new CommandLine(new Main(), factory).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::reportKnownErrors).execute(args);
    }

    /** Our own errors carry their ids and cause in the message: print that, not a stack trace. */
    private static int reportKnownErrors(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof org.orchestrator.api.OrchestratorException) {
            cmd.getErr().println(e.getMessage());
            return 1;
        }
        throw e;
    }
}
