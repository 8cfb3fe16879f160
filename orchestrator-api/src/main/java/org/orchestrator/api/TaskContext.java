package org.orchestrator.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Everything a running try may know and do. One context per try; it is not shared between threads
 * of different tries.
 *
 * <pre>{@code
 * ctx -> {
 *     int rows = ctx.xcomPull("extract", "rows", Integer.class);            // fails the try when missing
 *     String note = ctx.xcomPullOptional("extract", "note", String.class).orElse("");
 *     ctx.log().info("loading {} rows for {}", rows, ctx.logicalDate());
 * }
 * }</pre>
 */
public interface TaskContext extends Resources {

    /** The XCom key used when none is given, as in Airflow. */
    String RETURN_VALUE = "return_value";

    /** {@return the DAG's id} */
    String dagId();

    /** {@return the run's id, e.g. {@code scheduled__2026-01-01T00:00:00Z}} */
    String runId();

    /** {@return this task's id} */
    String taskId();

    /** {@return the try being run, counted from 1} */
    int tryNumber();

    /** {@return how many tries this task instance may use in all (retries + 1)} */
    int maxTries();

    /** {@return the run's logical date: the start of its data interval for scheduled runs} */
    Instant logicalDate();

    /** {@return the run's data interval, [start, end)} */
    DataInterval dataInterval();

    /** {@return the DAG's params with the run's conf laid over them (conf wins), read-only} */
    Map<String, Object> params();

    /**
     * A param's value as a Java type: numbers as {@code Integer}, {@code Long}, {@code Double} or
     * {@code BigDecimal}; {@link Param#date()} as {@link java.time.LocalDate}; {@link Param#dateTime()}
     * as {@link Instant}; strings, booleans, lists and maps as they are. The server refuses a conf that
     * breaks the param's schema, so a typed param reads without surprises.
     *
     * <pre>{@code int minAmount = ctx.param("min_amount", Integer.class);}</pre>
     *
     * @param name the param
     * @param type the type to read it as
     * @param <T>  that type
     * @return the value (null for a null value)
     * @throws OrchestratorException when the run has no such param or its value does not read as {@code type}
     */
    default <T> T param(String name, Class<T> type) {
        if (!params().containsKey(name)) {
            throw new OrchestratorException("run '" + runId() + "' of dag '" + dagId() + "' has no param '" + name + "'");
        }
        return ParamValues.as(name, params().get(name), type);
    }

    /** {@return the conf the run was triggered with (empty for scheduled runs), read-only} */
    Map<String, Object> conf();

    /** {@return a logger whose lines land in this try's log, readable while the task runs} */
    Logger log();

    /**
     * Shares a small value with downstream tasks. The value is stored as JSON, so use strings,
     * numbers, booleans, lists, maps or simple records.
     *
     * @param key   the XCom key
     * @param value a JSON-serialisable value
     */
    void xcomPush(String key, Object value);

    /**
     * Shares a value under the key {@value #RETURN_VALUE}.
     *
     * @param value a JSON-serialisable value
     */
    default void xcomPush(Object value) {
        xcomPush(RETURN_VALUE, value);
    }

    /**
     * Reads a value pushed by another task of the same run. A value that is not there fails the
     * try with the task and key named: a downstream step must not go on with nothing.
     *
     * @param taskId the task that pushed it
     * @param key    the XCom key
     * @param type   the type to read the JSON value as
     * @param <T>    the value's type
     * @return the value
     * @throws MissingXComException when that task pushed nothing (or {@code null}) under that key in this run
     */
    default <T> T xcomPull(String taskId, String key, Class<T> type) {
        return xcomPullOptional(taskId, key, type).orElseThrow(() -> new MissingXComException(taskId(), taskId, key));
    }

    /**
     * Reads the value another task pushed under {@value #RETURN_VALUE}.
     *
     * @param taskId the task that pushed it
     * @param type   the type to read the JSON value as
     * @param <T>    the value's type
     * @return the value
     * @throws MissingXComException when that task pushed no return value in this run
     */
    default <T> T xcomPull(String taskId, Class<T> type) {
        return xcomPull(taskId, RETURN_VALUE, type);
    }

    /**
     * Reads a value pushed by another task of the same run, when it may be absent.
     *
     * @param taskId the task that pushed it
     * @param key    the XCom key
     * @param type   the type to read the JSON value as
     * @param <T>    the value's type
     * @return the value, or empty when none (or {@code null}) was pushed
     */
    <T> Optional<T> xcomPullOptional(String taskId, String key, Class<T> type);

    /**
     * Reads the value another task pushed under {@value #RETURN_VALUE}, when it may be absent.
     *
     * @param taskId the task that pushed it
     * @param type   the type to read the JSON value as
     * @param <T>    the value's type
     * @return the value, or empty when none was pushed
     */
    default <T> Optional<T> xcomPullOptional(String taskId, Class<T> type) {
        return xcomPullOptional(taskId, RETURN_VALUE, type);
    }

    /**
     * A key that is the same for every try of this task instance and different for every other
     * task instance. Execution is at-least-once; use this key to make writes effectively once
     * (e.g. a unique column, an upsert key, an idempotency header).
     *
     * @return {@code dagId/runId/taskId}, with {@code [mapIndex]} after the task id for a mapped instance
     */
    String idempotencyKey();

    /**
     * Looks at a task of another DAG (or of this one) for the same kind of question Airflow's
     * {@code ExternalTaskSensor} asks: did {@code dagId.taskId} of the run with that logical date
     * succeed yet?
     *
     * @param dagId       the other DAG
     * @param taskId      the task in it
     * @param logicalDate the logical date of the run to look at
     * @return the task instance's state, or empty when that run or task does not exist
     */
    Optional<TaskState> externalTaskState(String dagId, String taskId, Instant logicalDate);

