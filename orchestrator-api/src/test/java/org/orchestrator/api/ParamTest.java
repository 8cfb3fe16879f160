package org.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamTest {

    @Test
    void a_typed_param_is_written_as_json_schema_with_its_default() {
        Param param = Param.integer().minimum(0).maximum(10).defaultValue(3).description("how many");

        assertThat(param.schema()).isEqualTo(
                Map.of("type", "integer", "minimum", 0, "maximum", 10, "description", "how many"));
        assertThat(param.defaultValue()).contains(3);
        assertThat(param.description()).isEqualTo("how many");
    }

    @Test
    void the_dag_keeps_each_param_and_the_defaults_of_those_that_have_one() {
        Dag dag = Dag.builder("d")
                .param("old_style", 5)
                .param("day", Param.date())
                .param("country", Param.string().enumOf("FR", "DE").defaultValue("FR"))
                .task("t", ctx -> { })
                .build();

        assertThat(dag.params()).containsExactly(Map.entry("old_style", 5), Map.entry("country", "FR"));
        assertThat(dag.paramSpecs().get("day").schema()).containsEntry("format", "date");
        assertThat(dag.paramSpecs().get("old_style").untyped()).isTrue();
        assertThat(dag.paramSpecs().get("country").schema().get("enum")).isEqualTo(List.of("FR", "DE"));
    }

    @Test
    void a_typed_param_changes_the_dag_structure_and_so_its_version() {
        String untyped = Dag.builder("d").param("n", 1).task("t", ctx -> { }).build().structure();
        String typed = Dag.builder("d").param("n", Param.integer().defaultValue(1)).task("t", ctx -> { }).build().structure();

        assertThat(typed).isNotEqualTo(untyped);
    }
}
