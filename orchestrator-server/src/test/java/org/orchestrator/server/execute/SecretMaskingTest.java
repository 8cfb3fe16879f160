package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Connection;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskEvent;
import org.orchestrator.server.connect.VariableStore;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.tasks.ShellTask;

/**
 * Issue 5, must show 4: a secret of a connection printed by a task shows as {@code ***} in the
 * stored log, whether the task logs it, a shell command it runs prints it, or an exception quotes it.
 */
class SecretMaskingTest {

    private static final String PASSWORD = "Tr0ub4dor&3-db";
    private static final String API_KEY = "ak-7f3e9b2c";
    private static final String TOKEN = "xoxb-slack-0042";

    @Test
    void secrets_a_task_looks_up_show_as_stars_in_its_stored_log_and_error() throws Exception {
        AtomicReference<TaskEvent> failure = new AtomicReference<>();
        Dag dag = Dag.builder("leaky")
                .task("print_secrets", ctx -> {
                    Connection db = ctx.connection("warehouse");
                    ctx.log().info("connecting as {} with password {} and key {}", db.login(), db.password(),
                            db.extra("api_key").orElseThrow());
                    ctx.log().info("slack token {}", ctx.variable("slack_token").orElseThrow());
                    ShellTask.bash("echo \"shell stdout sees $PW\"; echo \"shell stderr sees $PW\" >&2")
                            .env("PW", db.password()).build().execute(ctx);
                })
                .task("fail_with_secret", ctx -> {
                    throw new IllegalStateException("login refused for password " + ctx.connection("warehouse").password());
                }, t -> t.onFailure(failure::set))
                .chain("print_secrets", "fail_with_secret")
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            engine.orchestrator().database().transactions().useHandle(h -> {
                engine.orchestrator().resources().connections().insert(h, new Connection("warehouse", "jdbc",
                        "jdbc:h2:mem:w", "etl", PASSWORD, Map.of("api_key", API_KEY, "region", "eu-west-1")), null, Instant.now());
                engine.orchestrator().resources().variables().set(h, new VariableStore.Variable("slack_token", TOKEN, null), Instant.now());
            });
            DagRunRow run = engine.trigger("leaky", Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.FAILED);
            String printed = engine.log(run, "print_secrets", 1);
            String failed = engine.log(run, "fail_with_secret", 1);
            String rawFile = Files.readString(engine.home().resolve("logs").resolve(engine.tries(run, "print_secrets").get(0).logPath()));

            assertThat(printed).contains("connecting as etl with password *** and key ***")
                    .contains("slack token ***").contains("shell stdout sees ***").contains("shell stderr sees ***");
            assertThat(rawFile).isEqualTo(printed);
            assertThat(failed).contains("login refused for password ***");
            assertThat(engine.tries(run, "fail_with_secret").get(0).error()).contains("login refused for password ***");
            await().atMost(Duration.ofSeconds(10)).until(() -> failure.get() != null);
            assertThat(failure.get().error().orElseThrow()).contains("login refused for password ***");
            for (String text : new String[] {printed, failed, rawFile, failure.get().error().orElseThrow()}) {
                assertThat(text).doesNotContain(PASSWORD).doesNotContain(API_KEY).doesNotContain(TOKEN);
            }
        }
    }
}
