package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TryLogPath;
import org.orchestrator.server.testing.TestEngine;

/** A try left running by a version that wrote logs under the earlier path scheme keeps its log after the upgrade. */
class LegacyTryLogsTest {

    @Test
    void the_log_a_running_try_wrote_under_the_earlier_path_moves_to_its_current_path() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        // Silent until the gate opens: the only text of its log is what "the earlier version" wrote.
        Dag dag = Dag.builder("upgraded").task("wait", ctx -> {
            gate.await(60, TimeUnit.SECONDS);
            ctx.log().info("after the upgrade");
        }).build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.orchestrator().runs().trigger(engine.orchestrator().dags().get("upgraded").orElseThrow(),
                    "up:grade", null, Map.of(), null);
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.state(run, "wait") == TaskState.RUNNING);
            TaskInstanceRow ti = engine.instances(run).get("wait");
            Path logs = engine.home().resolve("logs");
            Path legacy = logs.resolve(TryLogPath.legacyOf(ti, 1));
            Files.createDirectories(legacy.getParent());
            Files.writeString(legacy, "written before the upgrade\n");

            assertThat(new LegacyTryLogs(engine.orchestrator().database().transactions(), logs).adopt()).isEqualTo(1);

            assertThat(legacy).doesNotExist();
            assertThat(engine.currentLog(run, "wait")).contains("written before the upgrade");
            gate.countDown();
            assertThat(engine.awaitFinished(run, Duration.ofSeconds(30)).state()).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.log(run, "wait", 1)).contains("written before the upgrade", "after the upgrade");
        }
    }
}
