package org.orchestrator.server.execute;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.Instant;

/**
 * This node's meters of tries: how long a ready instance waited to start (scheduling delay,
 * ready → running), how long tries ran, per DAG, and how long claims take. Kept in a composite registry that exports
 * nothing by itself; {@code /metrics} adds its Prometheus registry to it.
 */
final class TryMeters {

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();

    CompositeMeterRegistry registry() {
        return registry;
    }

    /** A claimed try starts now; its wait began when the instance became scheduled. */
    void started(ClaimedTry claimed, Instant now) {
        Instant ready = claimed.ti().scheduledAt();
        if (ready != null && !now.isBefore(ready)) {
            timer("orchestrator.task.scheduling.delay", "Time from ready (scheduled) to running", claimed.ti().dagId(), null)
                    .record(Duration.between(ready, now));
        }
    }

    /** A claim of ready instances (the locking read and the update, before the commit) took {@code took}. */
    void claimed(Duration took) {
        Timer.builder("orchestrator.claim").description("Claiming ready task instances: the locking read and the update")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry).record(took);
    }

    /** A try's code returned or threw after {@code ran}. */
    void ended(ClaimedTry claimed, Outcome.Result result, Duration ran) {
        timer("orchestrator.task.duration", "How long tries ran, by outcome", claimed.ti().dagId(),
                result.name().toLowerCase(java.util.Locale.ROOT)).record(ran);
    }

    private Timer timer(String name, String description, String dagId, String state) {
        Timer.Builder builder = Timer.builder(name).description(description).tag("dag_id", dagId)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(2));
        if (state != null) {
            builder.tag("state", state);
        }
        return builder.register(registry);
    }
}
