package org.orchestrator.server.dagbag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.server.testing.TestSources;

/** Issue 7, must show 4: reloading one DAG 200 times leaves one class loader alive, not 200. */
class ReloadLeakTest {

    private static final int RELOADS = 200;

    @TempDir
    Path dags;

    @Test
    void two_hundred_reloads_of_one_dag_leave_only_the_current_class_loader_reachable() {
        DagBag bag = new DagBag();
        DagFolderScanner scanner = new DagFolderScanner(dags, bag, Duration.ofSeconds(10));
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        long heapAfterWarmUp = 0;
        long start = System.nanoTime();
        for (int i = 1; i <= RELOADS; i++) {
            TestSources.write(dags.resolve("reloaded.java"), TestSources.provider("reload",
                    "return List.of(Dag.builder(\"reloaded\").description(\"reload " + i + "\").task(\"a\", c -> c.log().info(\"" + i + "\")).build());"));
            assertThat(scanner.scan()).isTrue();
            loaders.add(loaderOf(bag));
            bag.retired().forEach(bag::release);
            if (i == 20) {
                heapAfterWarmUp = heapAfterGc();
            }
        }
        System.out.printf("[measure] %d reloads took %d ms%n", RELOADS, (System.nanoTime() - start) / 1_000_000);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            System.gc();
            assertThat(loaders.subList(0, RELOADS - 1)).allSatisfy(ref -> assertThat(ref.get()).isNull());
        });
        assertThat(loaders.getLast().get()).isSameAs(bag.get("reloaded").orElseThrow().loader());
        System.out.printf("[measure] heap used after GC: %d KiB after 20 reloads, %d KiB after %d%n",
                heapAfterWarmUp / 1024, heapAfterGc() / 1024, RELOADS);
    }

    private static WeakReference<ClassLoader> loaderOf(DagBag bag) {
        return new WeakReference<>(bag.get("reloaded").orElseThrow().loader());
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
