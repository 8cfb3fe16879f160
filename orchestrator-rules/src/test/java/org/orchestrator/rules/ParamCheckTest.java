package org.orchestrator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Param;
import org.orchestrator.rules.ParamCheck.FieldError;
import org.orchestrator.rules.ParamCheck.UnknownKeys;

class ParamCheckTest {

    private static final Dag DAG = Dag.builder("orders")
            .param("min_amount", Param.integer().minimum(0).defaultValue(0))
            .param("sleep_s", Param.integer().defaultValue(1))
            .param("country", Param.string().enumOf("FR", "DE").defaultValue("FR"))
            .param("code", Param.string().pattern("^[A-Z]{3}$").minLength(3).maxLength(3).defaultValue("ABC"))
            .param("day", Param.date().defaultValue("2026-01-01"))
            .param("files", Param.array().items(Param.string()).defaultValue(List.of()))
            .param("free", 42)
            .task("t", ctx -> { })
            .build();

    @Test
    void a_conf_that_fits_the_params_has_no_errors() {
        Map<String, Object> conf = Map.of("min_amount", 5, "country", "DE", "day", "2026-12-07", "files", List.of("a"), "free", "x");

        assertThat(ParamCheck.check(DAG, conf, UnknownKeys.REJECT)).isEmpty();
    }

    @Test
    void every_broken_field_is_reported_at_once() {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("min_amount", -1);
        conf.put("sleep_s", "abc");
        conf.put("surprise", true);

        List<FieldError> errors = ParamCheck.check(DAG, conf, UnknownKeys.REJECT);

        assertThat(errors).extracting(FieldError::field).containsExactly("min_amount", "sleep_s", "surprise");
        assertThat(errors.get(0).message()).contains("0");
        assertThat(errors.get(1).message()).contains("integer");
        assertThat(errors.get(2).message()).isEqualTo("is not a param of dag 'orders'");
    }

    @Test
    void require_throws_with_every_error_and_names_them_in_its_message() {
        assertThatThrownBy(() -> ParamCheck.require(DAG, Map.of("min_amount", -1, "sleep_s", "abc"), UnknownKeys.ALLOW))
                .isInstanceOfSatisfying(InvalidConfException.class, e -> assertThat(e.errors()).hasSize(2))
                .hasMessageStartingWith("conf does not fit the params of dag 'orders': ")
                .hasMessageContaining("min_amount: ").hasMessageContaining("sleep_s: ");
    }

    @Test
    void unknown_keys_pass_when_allowed_as_in_airflow() {
        assertThat(ParamCheck.check(DAG, Map.of("surprise", true), UnknownKeys.ALLOW)).isEmpty();
    }

    @Test
    void enum_pattern_length_date_and_item_types_are_checked() {
        Map<String, Object> conf = Map.of("country", "IT", "code", "ab", "day", "07/12/2026", "files", List.of("a", 3));

        List<FieldError> errors = ParamCheck.check(DAG, conf, UnknownKeys.ALLOW);

        assertThat(errors).extracting(FieldError::field).contains("country", "code", "day", "files/1");
    }

    @Test
    void a_typed_param_without_a_default_must_be_given() {
        Dag dag = Dag.builder("d").param("day", Param.date()).task("t", ctx -> { }).build();

        assertThat(ParamCheck.check(dag, Map.of(), UnknownKeys.ALLOW))
                .containsExactly(new FieldError("day", "is required: the param has no default"));
        assertThat(ParamCheck.check(dag, Map.of("day", "2026-12-07"), UnknownKeys.ALLOW)).isEmpty();
    }

    @Test
    void a_null_value_is_refused_unless_the_param_is_nullable() {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("n", null);
        Dag strict = Dag.builder("d").param("n", Param.integer().defaultValue(1)).task("t", ctx -> { }).build();
        Dag lenient = Dag.builder("d").param("n", Param.integer().nullable().defaultValue(1)).task("t", ctx -> { }).build();

        assertThat(ParamCheck.check(strict, conf, UnknownKeys.ALLOW)).extracting(FieldError::field).containsExactly("n");
        assertThat(ParamCheck.check(lenient, conf, UnknownKeys.ALLOW)).isEmpty();
    }

    @Test
    void a_default_that_breaks_its_schema_fails_the_load_check() {
        Dag dag = Dag.builder("d").param("n", Param.integer().minimum(0).defaultValue(-3)).task("t", ctx -> { }).build();

        assertThatThrownBy(() -> ParamCheck.checkDefaults(dag)).isInstanceOf(org.orchestrator.api.DagDefinitionException.class)
                .hasMessageStartingWith("the params of dag 'd' do not fit their schemas: n: ");
    }

    @Test
    void only_a_manual_dag_may_have_a_typed_param_without_a_default() {
        Dag manual = Dag.builder("m").param("day", Param.date()).task("t", ctx -> { }).build();
        Dag scheduled = Dag.builder("s").schedule("@daily").startDate(java.time.LocalDate.of(2026, 1, 1))
                .param("day", Param.date()).task("t", ctx -> { }).build();

        ParamCheck.checkDefaults(manual);
        assertThatThrownBy(() -> ParamCheck.checkDefaults(scheduled)).hasMessageContaining("day: is required");
    }

    @Test
    void the_unknown_keys_policy_reads_allow_or_reject() {
        assertThat(UnknownKeys.parse(" Reject ")).isEqualTo(UnknownKeys.REJECT);
        assertThatThrownBy(() -> UnknownKeys.parse("maybe")).hasMessageContaining("'allow' or 'reject'");
    }

    @Test
    void schema_numbers_in_messages_read_as_written_not_in_scientific_notation() {
        Dag dag = Dag.builder("batches")
                .param("batch", Param.schema(Map.of("type", "integer", "multipleOf", 10)).defaultValue(10))
                .task("t", ctx -> { })
                .build();

        List<FieldError> errors = ParamCheck.check(dag, Map.of("batch", 15), UnknownKeys.ALLOW);

        assertThat(errors).singleElement().satisfies(e -> assertThat(e.message()).contains("10").doesNotContain("E+"));
        assertThat(ParamCheck.plainNumbers("must be multiple of 1E+1, at most 2.5E+3")).isEqualTo("must be multiple of 10, at most 2500");
    }
}
