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
import org.orchestrator.rules.ParamCheck;
import org.orchestrator.rules.template.Templates;
import org.orchestrator.rules.Timetable;

/**
 * Runs a DAG, or one of its tasks, in this process for a logical date: no server, no database.
 * The engine's semantics are the server's own (the same trigger rules, run-state rule, timetables
 * and branch checks, from {@code org.orchestrator.rules}): retries run at once (the delay the
 * server would wait is recorded on each {@link TaskTry}), execution timeouts interrupt the task,
 * skips and branches flow through trigger rules. Callbacks are recorded, not run, unless
 * {@link #runCallbacks(boolean)} asks (then once per event, and one that throws does not fail the
 * run), so a test never sends a real alert. XComs go through JSON as on the server. Tasks run one at a time
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
 * The conf is checked against the DAG's typed params as the server checks a trigger's: a bad one
 * throws {@link org.orchestrator.rules.InvalidConfException} listing every field error, and runs nothing.
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
    private boolean runCallbacks;
    private ParamCheck.UnknownKeys unknownKeys = ParamCheck.UnknownKeys.ALLOW;
    private int maxMapLength = org.orchestrator.rules.MapExpansion.DEFAULT_MAX_LENGTH;

    private DagTester(Dag dag) {
        this.dag = Objects.requireNonNull(dag, "dag");
        ParamCheck.checkDefaults(dag);
        Templates.checkSyntax(dag); // as the server's load does: an unparsable template is an import error there
    }

    /**
     * {@return a tester for it}
     *
     * @param dag a built DAG (validation already happened in {@code build()})
     */
    public static DagTester forDag(Dag dag) {
        return new DagTester(dag);
    }

    /**
     * A connection the tasks may look up by its id.
     *
     * @param connection a connection the tasks may look up by its id
     * @return this
     */
    public DagTester connection(Connection connection) {
        resources.put(Objects.requireNonNull(connection, "connection"));
        return this;
    }

    /**
     * {@return this, with a {@code jdbc} connection without login}
     *
     * @param id the connection id
     * @param url a JDBC URL
     */
    public DagTester jdbcConnection(String id, String url) {
        return connection(new Connection(id, "jdbc", url, "", "", Map.of()));
    }

    /**
     * Sets a variable the tasks may look up by its key.
     *
     * @param key a variable's key
     * @param value its value
     * @return this
     */
    public DagTester variable(String key, String value) {
        resources.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Where connections and variables not set here are looked up (e.g. a server's).
     *
     * @param fallback where connections and variables not set here are looked up (e.g. a server's)
     * @return this
     */
    public DagTester resources(Resources fallback) {
        resources.fallback(Objects.requireNonNull(fallback, "fallback"));
        return this;
    }

    /**
     * The run's conf, laid over the DAG's params.
     *
     * @param runConf the run's conf, laid over the DAG's params
     * @return this
     */
    public DagTester conf(Map<String, Object> runConf) {
        conf.putAll(runConf);
        return this;
    }

    /**
     * The data interval to give the tasks; by default the DAG's schedule decides it (the interval starting at the logical date), or [logical date, logical date] as for a manual run.
     *
     * @param interval the data interval to give the tasks; by default the DAG's schedule decides it (the interval starting at the logical date), or [logical date, logical date] as for a manual run
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

    /**
     * Where to echo every log line as {@code [task] line} (e.g. {@code System.out}).
     *
     * @param out where to echo every log line as {@code [task] line} (e.g. {@code System.out})
     * @return this
     */
    public DagTester echoTo(PrintStream out) {
        this.echo = out;
        return this;
    }

    /**
     * Rewrites every log line, e.g. the server's secret masker (default: none).
     *
     * @param mask rewrites every log line, e.g. the server's secret masker (default: none)
     * @return this
     */
    public DagTester maskLogs(UnaryOperator<String> mask) {
        this.mask = Objects.requireNonNull(mask, "mask");
        return this;
    }

    /**
     * Whether the DAG's and tasks' callbacks run. By default they do not: a local run records each
     * event that has callbacks ({@link DagTestRun#callbacks()}) and echoes it, so testing a DAG never
     * sends a real alert. Turn them on to test a notifier against a receiver of your own.
     *
     * @param run true to call the callbacks, once per event, as the server does
     * @return this
     */
    public DagTester runCallbacks(boolean run) {
        this.runCallbacks = run;
        return this;
    }

    /**
     * As the server's {@code ORCHESTRATOR_CONF_UNKNOWN_KEYS}: whether a conf key that names no param
     * is refused (default: allowed, as in Airflow).
     *
     * @param policy allow or reject
     * @return this
     */
    public DagTester unknownConfKeys(ParamCheck.UnknownKeys policy) {
        this.unknownKeys = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * The clock that stamps log lines.
     *
     * @param clock the clock that stamps log lines
     * @return this
     */
    public DagTester clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The most instances a mapped task may expand to, as the server's {@code ORCHESTRATOR_MAX_MAP_LENGTH} (default 1,024).
     *
     * @param max the most instances a mapped task may expand to, as the server's {@code ORCHESTRATOR_MAX_MAP_LENGTH} (default 1,024)
     * @return this
     */
    public DagTester maxMapLength(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max map length must be >= 1, got " + max);
        }
        this.maxMapLength = max;
        return this;
    }

    /**
     * {@return what the run did}
     *
     * @param logicalDate the logical date
     */
    public DagTestRun run(Instant logicalDate) {
        return new LocalEngine(newRun(logicalDate), maxMapLength).runDag();
    }

    /**
     * {@return what the run did}
     *
     * @param day the logical date at midnight UTC, as {@code dags test 2026-01-01} reads it
     */
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
        return new LocalEngine(newRun(logicalDate), maxMapLength).runTask(task(taskId));
    }

    /**
     * Renders a task's templated fields for a logical date as its first try would, without running
     * anything ({@code tasks render}). Secrets are masked with {@link #maskLogs}'s masker.
     *
     * <pre>{@code
     * assertThat(DagTester.forDag(dag).renderTask("load", Instant.parse("2026-03-15T00:00:00Z")))
     *         .containsEntry("sql", "DELETE FROM orders WHERE day = '2026-03-15'");
     * }</pre>
     *
     * @param taskId      the task
     * @param logicalDate the logical date
     * @return field name → rendered text; empty when the task has no templated fields
     * @throws org.orchestrator.rules.template.TemplateException when a field does not render
     */
    public Map<String, String> renderTask(String taskId, Instant logicalDate) {
        TaskDefinition task = task(taskId);
        LocalTaskContext context = new LocalTaskContext(newRun(logicalDate), taskId, 1, task.maxTries());
        Map<String, String> rendered = new LinkedHashMap<>();
        Templates.renderAll(task.task().templateFields(), context, context.dag()).forEach((f, v) -> rendered.put(f, context.mask(v)));
        return rendered;
    }

    private TaskDefinition task(String taskId) {
        return dag.task(taskId).orElseThrow(() -> new IllegalArgumentException("dag '" + dag.id()
                + "' has no task '" + taskId + "'; it has " + dag.tasks().stream().map(TaskDefinition::id).toList()));
    }

    /**
     * {@return what the run did}
     *
     * @param taskId the task
     * @param day the logical date at midnight UTC
     */
    public DagTestRun runTask(String taskId, LocalDate day) {
        return runTask(taskId, midnight(day));
    }

    private LocalRun newRun(Instant logicalDate) {
        Objects.requireNonNull(logicalDate, "logicalDate");
        ParamCheck.require(dag, conf, unknownKeys);
        DataInterval dataInterval = interval != null ? interval : intervalOf(dag, logicalDate);
        return new LocalRun(dag, "test__" + logicalDate, logicalDate, dataInterval, new LinkedHashMap<>(conf), resources,
                new ConcurrentHashMap<>(seededXComs), Map.copyOf(externalStates), echo, clock, mask, runCallbacks,
                new ConcurrentHashMap<>());
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
