package org.orchestrator.testing;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.orchestrator.api.Connection;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.Resources;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.Timetable;

/**
 * Runs a DAG, or one of its tasks, in this process for a logical date: no server, no database.
 * The engine's semantics are the server's own (the same trigger rules, run-state rule, timetables
 * and branch checks, from {@code org.orchestrator.rules}): retries run at once (the delay the
 * server would wait is recorded on each {@link TaskTry}), execution timeouts interrupt the task,
 * skips and branches flow through trigger rules, callbacks run once per event and a callback that
 * throws does not fail the run. XComs go through JSON as on the server. Tasks run one at a time
 * in topological order.
 *
 * <pre>{@code
 * @Test
 * void loads_the_day() {
 *     DagTestRun run = DagTester.forDag(MyDags.orders())
 *             .connection(new Connection("analytics", "jdbc", "jdbc:h2:mem:t;DB_CLOSE_DELAY=-1", "sa", "", Map.of()))
 *             .variable("region", "eu")
 *             .run(LocalDate.of(2026, 1, 1));
 *
 *     assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
 *     assertThat(run.taskState("load_orders")).isEqualTo(TaskState.SUCCESS);
 *     assertThat(run.tries("extract_orders")).hasSize(1);
 *     assertThat(run.xcom("load_orders", "loaded_rows", Integer.class)).contains(20);
 * }
 * }</pre>
 *
 * A tester may be reused: each {@code run} starts from empty XComs (plus those seeded with
 * {@link #xcom}). It is not thread-safe.
 */
public final class DagTester {

    private final Dag dag;
    private final TestResources resources = new TestResources();
    private final Map<String, Object> conf = new LinkedHashMap<>();
    private final Map<String, String> seededXComs = new LinkedHashMap<>();
    private final Map<String, TaskState> externalStates = new LinkedHashMap<>();
    private DataInterval interval;
    private PrintStream echo;
    private Clock clock = Clock.systemUTC();
    private UnaryOperator<String> mask = UnaryOperator.identity();
    private int maxMapLength = org.orchestrator.rules.MapExpansion.DEFAULT_MAX_LENGTH;

    private DagTester(Dag dag) {
        this.dag = Objects.requireNonNull(dag, "dag");
    }

    /** @param dag a built DAG (validation already happened in {@code build()}) @return a tester for it */
    public static DagTester forDag(Dag dag) {
        return new DagTester(dag);
    }

    /** @param connection a connection the tasks may look up by its id @return this */
    public DagTester connection(Connection connection) {
        resources.put(Objects.requireNonNull(connection, "connection"));
        return this;
    }

    /**
     * @param id  the connection id
     * @param url a JDBC URL
     * @return this, with a {@code jdbc} connection without login
     */
    public DagTester jdbcConnection(String id, String url) {
        return connection(new Connection(id, "jdbc", url, "", "", Map.of()));
    }

    /** @param key a variable's key @param value its value @return this */
    public DagTester variable(String key, String value) {
        resources.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** @param fallback where connections and variables not set here are looked up (e.g. a server's) @return this */
    public DagTester resources(Resources fallback) {
        resources.fallback(Objects.requireNonNull(fallback, "fallback"));
        return this;
    }

    /** @param runConf the run's conf, laid over the DAG's params @return this */
    public DagTester conf(Map<String, Object> runConf) {
        conf.putAll(runConf);
        return this;
    }

    /**
     * @param interval the data interval to give the tasks; by default the DAG's schedule decides it
     *                 (the interval starting at the logical date), or [logical date, logical date] as for a manual run
     * @return this
     */
    public DagTester dataInterval(DataInterval interval) {
        this.interval = Objects.requireNonNull(interval, "interval");
        return this;
    }

    /**
     * Seeds an XCom as if an upstream task had pushed it, for {@link #runTask} on a task that pulls it.
     *
     * @param taskId the pushing task
     * @param key    the XCom key
     * @param value  a JSON-serialisable value
     * @return this
     */
    public DagTester xcom(String taskId, String key, Object value) {
        seededXComs.put(LocalRun.xcomKey(taskId, key), XComJson.write(taskId, key, value));
        return this;
    }

    /**
     * Declares the state of another DAG's task, for sensors that ask {@code externalTaskState}
     * (undeclared ones answer empty: no such run).
     *
     * @param dagId       the other DAG
     * @param taskId      its task
     * @param logicalDate the logical date of the other run
     * @param state       the state that task instance is in
     * @return this
     */
    public DagTester externalTaskState(String dagId, String taskId, Instant logicalDate, TaskState state) {
        externalStates.put(LocalRun.externalKey(dagId, taskId, logicalDate), state);
        return this;
    }

    /** @param out where to echo every log line as {@code [task] line} (e.g. {@code System.out}) @return this */
    public DagTester echoTo(PrintStream out) {
        this.echo = out;
        return this;
    }

    /** @param mask rewrites every log line, e.g. the server's secret masker (default: none) @return this */
    public DagTester maskLogs(UnaryOperator<String> mask) {
        this.mask = Objects.requireNonNull(mask, "mask");
        return this;
    }

    /** @param clock the clock that stamps log lines @return this */
    public DagTester clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * @param max the most instances a mapped task may expand to, as the server's
     *            {@code ORCHESTRATOR_MAX_MAP_LENGTH} (default 1,024)
     * @return this
     */
    public DagTester maxMapLength(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max map length must be >= 1, got " + max);
        }
        this.maxMapLength = max;
        return this;
    }

    /** @param logicalDate the logical date @return what the run did */
    public DagTestRun run(Instant logicalDate) {
        return new LocalEngine(newRun(logicalDate), maxMapLength).runDag();
    }

    /** @param day the logical date at midnight UTC, as {@code dags test 2026-01-01} reads it @return what the run did */
    public DagTestRun run(LocalDate day) {
        return run(midnight(day));
    }

    /**
     * Runs one task whatever its upstreams did (they have not run; seed their XComs with {@link #xcom}).
     *
     * @param taskId      the task
     * @param logicalDate the logical date
     * @return what the run did: only that task has tries
     */
    public DagTestRun runTask(String taskId, Instant logicalDate) {
        TaskDefinition task = dag.task(taskId).orElseThrow(() -> new IllegalArgumentException("dag '" + dag.id()
                + "' has no task '" + taskId + "'; it has " + dag.tasks().stream().map(TaskDefinition::id).toList()));
        return new LocalEngine(newRun(logicalDate), maxMapLength).runTask(task);
    }

    /** @param taskId the task @param day the logical date at midnight UTC @return what the run did */
    public DagTestRun runTask(String taskId, LocalDate day) {
        return runTask(taskId, midnight(day));
    }

    private LocalRun newRun(Instant logicalDate) {
        Objects.requireNonNull(logicalDate, "logicalDate");
        DataInterval dataInterval = interval != null ? interval : intervalOf(dag, logicalDate);
        return new LocalRun(dag, "test__" + logicalDate, logicalDate, dataInterval, new LinkedHashMap<>(conf), resources,
                new ConcurrentHashMap<>(seededXComs), Map.copyOf(externalStates), echo, clock, mask);
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The scheduled interval that starts at the logical date, else a manual run's [date, date]. */
    static DataInterval intervalOf(Dag dag, Instant logicalDate) {
        return Timetable.of(dag).nextAfter(logicalDate)
                .filter(next -> next.start().equals(logicalDate))
                .orElse(new DataInterval(logicalDate, logicalDate));
    }
}
