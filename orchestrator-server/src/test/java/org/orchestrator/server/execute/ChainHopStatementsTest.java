package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/**
 * The round trips a hop of a chain costs: recording a finished try, scheduling its downstream
 * task and claiming it share one transaction of seven statements (the try's end, its try row, the
 * downstream rows, their move to scheduled, the ready list, the slot use in one statement, the
 * claim). Reading the slot counts and the pools apart, reading the run again for its claim, and
 * probing whether the run was finished after every hop, made it twelve. On H2, which runs in
 * process and has no round trips, the slot use is three statements (it parses a UNION again on
 * every execution, plain queries once per connection): nine.
 */
class ChainHopStatementsTest {

    private static final int TASKS = 40;
    private static final int STATEMENTS_PER_HOP = TestDatabase.postgres() ? 7 : 9;

    @Test
    void a_hop_records_the_try_schedules_and_claims_the_next_task_in_seven_round_trips() {
        try (TestEngine engine = TestEngine.start(chain())) {
            List<String> engineStatements = new CopyOnWriteArrayList<>();
            AtomicInteger dispatcherClaims = new AtomicInteger();
            engine.orchestrator().database().jdbi().getConfig(SqlStatements.class).setSqlLogger(new SqlLogger() {
                @Override
                public void logAfterExecution(StatementContext context) {
                    String thread = Thread.currentThread().getName();
                    String sql = context.getRenderedSql();
                    // The dispatcher's own look at the ready list comes every 250 ms while idle, so
                    // how many there are depends on how long the chain took, not on its hops.
                    boolean idlePoll = thread.equals("dispatcher") && sql.contains("WHERE state = 'scheduled'");
                    if (thread.equals("completer") || thread.equals("dispatcher") && !idlePoll) {
                        engineStatements.add(sql);
                    }
                    if (thread.equals("dispatcher") && sql.contains("SET state = 'running'")) {
                        dispatcherClaims.incrementAndGet();
                    }
                }

                @Override
                public void logException(StatementContext context, SQLException ex) {
                    engineStatements.add(context.getRenderedSql());
                }
            });

            DagRunRow run = engine.trigger("hops", Map.of());
            assertThat(engine.awaitFinished(run, Duration.ofSeconds(60)).state()).isEqualTo(DagRunState.SUCCESS);

            int hops = TASKS - 1;
            // Slack for the first claim and the run's end, and for a hop the dispatcher claimed in
            // its own transaction (it held the claim lock when the outcome was recorded).
            assertThat(engineStatements).as("statements of the completer and dispatcher").hasSizeLessThanOrEqualTo(
                    STATEMENTS_PER_HOP * hops + 20);
            assertThat(engineStatements.stream().filter(sql -> sql.contains("state = 'none') OR EXISTS")))
                    .as("probes for a finished run").hasSizeLessThanOrEqualTo(3);
            // The completer claims each next task along with its commit; a dispatcher that looked at
            // the ready list again right after its own claim held the claim lock just when the
            // next outcome came, and a hop then took two transactions (one in five on PostgreSQL).
            assertThat(dispatcherClaims).as("claims the dispatcher made in transactions of its own").hasValueLessThanOrEqualTo(3);
        }
    }

    private static Dag chain() {
        var dag = Dag.builder("hops");
        for (int i = 0; i < TASKS; i++) {
            dag.task("t" + i, ctx -> { });
        }
        for (int i = 1; i < TASKS; i++) {
            dag.chain("t" + (i - 1), "t" + i);
        }
        return dag.build();
    }
}
