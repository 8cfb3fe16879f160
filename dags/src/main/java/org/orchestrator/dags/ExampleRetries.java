package org.orchestrator.dags;

import java.time.Duration;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;
import org.orchestrator.api.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code example_retries}: {@code flaky} fails its first two tries and succeeds on the third
 * (retries 3, 1 s delay doubling per try), with retry, failure and success callbacks that log;
 * then {@code report} reads on which try it succeeded. Triggered by hand only.
 */
final class ExampleRetries {

    static final String DAG_ID = "example_retries";
    static final int SUCCEEDS_ON_TRY = 3;

    private ExampleRetries() {
    }

    static Dag dag() {
        return dag(LoggerFactory.getLogger(ExampleRetries.class));
    }

    /** @param callbackLog where the callbacks log; tests pass a recording logger */
    static Dag dag(Logger callbackLog) {
        return Dag.builder(DAG_ID)
                .description("A task that fails twice and succeeds on its third try, with callbacks")
                .owner("examples").tags("example")
                .schedule(Schedule.manual())
                .task("flaky", ExampleRetries::flaky, t -> t
                        .retries(3).retryDelay(Duration.ofSeconds(1)).exponentialBackoff(true)
                        .onRetry(e -> callbackLog.warn("{}.{} try {} failed and will be retried: {}",
                                e.dagId(), e.taskId(), e.tryNumber(), e.error().orElse("")))
                        .onFailure(e -> callbackLog.error("{}.{} failed for good on try {}: {}",
                                e.dagId(), e.taskId(), e.tryNumber(), e.error().orElse("")))
                        .onSuccess(e -> callbackLog.info("{}.{} succeeded on try {}", e.dagId(), e.taskId(), e.tryNumber())))
                .task("report", ExampleRetries::report, t -> t.upstream("flaky"))
                .build();
    }

    static void flaky(TaskContext ctx) {
        if (ctx.tryNumber() < SUCCEEDS_ON_TRY) {
            throw new IllegalStateException("flaky fails on purpose on try " + ctx.tryNumber() + " of "
                    + ctx.maxTries() + "; it succeeds on try " + SUCCEEDS_ON_TRY);
        }
        ctx.log().info("succeeded on try {} of {}", ctx.tryNumber(), ctx.maxTries());
        ctx.xcomPush("succeeded_on_try", ctx.tryNumber());
    }

    static void report(TaskContext ctx) {
        int tryNumber = ctx.xcomPull("flaky", "succeeded_on_try", Integer.class);
        ctx.log().info("flaky needed {} tries", tryNumber);
    }
}
