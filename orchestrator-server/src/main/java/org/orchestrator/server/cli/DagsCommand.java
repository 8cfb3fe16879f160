package org.orchestrator.server.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.Dag;
import org.orchestrator.server.config.HomeDefaults;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.DagFolderScanner;
import org.orchestrator.server.dagbag.DagRegistry;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.execute.LocalDagRunner;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.ops.RunActions;
import org.orchestrator.server.schedule.RunIds;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dags list|pause|unpause|trigger|test|backfill}. */
@Command(name = "dags", mixinStandardHelpOptions = true, description = "Work with DAGs.",
        subcommands = {DagsCommand.ListDags.class, DagsCommand.Pause.class, DagsCommand.Unpause.class,
                DagsCommand.Trigger.class, DagsCommand.Test.class, BackfillCommand.class,
                DagsCommand.Reserialize.class, DagsCommand.ListImportErrors.class})
final class DagsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the DAGs of the dags folder.")
    static final class ListDags implements Callable<Integer> {
        @Mixin HomeOptions home;

        @Override
        public Integer call() {
            DagBag bag = FolderDags.load(home.config());
            System.out.printf("%-32s %-16s %-14s %s%n", "dag_id", "schedule", "owner", "tasks");
            bag.all().stream().map(LoadedDag::dag).sorted(Comparator.comparing(Dag::id)).forEach(dag ->
                    System.out.printf("%-32s %-16s %-14s %d%n", dag.id(), dag.schedule().expression(), dag.owner(), dag.tasks().size()));
            return bag.importErrors().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a DAG: it gets no scheduled runs.")
    static final class Pause implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;

        @Override
        public Integer call() {
            return setPaused(home, dagId, true);
        }
    }

    @Command(name = "unpause", mixinStandardHelpOptions = true, description = "Unpause a DAG; with catchup it catches up.")
    static final class Unpause implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;

        @Override
        public Integer call() {
            return setPaused(home, dagId, false);
        }
    }

    /** A running server's sweep moves the DAG's schedule trigger at its next schedule refresh. */
    private static int setPaused(HomeOptions home, String dagId, boolean paused) {
        return CliOperations.run(home, (ops, actor) -> ops.dags().pause(actor, dagId, paused),
                "DAG '" + dagId + "' is now " + (paused ? "paused" : "unpaused") + ".",
                "No DAG '" + dagId + "' is known to the database (has the server loaded it?).");
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Queue a manual run; a running server picks it up within a second.")
    static final class Trigger implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Option(names = "--conf", description = "Run conf as a JSON object, e.g. '{\"day\": \"2026-01-01\"}'") String conf;
        @Option(names = "--run-id", description = "Run id (default manual__<logical date>)") String runId;
        @Option(names = "--logical-date", converter = Dates.class, description = "Logical date (default now)") Instant logicalDate;

        @Override
        public Integer call() {
            if (runId != null) {
                try {
                    RunIds.check(runId);
                } catch (RunIds.InvalidRunIdException e) {
                    throw new ParameterException(spec.commandLine(), "--run-id: " + e.getMessage());
                }
            }
            ServerConfig config = home.config();
            LoadedDag dag = FolderDags.find(config, dagId, spec);
            Map<String, Object> confMap = parseConf(conf, spec);
            try (CliOperations cli = CliOperations.open(home)) {
                DagRunRow run = cli.ops().runs().trigger(cli.actor(), dag, new RunActions.Trigger(runId, logicalDate, confMap, null));
                System.out.println("Queued run " + run.runId() + " of " + dagId + " (logical date " + run.logicalDate() + ").");
            }
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run a DAG in this process for one logical date; writes nothing to the database.")
    static final class Test implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Parameters(index = "1", arity = "0..1", converter = Dates.class, description = "Logical date (default now)") Instant date;
        @Option(names = "--conf", description = "Run conf as a JSON object") String conf;

        @Override
        public Integer call() {
            LoadedDag dag = FolderDags.find(home.config(), dagId, spec);
            Instant logical = date == null ? Instant.now() : date;
            try (CliResources resources = CliResources.open(home)) {
                LocalDagRunner.Result result = new LocalDagRunner(System.out, HomeDefaults.over(resources.resources(), home.config().home()),
                        resources.resources().masker())
                        .runDag(dag.dag(), logical, parseConf(conf, spec));
                return result.runState() == DagRunState.SUCCESS ? 0 : 1;
            }
        }
    }

    @Command(name = "reserialize", mixinStandardHelpOptions = true,
            description = "Load the dags folder now and write its DAGs, versions and import errors to the database.")
    static final class Reserialize implements Callable<Integer> {
        @Mixin HomeOptions home;

        @Override
        public Integer call() {
            ServerConfig config = home.config();
            DagBag bag = FolderDags.load(config);
            try (Database database = Database.open(config)) {
                new DagRegistry(database.transactions(), Clock.systemUTC(), config.pausedAtCreation()).sync(bag);
            }
            System.out.println("Stored " + bag.all().size() + " DAG(s) and " + bag.importErrors().size() + " import error(s).");
            return 0;
        }
    }

    @Command(name = "list-import-errors", mixinStandardHelpOptions = true,
            description = "Load the dags folder and print each bundle that fails to load, with why.")
    static final class ListImportErrors implements Callable<Integer> {
        @Mixin HomeOptions home;

        @Override
        public Integer call() {
            DagBag bag = new DagBag();
            new DagFolderScanner(home.config().dagsFolder(), bag, home.config().dagLoadTimeout()).scan();
            bag.importErrors().forEach((file, error) -> System.out.println(file + System.lineSeparator() + "  " + error.replace("\n", "\n  ")));
            System.out.println(bag.importErrors().size() + " import error(s).");
            return bag.importErrors().isEmpty() ? 0 : 1;
        }
    }

    static Map<String, Object> parseConf(String conf, CommandSpec spec) {
        try {
            return Json.objectOf(conf);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--conf: " + e.getMessage());
        }
    }
}
