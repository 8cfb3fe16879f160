package org.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.orchestrator.api.Connection;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskState;
import org.junit.jupiter.api.Test;

class TemplatesDagTesterTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 15);

    /** A custom task with one templated field that pushes what it rendered. */
    record Templated(String sql) implements Task {
        @Override
        public Map<String, String> templateFields() {
            return Map.of("sql", sql);
        }

        @Override
        public void execute(TaskContext ctx) {
            ctx.xcomPush(ctx.render("sql", sql));
        }
    }

    private static Dag dagWith(String sql) {
        return Dag.builder("orders").param("min_amount", 100).task("count", new Templated(sql)).build();
    }

    @Test
    void a_custom_task_renders_its_fields_as_the_server_does_and_they_are_recorded() {
        String sql = "SELECT COUNT(*) FROM orders WHERE amount >= {{ params.min_amount }} AND day >= '{{ macros.ds_add(ds, -1) }}'";

        DagTestRun run = DagTester.forDag(dagWith(sql)).run(DAY);

        String expected = "SELECT COUNT(*) FROM orders WHERE amount >= 100 AND day >= '2026-03-14'";
        assertThat(run.renderedFields("count")).containsExactly(Map.entry("sql", expected));
        assertThat(run.xcom("count", TaskContext.RETURN_VALUE, String.class)).contains(expected);
    }

    @Test
    void a_template_error_fails_the_try_before_the_task_runs() {
        DagTestRun run = DagTester.forDag(dagWith("SELECT 1\n{{ nope }}")).run(DAY);

        assertThat(run.taskState("count")).isEqualTo(TaskState.FAILED);
        assertThat(run.tries("count").getFirst().error()).hasValueSatisfying(error ->
                assertThat(error).startsWith("template 'sql' line 2: ").contains("nope"));
        assertThat(run.xcoms()).isEmpty();
    }

    @Test
    void a_template_that_cannot_parse_is_refused_as_the_server_refuses_to_load_it() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DagTester.forDag(dagWith("SELECT 1\n{% if ds %}")))
                .isInstanceOf(org.orchestrator.api.DagDefinitionException.class)
                .hasMessageStartingWith("dag 'orders' task 'count': template 'sql' line 2: ");
    }

    @Test
    void a_secret_in_a_rendered_field_is_masked_with_the_masker_given() {
        DagTestRun run = DagTester.forDag(dagWith("-- {{ conn.warehouse.password }}"))
                .connection(new Connection("warehouse", "jdbc", "jdbc:h2:mem:x", "etl", "s3cret-pw", Map.of()))
                .maskLogs(line -> line.replace("s3cret-pw", "***"))
                .run(DAY);

        assertThat(run.renderedFields("count")).containsExactly(Map.entry("sql", "-- ***"));
    }
}
