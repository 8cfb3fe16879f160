package org.orchestrator.server.cli;

import java.util.Map;
import java.util.ServiceLoader;
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
                DbCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class})
public final class Main {

    /** The command of orchestrator-bench, named here only to say where it went when it is missing. */
    private static final String BENCH = "bench";

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
        CommandLine cli = new CommandLine(new Main(), factory);
        ServiceLoader.load(PluginCommand.class).forEach(cli::addSubcommand);
        if (args.length > 0 && BENCH.equals(args[0]) && !cli.getSubcommands().containsKey(BENCH)) {
            cli.getErr().println("'bench' is not in this jar: the benchmark harness ships apart from the server. "
                    + "Build it (./mvnw -B package -DskipTests) and run java -jar orchestrator-bench/target/orchestrator-bench.jar bench");
            return 2;
        }
        return cli.setCaseInsensitiveEnumValuesAllowed(true)
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
