package org.orchestrator.server.cli;

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
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
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
