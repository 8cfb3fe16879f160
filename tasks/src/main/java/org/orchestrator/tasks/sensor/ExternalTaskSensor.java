package org.orchestrator.tasks.sensor;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskState;

/**
 * Waits for a task of another DAG to succeed for the same logical date (or one shifted by a
 * delta, for DAGs on different schedules), like Airflow's {@code ExternalTaskSensor}. When that
 * task ends in a failed state the sensor fails at once instead of waiting out its timeout, unless
 * told otherwise.
 *
 * <pre>{@code
 * .task("wait_for_extract", ExternalTaskSensor.of("orders_extract", "load_orders")
 *         .delta(Duration.ofHours(1))            // that DAG runs an hour earlier
 *         .pokeInterval(Duration.ofMinutes(2)).timeout(Duration.ofHours(4)).build())
 * }</pre>
 */
public final class ExternalTaskSensor extends Sensor {

    private final String dagId;
    private final String taskId;
    private final Function<TaskContext, Instant> logicalDate;
    private final Set<TaskState> allowed;
    private final Set<TaskState> failed;

    private ExternalTaskSensor(Builder b) {
        super(b);
        dagId = b.dagId;
        taskId = b.taskId;
        logicalDate = b.logicalDate;
        allowed = Set.copyOf(b.allowed);
        failed = Set.copyOf(b.failed);
    }

    /**
     * {@return a builder for the same logical date}
     *
     * @param dagId the other DAG
     * @param taskId its task
     */
    public static Builder of(String dagId, String taskId) {
        return new Builder(Objects.requireNonNull(dagId, "dagId"), Objects.requireNonNull(taskId, "taskId"));
    }

    @Override
    protected boolean poke(TaskContext ctx) {
        Instant date = logicalDate.apply(ctx);
        Optional<TaskState> state = ctx.externalTaskState(dagId, taskId, date);
        if (state.isPresent() && failed.contains(state.get())) {
            throw new OrchestratorException("external task " + dagId + "." + taskId + " of " + date + " is "
                    + state.get().wireName() + "; not waiting for it any longer");
        }
        return state.isPresent() && allowed.contains(state.get());
    }

    @Override
    protected String describe(TaskContext ctx) {
        return "task " + dagId + "." + taskId + " of " + logicalDate.apply(ctx) + " to be " + allowed.stream().map(TaskState::wireName).sorted().toList();
    }

    /** Configures an {@link ExternalTaskSensor}. */
    public static final class Builder extends Sensor.Builder<Builder> {
        private final String dagId;
        private final String taskId;
        private Function<TaskContext, Instant> logicalDate = TaskContext::logicalDate;
        private Set<TaskState> allowed = EnumSet.of(TaskState.SUCCESS);
        private Set<TaskState> failed = EnumSet.of(TaskState.FAILED, TaskState.UPSTREAM_FAILED);

        private Builder(String dagId, String taskId) {
            this.dagId = dagId;
            this.taskId = taskId;
        }

        /**
         * Look at the run whose logical date is this much earlier than this run's.
         *
         * @param delta look at the run whose logical date is this much earlier than this run's
         * @return this
         */
        public Builder delta(Duration delta) {
            Objects.requireNonNull(delta, "delta");
            logicalDate = ctx -> ctx.logicalDate().minus(delta);
            return this;
        }

        /**
         * Chooses the other run's logical date from this try's context.
         *
         * @param date chooses the other run's logical date from this try's context
         * @return this
         */
        public Builder logicalDate(Function<TaskContext, Instant> date) {
            logicalDate = Objects.requireNonNull(date, "date");
            return this;
        }

        /**
         * The states that end the wait (default: success).
         *
         * @param states the states that end the wait (default: success)
         * @return this
         */
        public Builder allowedStates(TaskState... states) {
            allowed = EnumSet.copyOf(List.of(states));
            return this;
        }

        /**
         * The states that fail the sensor at once (default: failed, upstream_failed; none to keep waiting).
         *
         * @param states the states that fail the sensor at once (default: failed, upstream_failed; none to keep waiting)
         * @return this
         */
        public Builder failedStates(TaskState... states) {
            failed = states.length == 0 ? EnumSet.noneOf(TaskState.class) : EnumSet.copyOf(List.of(states));
            return this;
        }

        /** {@return the sensor} */
        public ExternalTaskSensor build() {
            return new ExternalTaskSensor(this);
        }
    }
}
