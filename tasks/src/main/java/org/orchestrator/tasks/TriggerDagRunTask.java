package org.orchestrator.tasks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.orchestrator.api.DagRunRequest;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.sensor.Sensor;

/**
 * Triggers a run of another DAG, like Airflow's {@code TriggerDagRunOperator}: with a conf, a
 * logical date and a run id template, the triggered run recording this task as its parent. It
 * pushes the run's id as XCom {@value #XCOM_RUN_ID}. With {@link Builder#waitForCompletion} it
 * then waits for that run as a sensor does (parking its virtual thread between pokes), succeeds
 * when the run succeeds and fails as soon as the run fails.
 *
 * <pre>{@code
 * .task("trigger_report", TriggerDagRunTask.of("daily_report")
 *         .conf(ctx -> Map.of("day", ctx.logicalDate().toString()))
 *         .runId("triggered__{run_id}")
 *         .waitForCompletion(true).pokeInterval(Duration.ofSeconds(30)).build())
 * }</pre>
 */
public final class TriggerDagRunTask implements Task {

    /** The XCom key of the triggered run's id, as in Airflow. */
    public static final String XCOM_RUN_ID = "trigger_run_id";

    private final String dagId;
    private final Function<TaskContext, Map<String, Object>> conf;
    private final Function<TaskContext, Instant> logicalDate;
    private final String runIdTemplate;
    private final WaitSettings wait;

    private TriggerDagRunTask(Builder b) {
        dagId = b.dagId;
        conf = b.conf;
        logicalDate = b.logicalDate;
        runIdTemplate = b.runIdTemplate;
        wait = b.wait;
    }

    /**
     * {@return a builder}
     *
     * @param dagId the DAG to trigger
     */
    public static Builder of(String dagId) {
        return new Builder(Objects.requireNonNull(dagId, "dagId"));
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        String runId = ctx.triggerDagRun(new DagRunRequest(dagId, runId(ctx), logicalDate.apply(ctx), conf.apply(ctx)));
        ctx.xcomPush(XCOM_RUN_ID, runId);
        ctx.log().info("triggered run '{}' of dag '{}'", runId, dagId);
        if (wait != null) {
            new TriggeredRunSensor(wait, dagId, runId).execute(ctx);
        }
    }

    /**
     * Fills the template's placeholders with this try's values: {@code {dag_id}}, {@code {run_id}},
     * {@code {task_id}}, {@code {logical_date}} and {@code {ds}} (the logical date's day, UTC).
     */
    private String runId(TaskContext ctx) {
        if (runIdTemplate == null) {
            return null;
        }
        return runIdTemplate.replace("{dag_id}", ctx.dagId()).replace("{run_id}", ctx.runId())
                .replace("{task_id}", ctx.taskId()).replace("{logical_date}", ctx.logicalDate().toString())
                .replace("{ds}", ctx.logicalDate().atOffset(ZoneOffset.UTC).toLocalDate().toString());
    }

    /** Waits for the triggered run: done when it succeeded, failed as soon as it failed. */
    private static final class TriggeredRunSensor extends Sensor {
        private final String dagId;
        private final String runId;

        TriggeredRunSensor(WaitSettings settings, String dagId, String runId) {
            super(settings);
            this.dagId = dagId;
            this.runId = runId;
        }

        @Override
        protected boolean poke(TaskContext ctx) {
            DagRunState state = ctx.dagRunState(dagId, runId)
                    .orElseThrow(() -> new OrchestratorException("triggered run '" + runId + "' of dag '" + dagId
                            + "' is gone (deleted?)"));
            if (state == DagRunState.FAILED) {
                throw new OrchestratorException("triggered run '" + runId + "' of dag '" + dagId + "' failed");
            }
            return state == DagRunState.SUCCESS;
        }

        @Override
        protected String describe(TaskContext ctx) {
            return "run '" + runId + "' of dag '" + dagId + "' to finish";
        }
    }

    /** The wait's poke interval and timeout. */
    private static final class WaitSettings extends Sensor.Builder<WaitSettings> {
    }

    /** Configures a {@link TriggerDagRunTask}. */
    public static final class Builder {
        private final String dagId;
        private Function<TaskContext, Map<String, Object>> conf = ctx -> Map.of();
        private Function<TaskContext, Instant> logicalDate = ctx -> null;
        private String runIdTemplate;
        private WaitSettings wait;
        private final WaitSettings waitSettings = new WaitSettings();

        private Builder(String dagId) {
            this.dagId = dagId;
        }

        /**
         * The triggered run's conf.
         *
         * @param conf the triggered run's conf
         * @return this
         */
        public Builder conf(Map<String, Object> conf) {
            Map<String, Object> fixed = Map.copyOf(conf);
            this.conf = ctx -> fixed;
            return this;
        }

        /**
         * Computes the triggered run's conf from this try's context.
         *
         * @param conf computes the triggered run's conf from this try's context
         * @return this
         */
        public Builder conf(Function<TaskContext, Map<String, Object>> conf) {
            this.conf = Objects.requireNonNull(conf, "conf");
            return this;
        }

        /**
         * The triggered run's logical date (default: now).
         *
         * @param date the triggered run's logical date (default: now)
         * @return this
         */
        public Builder logicalDate(Instant date) {
            Objects.requireNonNull(date, "date");
            this.logicalDate = ctx -> date;
            return this;
        }

        /**
         * Computes the triggered run's logical date, e.g. {@code TaskContext::logicalDate}.
         *
         * @param date computes the triggered run's logical date, e.g. {@code TaskContext::logicalDate}
         * @return this
         */
        public Builder logicalDate(Function<TaskContext, Instant> date) {
            this.logicalDate = Objects.requireNonNull(date, "date");
            return this;
        }

        /**
         * The triggered run's id, with {@code {dag_id} {run_id} {task_id} {logical_date} {ds}} of this run (default: {@code manual__<logical date>}).
         *
         * @param template the triggered run's id, with {@code {dag_id} {run_id} {task_id} {logical_date} {ds}} of this run (default: {@code manual__<logical date>})
         * @return this
         */
        public Builder runId(String template) {
            this.runIdTemplate = Objects.requireNonNull(template, "template");
            return this;
        }

        /**
         * True to wait for the triggered run and fail if it fails.
         *
         * @param wait true to wait for the triggered run and fail if it fails
         * @return this
         */
        public Builder waitForCompletion(boolean wait) {
            this.wait = wait ? waitSettings : null;
            return this;
        }

        /**
         * Time between looks at the triggered run while waiting (default 60 s).
         *
         * @param interval time between looks at the triggered run while waiting (default 60 s)
         * @return this
         */
        public Builder pokeInterval(Duration interval) {
            waitSettings.pokeInterval(interval);
            return this;
        }

        /**
         * The longest wait for the triggered run (default 7 days).
         *
         * @param timeout the longest wait for the triggered run (default 7 days)
         * @return this
         */
        public Builder timeout(Duration timeout) {
            waitSettings.timeout(timeout);
            return this;
        }

        /** {@return the task} */
        public TriggerDagRunTask build() {
            return new TriggerDagRunTask(this);
        }
    }
}
