package org.orchestrator.tasks.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.SkipTaskException;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.testing.RunningTask;
import org.orchestrator.tasks.testing.TestTaskContext;

class SensorTest {

    private final TestTaskContext ctx = TestTaskContext.of("sensor_dag", "wait");

    /** Says yes on the n-th poke (never when n is 0) and records when each poke happened. */
    private static final class CountingSensor extends Sensor {
        final List<Long> pokes = new CopyOnWriteArrayList<>();
        private final int yesOn;

        CountingSensor(Builder b, int yesOn) {
            super(b);
            this.yesOn = yesOn;
        }

        @Override
        protected boolean poke(TaskContext ctx) {
            pokes.add(System.nanoTime());
            return pokes.size() == yesOn;
        }

        @Override
        protected String describe(TaskContext ctx) {
            return "poke " + yesOn;
        }

        static final class Builder extends Sensor.Builder<Builder> {
        }
    }

    @Test
    void the_wait_ends_on_the_first_yes() throws Exception {
        CountingSensor sensor = new CountingSensor(new CountingSensor.Builder().pokeInterval(Duration.ofMillis(10)), 3);

        sensor.execute(ctx);

        assertThat(sensor.pokes).hasSize(3);
        assertThat(ctx.logLines()).anyMatch(l -> l.startsWith("poke 3 is there after 3 poke(s)"));
    }

    @Test
    void past_the_timeout_the_try_fails_naming_what_it_waited_for() {
        CountingSensor sensor = new CountingSensor(new CountingSensor.Builder()
                .pokeInterval(Duration.ofMillis(20)).timeout(Duration.ofMillis(100)), 0);

        assertThatThrownBy(() -> sensor.execute(ctx)).isInstanceOf(SensorTimeoutException.class)
                .hasMessageStartingWith("sensor timed out after PT0.1S (").hasMessageEndingWith("pokes) waiting for poke 0");
        assertThat(sensor.pokes.size()).isBetween(2, 7);
    }

    @Test
    void soft_fail_skips_instead_of_failing() {
        CountingSensor sensor = new CountingSensor(new CountingSensor.Builder()
                .pokeInterval(Duration.ofMillis(20)).timeout(Duration.ofMillis(50)).softFail(true), 0);

        assertThatThrownBy(() -> sensor.execute(ctx)).isExactlyInstanceOf(SkipTaskException.class)
                .hasMessageContaining("sensor timed out");
    }

    @Test
    void exponential_backoff_doubles_the_interval_up_to_the_maximum() throws Exception {
        CountingSensor sensor = new CountingSensor(new CountingSensor.Builder()
                .pokeInterval(Duration.ofMillis(20)).exponentialBackoff(Duration.ofMillis(80)), 5);

        sensor.execute(ctx);

        List<Long> gapsMs = gaps(sensor.pokes);
        // Lower bounds only: a sleep may last longer on a busy machine, never shorter.
        assertThat(gapsMs.get(0)).isGreaterThanOrEqualTo(20);
        assertThat(gapsMs.get(1)).isGreaterThanOrEqualTo(40);
        assertThat(gapsMs.get(2)).isGreaterThanOrEqualTo(80);
        assertThat(gapsMs.get(3)).isGreaterThanOrEqualTo(80);
        assertThat(gapsMs.stream().mapToLong(Long::longValue).sum()).isLessThan(5_000);
    }

    @Test
    void an_interrupt_ends_the_wait_at_once() throws Exception {
        CountingSensor sensor = new CountingSensor(new CountingSensor.Builder().pokeInterval(Duration.ofHours(1)), 0);
        RunningTask waiting = RunningTask.start(sensor, ctx);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sensor.pokes.size() == 1);

        long before = System.nanoTime();
        waiting.interrupt();

        assertThat(waiting.join(Duration.ofSeconds(10))).isTrue();
        assertThat(waiting.failure()).isInstanceOf(InterruptedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    }

    private static List<Long> gaps(List<Long> nanos) {
        return java.util.stream.IntStream.range(1, nanos.size()).mapToObj(i -> (nanos.get(i) - nanos.get(i - 1)) / 1_000_000).toList();
    }
}
