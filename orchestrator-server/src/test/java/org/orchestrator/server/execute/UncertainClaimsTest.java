package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.testing.TestEngine;

/**
 * A claim whose commit lost its ack with the connection is this node's only if the database says
 * so: running, on this node, with the try the claim was to start.
 */
class UncertainClaimsTest {

    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Test
    void an_uncertain_claim_is_confirmed_only_while_the_instance_runs_that_try_on_this_node() {
        Dag dag = Dag.builder("uncertain").task("hold", ctx -> RELEASE.await()).build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger("uncertain", Map.of());
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.state(run, "hold") == TaskState.RUNNING);
            var ti = engine.instances(run).get("hold");
            ClaimedTry claimed = new ClaimedTry(ti, run, engine.orchestrator().dags().get("uncertain").orElseThrow());
            UncertainClaims mine = new UncertainClaims(new TaskInstances(), engine.orchestrator().nodeId());
            UncertainClaims another = new UncertainClaims(new TaskInstances(), "elsewhere@0");
            mine.add(List.of(claimed));
            another.add(List.of(claimed));

            assertThat(engine.orchestrator().database().transactions().withHandle(mine::confirm)).containsExactly(claimed);
            assertThat(engine.orchestrator().database().transactions().withHandle(another::confirm)).isEmpty();

            RELEASE.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.state(run, "hold") == TaskState.SUCCESS);
            assertThat(engine.orchestrator().database().transactions().withHandle(mine::confirm)).as("no longer running: not ours to start").isEmpty();
        }
    }
}
