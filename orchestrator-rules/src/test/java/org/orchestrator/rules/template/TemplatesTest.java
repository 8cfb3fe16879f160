package org.orchestrator.rules.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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

    @Test
    void the_previous_successful_interval_is_there_when_an_earlier_run_succeeded_and_none_otherwise() {
        FixedContext afterSuccess = new FixedContext(Map.of(), Map.of(), Optional.of(new org.orchestrator.api.DataInterval(
                Instant.parse("2026-03-12T00:00:00Z"), Instant.parse("2026-03-13T00:00:00Z"))));
        String template = "WHERE updated >= '{{ (prev_data_interval_start_success or data_interval_start).strftime('%Y-%m-%d') }}'"
                + " AND ended = '{{ prev_data_interval_end_success }}'";

        assertThat(Templates.render("sql", template, afterSuccess))
                .isEqualTo("WHERE updated >= '2026-03-12' AND ended = '2026-03-13 00:00:00'");
        assertThat(Templates.render("sql", "{{ (prev_data_interval_start_success or data_interval_start).day }}", ctx))
                .isEqualTo("15");
    }

    /** A helper object whose public methods templates call, as a DAG author would write one. */
    public static final class Partitions {
        public String of(String ds) {
            return "p_" + ds.replace("-", "");
        }
    }

    @Test
    void a_dags_user_defined_macros_and_filters_are_in_its_templates() {
        org.orchestrator.api.Dag dag = org.orchestrator.api.Dag.builder("orders")
                .userDefinedMacros(Map.of("project", "acme", "partitions", new Partitions()))
                .userDefinedFilters(Map.of("shout", (value, args) -> value.toString().toUpperCase(),
                        "suffixed", (value, args) -> value + String.valueOf(args.getFirst())))
                .task("load", c -> { }).build();

        assertThat(Templates.render("sql", "{{ project }}.{{ partitions.of(ds) }} {{ project | shout }} {{ 'orders' | suffixed('_v2') }}",
                ctx, dag)).isEqualTo("acme.p_20260315 ACME orders_v2");
        assertThatThrownBy(() -> Templates.render("sql", "{{ project }}", ctx))
                .as("another DAG's templates do not see them").isInstanceOf(TemplateException.class);
    }

    @Test
    void a_user_defined_macro_may_not_hide_a_name_templates_already_have() {
        assertThatThrownBy(() -> org.orchestrator.api.Dag.builder("orders").userDefinedMacros(Map.of("ds", "2020-01-01")))
                .isInstanceOf(org.orchestrator.api.DagDefinitionException.class).hasMessageContaining("'ds'")
                .hasMessageContaining("already define");
        assertThatThrownBy(() -> org.orchestrator.api.Dag.builder("orders").userDefinedFilters(Map.of("no-dash", (v, a) -> v)))
                .isInstanceOf(org.orchestrator.api.DagDefinitionException.class).hasMessageContaining("no-dash");
    }
}
