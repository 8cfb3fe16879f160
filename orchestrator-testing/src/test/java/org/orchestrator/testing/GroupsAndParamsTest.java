package org.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.Param;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.InvalidConfException;
import org.orchestrator.rules.ParamCheck;

class GroupsAndParamsTest {

    private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void a_grouped_dag_runs_its_group_between_its_neighbours_with_the_group_defaults() {
        AtomicInteger flakyCalls = new AtomicInteger();
        Dag dag = Dag.builder("grouped")
                .task("start", ctx -> ctx.xcomPush("n", 1))
                .group("extract", g -> g.defaults(d -> d.retries(2))
                        .task("flaky", ctx -> { if (flakyCalls.incrementAndGet() < 3) throw new IllegalStateException("not yet"); })
                        .task("steady", ctx -> { }))
                .task("end", ctx -> { })
                .chain("start", "extract", "end")
                .build();

        DagTestRun run = DagTester.forDag(dag).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.tries("extract.flaky")).hasSize(3);
        assertThat(run.taskStates()).containsOnlyKeys("start", "extract.flaky", "extract.steady", "end");
        assertThat(run.taskState("end")).isEqualTo(TaskState.SUCCESS);
    }

    @Test
    void a_conf_that_breaks_the_params_runs_nothing_and_names_every_field() {
        AtomicInteger ran = new AtomicInteger();
        Dag dag = Dag.builder("typed")
                .param("min_amount", Param.integer().minimum(0).defaultValue(0))
                .param("sleep_s", Param.integer().defaultValue(1))
                .task("t", ctx -> ran.incrementAndGet())
                .build();
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("min_amount", -5);
        conf.put("sleep_s", "abc");
        conf.put("surprise", 1);

        DagTester tester = DagTester.forDag(dag).conf(conf).unknownConfKeys(ParamCheck.UnknownKeys.REJECT);

        assertThatThrownBy(() -> tester.run(DAY)).isInstanceOfSatisfying(InvalidConfException.class, e ->
                assertThat(e.errors()).extracting(ParamCheck.FieldError::field).containsExactly("min_amount", "sleep_s", "surprise"));
        assertThat(ran).hasValue(0);
    }

    @Test
    void a_task_reads_typed_params() {
        Map<String, Object> seen = new LinkedHashMap<>();
        Dag dag = Dag.builder("typed")
                .param("min_amount", Param.integer().minimum(0).defaultValue(0))
                .param("day", Param.date())
                .param("files", Param.array().items(Param.string()).defaultValue(List.of("a.csv")))
                .task("t", ctx -> {
                    seen.put("min", ctx.param("min_amount", Long.class));
                    seen.put("day", ctx.param("day", LocalDate.class));
                    seen.put("files", ctx.param("files", List.class));
                })
                .build();

        DagTestRun run = DagTester.forDag(dag).conf(Map.of("min_amount", 7, "day", "2026-12-07")).run(DAY);

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(seen).containsExactly(Map.entry("min", 7L), Map.entry("day", LocalDate.of(2026, 12, 7)),
                Map.entry("files", List.of("a.csv")));
    }
}
