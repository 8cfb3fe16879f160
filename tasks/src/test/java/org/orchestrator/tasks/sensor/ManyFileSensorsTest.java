package org.orchestrator.tasks.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.tasks.testing.TestTaskContext;

/** A waiting sensor costs a parked virtual thread, not a platform thread: 10,000 wait at once. */
class ManyFileSensorsTest {

    private static final int SENSORS = 10_000;

    @TempDir
    Path dir;

    @Test
    void ten_thousand_file_sensors_wait_on_virtual_threads_and_all_complete_when_their_files_appear() throws Exception {
        int platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>(SENSORS);
        for (int i = 0; i < SENSORS; i++) {
            FileSensor sensor = FileSensor.path(dir.resolve("f" + i + ".done"))
                    .pokeInterval(Duration.ofMillis(500)).timeout(Duration.ofMinutes(3)).build();
            TestTaskContext ctx = TestTaskContext.of("many_sensors", "wait_" + i);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    waiting.incrementAndGet();
                    sensor.execute(ctx);
                    succeeded.incrementAndGet();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> waiting.get() == SENSORS);
        Thread.sleep(1_000); // not a wait for a condition: lets every sensor go through a few poke-and-park cycles before measuring
        int platformWhileWaiting = ManagementFactory.getThreadMXBean().getThreadCount();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        System.out.printf("%d sensors waiting: platform threads %d -> %d, heap used %d MB%n", SENSORS, platformBefore, platformWhileWaiting, heapMb);
        assertThat(succeeded.get()).isZero();

        long start = System.nanoTime();
        for (int i = 0; i < SENSORS; i++) {
            Files.createFile(dir.resolve("f" + i + ".done"));
        }
        for (Thread thread : threads) {
            assertThat(thread.join(Duration.ofMinutes(2))).isTrue();
        }
        System.out.printf("all %d sensors completed %d ms after their files were created%n", SENSORS, (System.nanoTime() - start) / 1_000_000);

        assertThat(failures).isEmpty();
        assertThat(succeeded.get()).isEqualTo(SENSORS);
        // The carriers of the virtual threads, never one platform thread per sensor.
        assertThat(platformWhileWaiting - platformBefore).isLessThan(64);
    }
}
