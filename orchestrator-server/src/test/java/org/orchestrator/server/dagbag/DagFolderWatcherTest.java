package org.orchestrator.server.dagbag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.server.testing.TestSources;

/** The watcher rescans on changes anywhere below the folder, debounced, and periodically without them. */
class DagFolderWatcherTest {

    private static final Duration NO_FALLBACK = Duration.ofMinutes(10);

    @TempDir
    Path dags;

    private final AtomicInteger rescans = new AtomicInteger();
    private final AtomicInteger warmUps = new AtomicInteger();

    private DagFolderWatcher watcher(Duration fallback) {
        return new DagFolderWatcher(dags, fallback, warmUps::incrementAndGet, rescans::incrementAndGet);
    }

    @Test
    void a_burst_of_saves_is_one_debounced_rescan_or_a_few_never_one_per_event() {
        try (DagFolderWatcher ignored = watcher(NO_FALLBACK)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> warmUps.get() == 1);
            for (int i = 0; i < 20; i++) {
                TestSources.write(dags.resolve("burst.java"), "// save " + i);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> rescans.get() >= 1);
            int afterBurst = rescans.get();
            assertThat(afterBurst).isLessThan(20);
        }
    }

    @Test
    void a_source_in_a_directory_created_after_the_start_is_seen() {
        try (DagFolderWatcher ignored = watcher(NO_FALLBACK)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> warmUps.get() == 1);
            TestSources.write(dags.resolve("orders/com/acme/Orders.java"), "// first");
            await().atMost(Duration.ofSeconds(5)).until(() -> rescans.get() >= 1);
            int before = rescans.get();

            TestSources.write(dags.resolve("orders/com/acme/Orders.java"), "// edited");

            await().atMost(Duration.ofSeconds(5)).until(() -> rescans.get() > before);
        }
    }

    @Test
    void without_events_it_still_rescans_every_fallback_interval() {
        try (DagFolderWatcher ignored = watcher(Duration.ofMillis(200))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> rescans.get() >= 3);
        }
    }
}
