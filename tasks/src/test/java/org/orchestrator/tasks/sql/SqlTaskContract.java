package org.orchestrator.tasks.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.MissingXComException;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.tasks.testing.DatabaseTest;

/** What {@link SqlTask} does on any database; subclasses name the database. */
abstract class SqlTaskContract extends DatabaseTest {

    @BeforeEach
    void ordersTable() throws Exception {
        exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, amount DECIMAL(10,2), created_at TIMESTAMP)",
                "INSERT INTO orders VALUES (1, 10.50, TIMESTAMP '2026-03-01 23:59:59')",
                "INSERT INTO orders VALUES (2, 20.00, TIMESTAMP '2026-03-02 00:00:00')",
                "INSERT INTO orders VALUES (3, 30.25, TIMESTAMP '2026-03-02 12:00:00')",
                "INSERT INTO orders VALUES (4, 40.00, TIMESTAMP '2026-03-03 00:00:00')");
        ctx.dataInterval(new DataInterval(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z")));
    }

    @Test
    void interval_params_are_bound_and_the_value_goes_to_xcom() throws Exception {
        SqlTask.on(DB).statement("SELECT SUM(amount) FROM orders WHERE created_at >= ? AND created_at < ?",
                SqlParam.intervalStart(), SqlParam.intervalEnd()).returnValue().build().execute(ctx);

        assertThat(ctx.pushed("return_value", BigDecimal.class)).hasValueSatisfying(
                total -> assertThat(total).isEqualByComparingTo("50.25"));
    }

    @Test
    void first_rows_go_to_xcom_as_maps_with_lower_case_keys() throws Exception {
        SqlTask.on(DB).statement("SELECT id, amount FROM orders WHERE amount > ? ORDER BY id", 15)
                .returnRows(2).xcomKey("big").build().execute(ctx);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = ctx.pushed("big", List.class).orElseThrow();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsOnlyKeys("id", "amount");
        assertThat(((Number) rows.get(0).get("id")).intValue()).isEqualTo(2);
        assertThat(((Number) rows.get(1).get("id")).intValue()).isEqualTo(3);
    }

    @Test
    void a_bound_parameter_is_never_sql() throws Exception {
        String hostile = "x'; DROP TABLE orders; --";
        exec("CREATE TABLE notes (text VARCHAR(100))");

        SqlTask.on(DB).statement("INSERT INTO notes VALUES (?)", hostile).build().execute(ctx);

        assertThat(value("SELECT text FROM notes")).isEqualTo(hostile);
        assertThat(value("SELECT COUNT(*) FROM orders")).isEqualTo(4L);
    }

    @Test
    void statements_run_in_one_transaction_so_a_failure_rolls_back_the_earlier_ones() throws Exception {
        SqlTask task = SqlTask.on(DB)
                .statement("DELETE FROM orders WHERE created_at >= ? AND created_at < ?", SqlParam.intervalStart(), SqlParam.intervalEnd())
                .statement("INSERT INTO orders VALUES (1, 1.00, CURRENT_TIMESTAMP)")
                .build();

        assertThatThrownBy(() -> task.execute(ctx)).isInstanceOf(OrchestratorException.class)
                .hasMessageContaining("statement 2 of 2 on connection 'warehouse' failed (INSERT INTO orders VALUES (1, 1.00, CURRENT_TIMESTAMP))");
        assertThat(value("SELECT COUNT(*) FROM orders")).isEqualTo(4L);
    }

    @Test
    void all_statements_commit_together() throws Exception {
        SqlTask.on(DB)
                .statement("CREATE TABLE daily (sales_day DATE, total DECIMAL(10,2))")
                .statement("INSERT INTO daily SELECT CAST(? AS DATE), SUM(amount) FROM orders WHERE created_at >= ? AND created_at < ?",
                        SqlParam.param("day"), SqlParam.intervalStart(), SqlParam.intervalEnd())
                .statement("SELECT total FROM daily").returnValue()
                .build().execute(ctx.param("day", "2026-03-02"));

        assertThat((BigDecimal) value("SELECT total FROM daily WHERE sales_day = DATE '2026-03-02'")).isEqualByComparingTo("50.25");
        assertThat(ctx.pushed("return_value", BigDecimal.class)).isPresent();
    }

    @Test
    void null_literals_bind_as_sql_null() throws Exception {
        SqlTask.on(DB).statement("INSERT INTO orders VALUES (?, ?, ?)", 9, null, null).build().execute(ctx);

        assertThat(value("SELECT COUNT(*) FROM orders WHERE amount IS NULL AND id = 9")).isEqualTo(1L);
    }

    @Test
    void a_missing_param_fails_naming_it() {
        SqlTask task = SqlTask.on(DB).statement("SELECT ?", SqlParam.param("region")).build();

        assertThatThrownBy(() -> task.execute(ctx)).hasMessageContaining("param 'region' is not set");
    }

    @Test
    void a_missing_xcom_fails_naming_task_and_key_where_the_optional_form_binds_null() throws Exception {
        SqlTask gate = SqlTask.on(DB).statement("SELECT COUNT(*) FROM orders WHERE amount >= ?", SqlParam.xcom("extract", "min"))
                .returnValue().build();
        SqlTask lenient = SqlTask.on(DB).statement("SELECT COUNT(*) FROM orders WHERE amount >= ?",
                SqlParam.xcomOptional("extract", "min")).returnValue().xcomKey("lenient").build();

        assertThatThrownBy(() -> gate.execute(ctx)).isInstanceOf(MissingXComException.class)
                .hasMessageContaining("needs XCom 'min' of task 'extract'");
        lenient.execute(ctx);
        assertThat(ctx.pushed("lenient", Number.class)).hasValueSatisfying(n -> assertThat(n.intValue()).isZero());
        ctx.xcom("extract", "min", 25);
        gate.execute(ctx);
        assertThat(ctx.pushed("return_value", Number.class)).hasValueSatisfying(n -> assertThat(n.intValue()).isEqualTo(2));
    }

    @Test
    void a_connection_of_another_type_is_refused() {
        ctx.withConnection(new Connection("api", "http", "http://localhost", "", "", Map.of()));

        assertThatThrownBy(() -> SqlTask.on("api").statement("SELECT 1").build().execute(ctx))
                .hasMessageContaining("connection 'api' is of type 'http', a SQL task needs 'jdbc'");
    }

    @Test
    void asking_a_result_of_an_update_fails_clearly() {
        SqlTask task = SqlTask.on(DB).statement("DELETE FROM orders WHERE id = 1").returnValue().build();

        assertThatThrownBy(() -> task.execute(ctx)).hasMessageContaining("returns no rows");
    }
}
