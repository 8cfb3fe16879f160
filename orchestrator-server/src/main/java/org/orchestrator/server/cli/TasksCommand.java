package org.orchestrator.server.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.config.HomeDefaults;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.execute.LocalDagRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tasks test|render|list|states-for-dag-run|state|clear}. */
@Command(name = "tasks", mixinStandardHelpOptions = true, description = "Work with single tasks.",
        subcommands = {TasksCommand.Test.class, TasksCommand.Render.class, TaskInstanceCommands.ListTasks.class,
                TaskInstanceCommands.StatesForDagRun.class, TaskInstanceCommands.State.class, TaskInstanceCommands.Clear.class})
final class TasksCommand {

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run one task in this process, ignoring its upstreams; writes nothing to the database.")
    static final class Test implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Parameters(index = "1", description = "Task id") String taskId;
        @Parameters(index = "2", arity = "0..1", converter = Dates.class, description = "Logical date (default now)") Instant date;
        @Option(names = "--conf", description = "Run conf as a JSON object") String conf;
        @Option(names = "--xcom", paramLabel = "task.key=json",
                description = "Seed an XCom an upstream task would have pushed, e.g. --xcom extract.rows=42 (repeatable)")
        List<String> xcoms = new ArrayList<>();
        @Option(names = "--notify", description = "Run the task's callbacks (send its alerts); by default they are only printed")
        boolean notify;

        @Override
        public Integer call() {
            LoadedDag dag = FolderDags.find(home.config(), dagId, spec);
            try (CliResources resources = CliResources.open(home)) {
                LocalDagRunner runner = new LocalDagRunner(System.out, HomeDefaults.over(resources.resources(), home.config().home()),
                        resources.resources().masker()).runCallbacks(notify);
                xcoms.stream().map(SeededXCom::parse).forEach(x -> runner.xcom(x.taskId(), x.key(), x.value()));
                TaskState state = runner.runTask(dag.dag(), taskId,
                        date == null ? Instant.now() : date, DagsCommand.parseConf(conf, spec));
                return state == TaskState.SUCCESS ? 0 : 1;
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "Print a task's templated fields rendered for a logical date, as its try would; runs nothing.")
    static final class Render implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "DAG id") String dagId;
        @Parameters(index = "1", description = "Task id") String taskId;
        @Parameters(index = "2", arity = "0..1", converter = Dates.class, description = "Logical date (default now)") Instant date;
        @Option(names = "--conf", description = "Run conf as a JSON object") String conf;

        @Override
        public Integer call() {
            LoadedDag dag = FolderDags.find(home.config(), dagId, spec);
            try (CliResources resources = CliResources.open(home)) {
                new LocalDagRunner(System.out, HomeDefaults.over(resources.resources(), home.config().home()),
                        resources.resources().masker())
                        .renderTask(dag.dag(), taskId, date == null ? Instant.now() : date, DagsCommand.parseConf(conf, spec));
                return 0;
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }
}
