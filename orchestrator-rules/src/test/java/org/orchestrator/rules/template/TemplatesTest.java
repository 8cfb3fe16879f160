package org.orchestrator.rules.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    private final FixedContext ctx = new FixedContext(Map.of("min_amount", 100),
            Map.of("region", "O'Brien", "sneaky", "{{ conn.warehouse.password }}"));

    private String render(String template) {
        return Templates.render("sql", template, ctx);
    }

    @Test
    void dates_render_as_airflow_names_them() {
        assertThat(render("{{ ds }} {{ ds_nodash }} {{ ts }} {{ ts_nodash }}"))
                .isEqualTo("2026-03-15 20260315 2026-03-15T00:00:00+00:00 20260315T000000");
        assertThat(render("{{ data_interval_end.strftime('%Y-%m-%d') }} {{ data_interval_start.day }}"))
                .isEqualTo("2026-03-16 15");
    }

    @Test
    void macros_add_and_reformat_days() {
        assertThat(render("{{ macros.ds_add(ds, -1) }} {{ macros.ds_add(ds, 17) }}")).isEqualTo("2026-03-14 2026-04-01");
        assertThat(render("{{ macros.ds_format(ds, '%Y-%m-%d', '%d/%m/%Y') }}")).isEqualTo("15/03/2026");
        assertThat(render("{{ macros.datetime(2026, 1, 31).plus(macros.timedelta(1)).dayOfMonth }}")).isEqualTo("1");
    }

    @Test
    void run_values_params_conf_variables_connections_and_xcom_are_in_reach() {
        assertThat(render("{{ run_id }} {{ dag.dag_id }}.{{ task.task_id }} {{ params.min_amount }}"))
                .isEqualTo("scheduled__2026-03-15T00:00:00Z orders.load 100");
        assertThat(render("{{ var.value.region }} {{ var.json.limits.max }} {{ conn.warehouse.login }}"))
                .isEqualTo("eu 7 etl");
        assertThat(render("{{ ti.xcom_pull(task_ids='extract', key='rows') }} {{ task_instance.xcom_pull('extract', 'rows') }}"))
                .isEqualTo("42 42");
    }

    @Test
    void sqlliteral_quotes_a_value_as_an_sql_string() {
        assertThat(render("WHERE region = {{ conf.region | sqlliteral }}")).isEqualTo("WHERE region = 'O''Brien'");
    }

    @Test
    void a_value_holding_markup_is_not_rendered_again() {
        assertThat(render("-- {{ conf.sneaky }}")).isEqualTo("-- {{ conn.warehouse.password }}");
    }

    @Test
    void text_without_markup_renders_to_itself() {
        assertThat(render("SELECT 1 -- 100% {not a template}")).isEqualTo("SELECT 1 -- 100% {not a template}");
    }

    @Test
    void an_unknown_name_fails_naming_the_template_and_line() {
        assertThatThrownBy(() -> render("SELECT *\nFROM t\nWHERE day = '{{ dss }}'"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template 'sql' line 3: ")
                .hasMessageContaining("dss");
    }

    @Test
    void a_syntax_error_fails_naming_the_template_and_line() {
        assertThatThrownBy(() -> render("SELECT 1\n{% if ds %}never closed"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template 'sql' line 2: ");
    }

    @Test
    void a_syntax_error_in_a_declared_field_is_a_dag_definition_error_at_load() {
        org.orchestrator.api.Task broken = new org.orchestrator.api.Task() {
            @Override
            public void execute(org.orchestrator.api.TaskContext context) {
            }

            @Override
            public Map<String, String> templateFields() {
                return Map.of("sql", "SELECT 1\n{% if ds %}never closed");
            }
        };
        org.orchestrator.api.Dag dag = org.orchestrator.api.Dag.builder("orders").task("count", broken).build();

        assertThatThrownBy(() -> Templates.checkSyntax(dag)).isInstanceOf(org.orchestrator.api.DagDefinitionException.class)
                .hasMessageStartingWith("dag 'orders' task 'count': template 'sql' line 2: ");
        Templates.checkSyntax(org.orchestrator.api.Dag.builder("fine").task("t", ctx -> { }).build());
    }

    @Test
    void an_unset_variable_or_connection_fails_naming_it() {
        assertThatThrownBy(() -> render("{{ var.value.nope }}")).isInstanceOf(TemplateException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> render("{{ conn.nope.host }}")).isInstanceOf(TemplateException.class).hasMessageContaining("nope");
    }
}
