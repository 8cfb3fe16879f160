package org.orchestrator.server.testing;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TaskTries;

/**
 * A real engine on a real database (an H2 file in a temporary home, or PostgreSQL: see
 * {@link TestDatabase}), with helpers to trigger runs and wait for
 * them (polling with a deadline, never sleeping blindly).
 */
public final class TestEngine implements AutoCloseable {

    private final Path home;
    private final Orchestrator orchestrator;

    private TestEngine(Path home, Orchestrator orchestrator) {
        this.home = home;
        this.orchestrator = orchestrator;
    }

    /** @param dags DAGs to pin @return a running engine in a fresh home */
    public static TestEngine start(Dag... dags) {
        return start(fresh(), Map.of(), dags);
    }

    /** @param home the home @param env extra ORCHESTRATOR_* settings @param dags DAGs to pin @return a running engine */
    public static TestEngine start(Path home, Map<String, String> env, Dag... dags) {
        return start(home, env, Clock.systemUTC(), dags);
    }

    /** @param clock the engine's clock (a {@link SettableClock}) @param dags DAGs to pin @return a running engine in a fresh home */
    public static TestEngine start(Clock clock, Dag... dags) {
        return start(fresh(), Map.of(), clock, dags);
    }

    private static TestEngine start(Path home, Map<String, String> env, Clock clock, Dag... dags) {
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "ORCHESTRATOR_SWEEP_INTERVAL_MS", "200", "ORCHESTRATOR_PARALLELISM", "16"));
        all.putAll(env);
        all = TestDatabase.withHome(home, all);
        Orchestrator orchestrator = Orchestrator.start(ServerConfig.fromEnvironment(all), Orchestrator.Options.ALL, List.of(dags), clock);
        return new TestEngine(home, orchestrator);
    }

    /** @return a new empty home folder */
    public static Path fresh() {
        try {
            return Files.createTempDirectory("orchestrator-test-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the engine */
    public Orchestrator orchestrator() {
        return orchestrator;
    }

    /** @return the home folder */
    public Path home() {
        return home;
    }

    /** Triggers a manual run with a conf. */
    public DagRunRow trigger(String dagId, Map<String, Object> conf) {
        return orchestrator.runs().trigger(orchestrator.dags().get(dagId).orElseThrow(), null, null, conf, null);
    }

    /** Triggers a manual run for a logical date of the caller's choice, with no conf. */
    public DagRunRow trigger(String dagId, Instant logicalDate) {
        return orchestrator.runs().trigger(orchestrator.dags().get(dagId).orElseThrow(), null, logicalDate, Map.of(), null);
    }

    /** @return the run as stored now */
    public DagRunRow run(DagRunRow run) {
        return orchestrator.database().transactions().withHandle(h -> new DagRuns().find(h, run.id()).orElseThrow());
    }

    /** Waits until the run finished and returns it. */
    public DagRunRow awaitFinished(DagRunRow run, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> run(run).state().isFinished());
        return run(run);
    }

    /** Waits until the run is finished, and asserts nothing; @return its final state */
    public DagRunState awaitState(DagRunRow run) {
        return awaitFinished(run, Duration.ofSeconds(30)).state();
    }

    /** @return the run's task instances by task id */
    public Map<String, TaskInstanceRow> instances(DagRunRow run) {
        return orchestrator.database().transactions().withHandle(h -> new TaskInstances().ofRun(h, run.id()));
    }

    /** @return the state of one task of the run */
    public TaskState state(DagRunRow run, String taskId) {
        return instances(run).get(taskId).state();
    }

    /** @return the tries of one task of the run */
    public List<TaskTries.TryRow> tries(DagRunRow run, String taskId) {
        long id = instances(run).get(taskId).id();
        return orchestrator.database().transactions().withHandle(h -> new TaskTries().of(h, id));
    }

    /** @return the text of one try's log */
    public String log(DagRunRow run, String taskId, int tryNumber) {
        TaskTries.TryRow row = tries(run, taskId).get(tryNumber - 1);
        return orchestrator.logs().read(row.logPath(), 0).text();
    }

    /** @return the log of the task's current try so far, readable while it runs (empty before it starts) */
    public String currentLog(DagRunRow run, String taskId) {
        TaskInstanceRow ti = instances(run).get(taskId);
        return ti.tryNumber() == 0 ? "" : orchestrator.logs().read(orchestrator.logs().relativePath(ti, ti.tryNumber()), 0).text();
    }

    @Override
    public void close() {
        orchestrator.shutdown(Duration.ofSeconds(5));
    }
}
