package org.orchestrator.server.execute.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.testing.TestUsers;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TaskTries;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestJars;

/**
 * kill -9 of a node while a process try runs in a jar bundle: the child JVM (and the process it
 * started) stop by themselves within a heartbeat, so nothing orphaned keeps running; the restarted
 * node reaps the try and retries it.
 */
class ProcessIsolationNodeKillTest {

    private static final String ADMIN = "admin:orphan-test-password";
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);

    @Test
    void the_child_of_a_killed_node_stops_within_a_heartbeat_and_the_try_is_retried_after_restart() throws Exception {
        Path home = TestEngine.fresh();
        TestJars.provider(home.resolve("dags").resolve("orphans.jar"), "orphans", """
                return List.of(Dag.builder("orphans")
                        .task("long", ctx -> {
                            if (ctx.tryNumber() == 1) {
                                Process sleep = new ProcessBuilder("sleep", "300").start();
                                System.out.println("pids " + ProcessHandle.current().pid() + " " + sleep.pid());
                                sleep.waitFor();
                            }
                            ctx.log().info("try {} done", ctx.tryNumber());
                        }, t -> t.isolation(Isolation.PROCESS).retries(1).retryDelay(Duration.ofMillis(200)))
                        .build());""");
        ServerConfig config = TestDatabase.config(home);
        try (Database database = Database.open(config)) {
            TestUsers.create(database, "admin", "orphan-test-password", "admin");
        }
        List<Long> pids = List.of();
        try {
            try (ServerProcess first = ServerProcess.start(home, Map.of())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> first.get("/api/v1/dags/orphans", ADMIN).statusCode() == 200);
                assertThat(first.post("/api/v1/dags/orphans/dagRuns", ADMIN, "{\"dag_run_id\": \"r1\"}").statusCode()).isEqualTo(200);
                pids = await().atMost(Duration.ofSeconds(60)).until(() -> ChildProcesses.printedPids(first.get(
                        "/api/v1/dags/orphans/dagRuns/r1/taskInstances/long/logs/1?full_content=true", ADMIN).body()), p -> !p.isEmpty());
                assertThat(pids).allMatch(ChildProcesses::alive);

                first.killHard();
                long killedAt = System.nanoTime();
                List<Long> orphans = pids;
                await().atMost(HEARTBEAT).pollInterval(Duration.ofMillis(50)).until(() -> orphans.stream().noneMatch(ChildProcesses::alive));
                assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(HEARTBEAT);
            }

            try (ServerProcess second = ServerProcess.start(home, Map.of())) {
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        second.get("/api/v1/dags/orphans/dagRuns/r1", ADMIN).body().contains("\"state\":\"success\""));
            }
            try (Database database = Database.open(config)) {
                var tries = database.transactions().withHandle(h -> new TaskTries().of(h,
                        new TaskInstances().ofRun(h, new DagRuns().find(h, "orphans", "r1").orElseThrow().id()).get("long").id()));
                assertThat(tries).extracting(TaskTries.TryRow::state).containsExactly(TaskState.UP_FOR_RETRY, TaskState.SUCCESS);
                assertThat(tries.getFirst().error()).contains("zombie");
            }
        } finally {
            ChildProcesses.killAll(pids);
        }
    }
}
