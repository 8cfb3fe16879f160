package org.orchestrator.dags;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.testing.DagTestRun;
import org.orchestrator.testing.DagTester;
import org.orchestrator.testing.TaskTry;

/** {@code etl_orders_pipeline} run whole with DagTester on a real H2 analytics database. */
class OrdersEtlTest {

    private static final Instant LOGICAL_DATE = Instant.parse("2026-03-02T02:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final String[] TABLES = {"orders", "orders_rejected", "order_daily_totals"};

    @TempDir
    Path dir;

    @Test
    void the_run_loads_the_days_valid_orders_rejects_the_bad_ones_and_totals_the_day() {
        AnalyticsDb db = AnalyticsDb.in(dir);

        DagTestRun run = db.tester(OrdersPipeline.dag()).run(LOGICAL_DATE);

        assertThat(run.state()).as(run.toString()).isEqualTo(DagRunState.SUCCESS);
        List<Order> valid = validOrders(DAY);
        assertThat(valid).hasSize(OrderBatch.SIZE - OrderBatch.SIZE / OrderBatch.BAD_ROW_EVERY);
        assertThat(db.rows("SELECT order_id FROM orders ORDER BY order_id")).extracting(r -> r.getFirst())
                .containsExactlyElementsOf(valid.stream().map(Order::orderId).sorted().toList());
        assertThat(db.rows("SELECT reason FROM orders_rejected ORDER BY line_number")).extracting(r -> (String) r.getFirst())
                .satisfiesExactly(
                        reason -> assertThat(reason).contains("customer_id").contains("required"),
                        reason -> assertThat(reason).contains("amount").contains("must be positive"),
                        reason -> assertThat(reason).contains("amount").contains("not a decimal"));
        BigDecimal total = valid.stream().map(Order::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(db.rows("SELECT order_date, order_count, total_amount FROM order_daily_totals"))
                .containsExactly(List.of(java.sql.Date.valueOf(DAY), (long) valid.size(), total.setScale(2)));
        assertThat(run.xcom("update_aggregations", "return_value", List.class)).hasValueSatisfying(rows ->
                assertThat(rows).hasSize(1));
    }

    @Test
    void rerunning_the_same_interval_changes_nothing() {
        AnalyticsDb db = AnalyticsDb.in(dir);
        db.tester(OrdersPipeline.dag()).run(LOGICAL_DATE);
        Map<String, List<String>> before = db.dump(TABLES);

        DagTestRun again = db.tester(OrdersPipeline.dag()).run(LOGICAL_DATE);

        assertThat(again.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(db.dump(TABLES)).isEqualTo(before);
        assertThat(before.get("orders")).hasSize(21);
    }

    @Test
    void each_interval_adds_its_own_day_and_leaves_the_others() {
        AnalyticsDb db = AnalyticsDb.in(dir);

        db.tester(OrdersPipeline.dag()).run(LOGICAL_DATE);
        db.tester(OrdersPipeline.dag()).run(LOGICAL_DATE.plusSeconds(86_400));

        assertThat(db.rows("SELECT order_date FROM order_daily_totals ORDER BY 1")).extracting(r -> r.getFirst().toString())
                .containsExactly("2026-03-02", "2026-03-03");
        assertThat(db.number("SELECT COUNT(*) FROM orders")).isEqualTo(42);
    }

    @Test
    void min_amount_from_the_run_conf_drops_smaller_orders_before_the_load() {
        AnalyticsDb db = AnalyticsDb.in(dir);

        DagTestRun run = db.tester(OrdersPipeline.dag()).conf(Map.of("min_amount", "250")).run(LOGICAL_DATE);

        long expected = validOrders(DAY).stream().filter(o -> o.amount().compareTo(new BigDecimal("250")) >= 0).count();
        assertThat(db.number("SELECT COUNT(*) FROM orders")).isEqualTo(expected).isLessThan(21);
        assertThat(db.number("SELECT MIN(amount) FROM orders")).isGreaterThanOrEqualTo(250);
        assertThat(run.xcom("transform_orders", "below_min_rows", Integer.class)).contains((int) (21 - expected));
    }

    @Test
    void a_min_amount_that_is_not_a_number_fails_transform_on_every_try_and_the_load_never_runs() {
        AnalyticsDb db = AnalyticsDb.in(dir);

        DagTestRun run = db.tester(OrdersPipeline.dag()).conf(Map.of("min_amount", "lots")).run(LOGICAL_DATE);

        assertThat(run.state()).isEqualTo(DagRunState.FAILED);
        assertThat(run.tries("transform_orders")).hasSize(4).last().extracting(TaskTry::error).asString()
                .contains("param min_amount must be a number, got 'lots'");
        assertThat(run.taskState("load_orders")).isEqualTo(TaskState.UPSTREAM_FAILED);
        assertThat(run.callbackErrors()).as("the failure alert only logs, it needs no network").isEmpty();
    }

    /** The README's DagTester example, kept true. */
    @Test
    void readme_example_loads_the_days_orders() {
        DagTestRun run = DagTester.forDag(OrdersPipeline.dag())
                .jdbcConnection("analytics", "jdbc:h2:" + dir.resolve("analytics"))
                .variable("data_dir", dir.toString())
                .conf(Map.of("min_amount", 10))
                .run(Instant.parse("2026-03-02T02:00:00Z"));

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.taskState("load_orders")).isEqualTo(TaskState.SUCCESS);
        assertThat(run.tries("extract_orders")).extracting(TaskTry::outcome).containsExactly(TaskState.SUCCESS);
        assertThat(run.log("transform_orders")).contains("under min_amount 10");
        assertThat(run.xcom("load_orders", "rejected", Long.class)).contains(3L);
    }

    private static List<Order> validOrders(LocalDate day) {
        return OrderBatch.rowsFor(day).stream().<Order>mapMulti((row, out) -> {
            try {
                out.accept(Order.parse(row));
            } catch (Order.BadRowException e) {
                // a malformed row: not an order
            }
        }).toList();
    }
}
