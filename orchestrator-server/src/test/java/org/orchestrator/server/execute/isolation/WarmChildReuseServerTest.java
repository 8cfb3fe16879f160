package org.orchestrator.server.execute.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.testing.ServerProcess;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;
import org.orchestrator.server.testing.TestUsers;

/**
 * {@code reuse(true)} process tries on a real server: later tries run in the child JVM an earlier
 * one left (each try's output in its own log only), a child is recycled after the configured
 * number of tries and after a failed try, and no warm child outlives the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarmChildReuseServerTest {

    private static final String ADMIN = "admin:reuse-test-password";
    private static final Pattern PID = Pattern.compile("child pid (\\d+)");
    private static final List<Long> SEEN = new ArrayList<>();
    private static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        Path home = TestEngine.fresh();
        try (Database database = Database.open(TestDatabase.config(home))) {
            TestUsers.create(database, "admin", "reuse-test-password", "admin");
        }
        TestSources.write(home.resolve("dags").resolve("reused.java"), TestSources.provider("reused", DAGS));
        server = ServerProcess.start(home, Map.of("ORCHESTRATOR_PROCESS_REUSE_MAX_TRIES", "3"));
        await().atMost(Duration.ofSeconds(60)).until(() -> server.get("/api/v1/dags/recycled", ADMIN).statusCode() == 200);
    }

    @AfterAll
    static void stopServer() throws Exception {
        ChildProcesses.killAll(SEEN);
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void later_tries_run_in_the_child_an_earlier_one_left_until_it_served_the_configured_number() throws Exception {
        runToEnd("chain", "success");

        Map<Long, Integer> triesPerChild = new HashMap<>();
        for (int i = 1; i <= 6; i++) {
            triesPerChild.merge(pid("chain", "t" + i), 1, Integer::sum);
        }
        assertThat(triesPerChild.values()).as("tries per child JVM").allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3))
                .contains(3);
        assertThat(log("chain", "t3")).contains("reusing a warm child JVM");
    }

    @Test
    @Order(2)
    void each_try_of_a_reused_child_logs_only_what_it_printed_itself() throws Exception {
        runToEnd("chain", "success");

        for (int i = 1; i <= 6; i++) {
            String log = log("chain", "t" + i);
            assertThat(log).contains("[stdout] printed by t" + i).contains("[stderr] warned by t" + i);
            for (int j = 1; j <= 6; j++) {
                if (j != i) {
                    assertThat(log).as("log of t%d", i).doesNotContain("by t" + j + "\n").doesNotContain("by t" + j + "\"");
                }
            }
        }
    }

    @Test
    @Order(3)
    void a_failed_try_retires_its_child_and_the_next_try_starts_a_fresh_one() throws Exception {
        runToEnd("recycled", "success"); // its leaf "after" succeeded

        long first = pid("recycled", "ok");
        long failing = pid("recycled", "fails");
        long after = pid("recycled", "after");
        assertThat(failing).as("the failing try reused the first try's child").isEqualTo(first);
        assertThat(after).as("the try after a failure").isNotEqualTo(failing);
        await().atMost(Duration.ofSeconds(10)).until(() -> !ChildProcesses.alive(failing));
    }

    @Test
    @Order(4)
    void no_warm_child_outlives_the_server() throws Exception {
        runToEnd("chain", "success");
        long warm = pid("chain", "t6");
        assertThat(ChildProcesses.alive(warm)).as("the last try's child waits for the next try").isTrue();

        server.terminate(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(10)).until(() -> !ChildProcesses.alive(warm));
    }

    private static int runs;

    private static void runToEnd(String dag, String state) throws Exception {
        String runId = "r" + (++runs);
        var response = server.post("/api/v1/dags/" + dag + "/dagRuns", ADMIN, "{\"dag_run_id\": \"" + runId + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            String body = server.get("/api/v1/dags/" + dag + "/dagRuns/" + runId, ADMIN).body();
            return body.contains("\"state\":\"success\"") || body.contains("\"state\":\"failed\"");
        });
        assertThat(server.get("/api/v1/dags/" + dag + "/dagRuns/" + runId, ADMIN).body()).contains("\"state\":\"" + state + "\"");
    }

    private static long pid(String dag, String task) throws Exception {
        Matcher m = PID.matcher(log(dag, task));
        assertThat(m.find()).as("%s.%s logged its pid", dag, task).isTrue();
        long pid = Long.parseLong(m.group(1));
        SEEN.add(pid);
        return pid;
    }

    private static String log(String dag, String task) throws Exception {
        return server.get("/api/v1/dags/" + dag + "/dagRuns/r" + runs + "/taskInstances/" + task + "/logs/1?full_content=true",
                ADMIN).body();
    }

    /** "chain": six reused tries one after another; "recycled": a reused try that fails between two that do not. */
    private static final String DAGS = """
            Dag.Builder chain = Dag.builder("chain").defaults(d -> d.isolation(Isolation.PROCESS).reuse(true));
            for (int i = 1; i <= 6; i++) {
                String id = "t" + i;
                chain.task(id, ctx -> {
                    ctx.log().info("child pid {}", ProcessHandle.current().pid());
                    System.out.println("printed by " + id);
                    System.err.println("warned by " + id);
                });
            }
            return List.of(chain.chain("t1", "t2", "t3", "t4", "t5", "t6").build(),
                Dag.builder("recycled")
                    .defaults(d -> d.isolation(Isolation.PROCESS).reuse(true).jvmOptions("-Dpool=recycled"))
                    .task("ok", Dags::logPid)
                    .task("fails", ctx -> {
                        logPid(ctx);
                        throw new IllegalStateException("on purpose");
                    }, t -> t.upstream("ok"))
                    .task("after", Dags::logPid, t -> t.upstream("fails").triggerRule(TriggerRule.ALL_DONE))
                    .build());
            }

            static void logPid(TaskContext ctx) {
                ctx.log().info("child pid {}", ProcessHandle.current().pid());
            """;
}