    /**
     * Creates a run of another DAG (Airflow's {@code TriggerDagRunOperator}), recording this task
     * instance as the run's parent. The run is queued as a manual run would be.
     *
     * @param request the DAG, run id, logical date and conf
     * @return the id of the run created
     * @throws OrchestratorException when the DAG is unknown or the run id or logical date is taken
     * @throws UnsupportedOperationException where no engine is at hand (a plain unit test)
     */
    default String triggerDagRun(DagRunRequest request) {
        throw new UnsupportedOperationException("triggering a run of '" + request.dagId() + "' needs an engine");
    }

    /**
     * {@return the run's state, or empty when there is no such run}
     *
     * @param dagId a DAG
     * @param runId one of its runs
     * @throws UnsupportedOperationException where no engine is at hand
     */
    default Optional<DagRunState> dagRunState(String dagId, String runId) {
        throw new UnsupportedOperationException("reading the state of run '" + runId + "' needs an engine");
    }

    /**
     * The question Airflow's {@code LatestOnlyOperator} asks: a run triggered from outside the
     * schedule always is the latest; a scheduled or backfill run is when its data interval is
     * the latest of the DAG's schedule that has ended by now.
     *
     * @return true when this run is the latest
     */
    default boolean isLatestRun() {
        return true;
    }

    /**
     * The data interval of the latest successful run of this DAG before this one (Airflow's
     * {@code prev_data_interval_start_success} / {@code _end_success}), for catching up on what a
     * failed run left out.
     *
     * @return that interval, or empty when no earlier run succeeded (or nothing records runs: a unit test)
     */
    default Optional<DataInterval> previousSuccessfulDataInterval() {
        return Optional.empty();
    }

    /**
     * Renders a Jinja template against this try, as Airflow renders templated fields:
     * {@code {{ ds }}}, {@code {{ macros.ds_add(ds, -1) }}}, {@code {{ params.min_amount }}},
     * {@code {{ var.value.region }}}, {@code {{ conn.warehouse.login }}},
     * {@code {{ ti.xcom_pull(task_ids='extract') }}}, {@code {{ conf.day | sqlliteral }}} (the README
     * lists every name). Text without Jinja markup renders to itself.
     *
     * <pre>{@code String path = ctx.render("path", "/data/{{ ds_nodash }}/orders.csv");}</pre>
     *
     * @param field    the field's name, named in errors (e.g. {@code sql}, {@code path})
     * @param template the template
     * @return the rendered text
     * @throws OrchestratorException naming the field, the line and the message when the template
     *         does not render (an unknown name, a syntax error); a try that throws it fails
     * @throws UnsupportedOperationException for a template where no engine is at hand
     */
    default String render(String field, String template) {
        if (Task.isTemplate(template)) {
            throw new UnsupportedOperationException("rendering the template of '" + field + "' needs an engine");
        }
        return template;
    }

    /**
     * {@link #render(String, String)} for a field with no particular name.
     *
     * @param template the template
     * @return the rendered text
     */
    default String render(String template) {
        return render("template", template);
    }

    /**
     * Branching: after this try succeeds, only the given direct downstream tasks run; the other
     * direct downstream tasks are skipped (and the skip flows on through trigger rules).
     *
     * @param taskIds direct downstream task ids to follow
     */
    void followBranches(Collection<String> taskIds);

    /**
     * Varargs form of {@link #followBranches(Collection)}.
     *
     * @param taskIds direct downstream task ids to follow
     */
    default void followBranches(String... taskIds) {
        followBranches(Arrays.asList(taskIds));
    }

    /**
     * {@return this instance's index among its task's mapped instances (0..n-1), or -1 when the task is not mapped}
     */
    default int mapIndex() {
        return -1;
    }

    /**
     * An argument of the task: a mapped instance's element ({@link TaskBuilder#expand}) or a fixed
     * one ({@link TaskBuilder#partial}).
     *
     * <pre>{@code
     * String file = ctx.arg("file", String.class);
     * }</pre>
     *
     * @param name the argument's name
     * @param type the type to read the JSON value as
     * @param <T>  the value's type
     * @return the value
     * @throws IllegalArgumentException when the task has no such argument
     */
    default <T> T arg(String name, Class<T> type) {
        throw new IllegalArgumentException("task '" + taskId() + "' has no argument '" + name + "'");
    }

    /**
     * Reads what every instance of a task pushed under a key, in map-index order (Airflow's
     * {@code xcom_pull} of a mapped task). For an unmapped task: its one value, if any.
     *
     * @param taskId the task that pushed them
     * @param key    the XCom key
     * @param type   the type to read each JSON value as
     * @param <T>    the values' type
     * @return the values, by map index; an instance that pushed nothing is left out
     */
    default <T> java.util.List<T> xcomPullAll(String taskId, String key, Class<T> type) {
        return xcomPullOptional(taskId, key, type).stream().toList();
    }

    /**
     * {@link #xcomPullAll(String, String, Class)} for {@value #RETURN_VALUE}.
     *
     * @param taskId the task that pushed them
     * @param type   the type to read each JSON value as
     * @param <T>    the values' type
     * @return the values, by map index
     */
    default <T> java.util.List<T> xcomPullAll(String taskId, Class<T> type) {
        return xcomPullAll(taskId, RETURN_VALUE, type);
    }
}
