package org.orchestrator.tasks.sensor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.orchestrator.api.SkipTaskException;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;

/**
 * A task that waits for a condition, like Airflow's sensors in {@code poke} mode: it pokes, and
 * while the answer is no it sleeps for the poke interval (doubling it each time, up to a maximum,
 * with exponential backoff). Past the timeout the try fails with a {@link SensorTimeoutException},
 * or, with soft fail, ends as skipped. Waiting parks the try's thread: on the server's virtual
 * threads a waiting sensor holds no platform thread, and an interrupt (the execution timeout)
 * ends the wait at once.
 *
 * <p>Subclasses implement {@link #poke} and {@link #describe}; their builders extend
 * {@link Builder} for the shared settings.
 *
 * <pre>{@code
 * .task("wait_for_file", FileSensor.path(Path.of("/data/in/orders.csv"))
 *         .pokeInterval(Duration.ofSeconds(30)).timeout(Duration.ofHours(2)).softFail(true).build())
 * }</pre>
 */
public abstract class Sensor implements Task {

    private final Duration pokeInterval;
    private final Duration maxInterval;
    private final Duration timeout;
    private final boolean softFail;
    private final boolean backoff;

    /**
     * The shared settings from a subclass's builder.
     *
     * @param settings the shared settings from a subclass's builder
     */
    protected Sensor(Builder<?> settings) {
        pokeInterval = settings.pokeInterval;
        maxInterval = settings.maxInterval;
        timeout = settings.timeout;
        softFail = settings.softFail;
        backoff = settings.backoff;
    }

    /**
     * Checks the condition once.
     *
     * @param ctx the try's context
     * @return true when the wait is over
     * @throws Exception fails the try (e.g. an external task that failed)
     */
    protected abstract boolean poke(TaskContext ctx) throws Exception;

    /**
     * {@return what is waited for, for the log and the timeout message, e.g. {@code file /data/x.csv}}
     *
     * @param ctx the try's context
     */
    protected abstract String describe(TaskContext ctx);

    @Override
    public final void execute(TaskContext ctx) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Duration interval = pokeInterval;
        ctx.log().info("waiting for {} (poke every {}, timeout {})", describe(ctx), pokeInterval, timeout);
        for (int pokes = 1; ; pokes++) {
            if (poke(ctx)) {
                ctx.log().info("{} is there after {} poke(s), {} ms", describe(ctx), pokes, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                timedOut(ctx, pokes);
            }
            sleep(Math.min(left, interval.toNanos()));
            if (backoff) {
                interval = interval.multipliedBy(2).compareTo(maxInterval) > 0 ? maxInterval : interval.multipliedBy(2);
            }
        }
    }

    private void timedOut(TaskContext ctx, int pokes) {
        String message = "sensor timed out after " + timeout + " (" + pokes + " pokes) waiting for " + describe(ctx);
        if (softFail) {
            throw new SkipTaskException(message);
        }
        throw new SensorTimeoutException(message);
    }

    /** Parks without a busy loop; LockSupport may wake early, so it parks again until the time is up. */
    private static void sleep(long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("sensor interrupted while waiting");
            }
        }
    }

    /**
     * Settings every sensor has.
     *
     * @param <B> the concrete builder, so the setters chain
     */
    public abstract static class Builder<B extends Builder<B>> {
        private Duration pokeInterval = Duration.ofSeconds(60);
        private Duration maxInterval = Duration.ofMinutes(10);
        private Duration timeout = Duration.ofDays(7);
        private boolean softFail;
        private boolean backoff;

        /** For subclasses. */
        protected Builder() {
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * Time between pokes (default 60 s, as in Airflow).
         *
         * @param interval time between pokes (default 60 s, as in Airflow)
         * @return this
         */
        public B pokeInterval(Duration interval) {
            if (Objects.requireNonNull(interval, "interval").isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("poke interval must be > 0, got " + interval);
            }
            pokeInterval = interval;
            return self();
        }

        /**
         * How long to wait in all (default 7 days, as in Airflow).
         *
         * @param timeout how long to wait in all (default 7 days, as in Airflow)
         * @return this
         */
        public B timeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
                throw new IllegalArgumentException("timeout must be >= 0, got " + timeout);
            }
            this.timeout = timeout;
            return self();
        }

        /**
         * True to end as skipped instead of failed on timeout.
         *
         * @param soft true to end as skipped instead of failed on timeout
         * @return this
         */
        public B softFail(boolean soft) {
            softFail = soft;
            return self();
        }

        /**
         * Doubles the interval after each poke, up to this.
         *
         * @param max doubles the interval after each poke, up to this
         * @return this
         */
        public B exponentialBackoff(Duration max) {
            maxInterval = Objects.requireNonNull(max, "max");
            backoff = true;
            return self();
        }
    }
}
