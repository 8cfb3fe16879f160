package org.orchestrator.api;

/**
 * A DAG's default task settings, Airflow's {@code default_args}:
 * {@code .defaults(d -> d.retries(3).retryDelay(Duration.ofMinutes(5)))}.
 */
public final class TaskDefaults extends TaskOptions<TaskDefaults> {

    TaskDefaults() {
    }

    @Override
    TaskDefaults self() {
        return this;
    }
}
