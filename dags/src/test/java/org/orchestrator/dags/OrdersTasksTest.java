package org.orchestrator.dags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.Dag;
import org.orchestrator.tasks.testing.TestTaskContext;

class OrdersTasksTest {

    private static final Instant LOGICAL_DATE = Instant.parse("2026-03-02T02:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @TempDir
    Path dir;

    private Dag dag() {
        return OrdersPipeline.dag(new OrderFiles(dir));
    }

    private TestTaskContext context(String taskId) {
        return TestTaskContext.forTask(dag(), taskId).logicalDate(LOGICAL_DATE);
    }

    private void run(TestTaskContext ctx) throws Exception {
        dag().task(ctx.taskId()).orElseThrow().task().execute(ctx);
    }

    @Test
    void extract_writes_the_days_batch_to_its_own_file() throws Exception {
        TestTaskContext extract = context("extract_orders");

        run(extract);

        Path file = Path.of(extract.pushed("path", String.class).orElseThrow());
        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(file.getFileName().toString()).isEqualTo(
                "etl_orders_pipeline%2Fscheduled__2026-03-02T02%3A00%3A00Z%2Fextract_orders.csv");
        assertThat(OrderFiles.readRows(file)).isEqualTo(OrderBatch.rowsFor(DAY));
        assertThat(extract.pushed("rows", Integer.class)).contains(24);
    }

    @Test
    void transform_drops_bad_rows_and_rows_under_min_amount() throws Exception {
        TestTaskContext transform = context("transform_orders").conf("min_amount", "10");
        givenUpstreamFile(transform, "extract_orders", List.of(
                "ORD-1,C100,12.50,2026-03-02",
                "ORD-2,,30.00,2026-03-02",
                "ORD-3,C101,-4.00,2026-03-02",
                "ORD-4,C102,n/a,2026-03-02",
                "ORD-5,C103,9.99,2026-03-02",
                "ORD-6,C104,10.00,2026-03-02"));

        run(transform);

        assertThat(OrderFiles.readRows(Path.of(transform.pushed("path", String.class).orElseThrow())))
                .containsExactly("ORD-1,C100,12.50,2026-03-02", "ORD-6,C104,10.00,2026-03-02");
        assertThat(transform.pushed("kept_rows", Integer.class)).contains(2);
        assertThat(transform.pushed("bad_rows", Integer.class)).contains(3);
        assertThat(transform.pushed("below_min_rows", Integer.class)).contains(1);
        assertThat(transform.logLines()).contains("kept 2 of 6 rows: 3 bad, 1 under min_amount 10",
                "bad row 'ORD-2,,30.00,2026-03-02': missing customer_id");
    }

    @Test
    void transform_rejects_a_min_amount_that_is_not_a_number() throws Exception {
        TestTaskContext transform = context("transform_orders").conf("min_amount", "lots");
        givenUpstreamFile(transform, "extract_orders", List.of("ORD-1,C100,12.50,2026-03-02"));

        assertThatThrownBy(() -> run(transform)).hasMessage("param min_amount must be a number, got 'lots'");
    }

    @Test
    void load_retried_overwrites_its_file_instead_of_appending() throws Exception {
        TestTaskContext firstTry = context("load_orders").tryNumber(1, 4);
        givenUpstreamFile(firstTry, "transform_orders", List.of("ORD-1,C100,12.50,2026-03-02"));
        run(firstTry);
        TestTaskContext secondTry = firstTry.next("load_orders").tryNumber(2, 4);
        run(secondTry);

        Path target = Path.of(secondTry.pushed("path", String.class).orElseThrow());
        assertThat(Files.readAllLines(target)).containsExactly(Order.HEADER, "ORD-1,C100,12.50,2026-03-02");
        assertThat(target.getFileName().toString()).isEqualTo(
                "etl_orders_pipeline%2Fscheduled__2026-03-02T02%3A00%3A00Z%2Fload_orders.csv");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the load's file and the given upstream file, no partial files")
                    .hasSize(2).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void update_aggregations_publishes_totals_of_the_loaded_file() throws Exception {
        TestTaskContext aggregate = context("update_aggregations");
        givenUpstreamFile(aggregate, "load_orders", List.of(
                "ORD-1,C100,12.50,2026-03-02", "ORD-2,C100,7.25,2026-03-02", "ORD-3,C200,100.00,2026-03-02"));

        run(aggregate);

        assertThat(aggregate.pushed("return_value", Map.class)).contains(
                Map.of("order_count", 3, "customer_count", 2, "total_amount", new BigDecimal("119.75")));
    }

    @Test
    void the_whole_pipeline_loads_every_valid_order_and_totals_them() throws Exception {
        Map<?, ?> totals = runPipeline(context("extract_orders"));

        List<Order> expected = validOrdersOf(OrderBatch.rowsFor(DAY), BigDecimal.ZERO);
        assertThat(totals.get("order_count")).isEqualTo(21).isEqualTo(expected.size());
        assertThat(totals.get("total_amount")).isEqualTo(expected.stream().map(Order::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void min_amount_from_the_run_conf_filters_what_is_loaded() throws Exception {
        BigDecimal min = new BigDecimal("250");
        Map<?, ?> totals = runPipeline(context("extract_orders").conf("min_amount", 250));

        List<Order> expected = validOrdersOf(OrderBatch.rowsFor(DAY), min);
        assertThat(expected).isNotEmpty().hasSizeLessThan(21);
        assertThat(totals.get("order_count")).isEqualTo(expected.size());
    }

    private Map<?, ?> runPipeline(TestTaskContext extract) throws Exception {
        run(extract);
        TestTaskContext transform = extract.next("transform_orders");
        run(transform);
        TestTaskContext load = extract.next("load_orders");
        run(load);
        TestTaskContext aggregate = extract.next("update_aggregations");
        run(aggregate);
        assertThat(transform.pushed("bad_rows", Integer.class)).contains(3);
        assertThat(load.pushed("loaded_rows", Integer.class)).isEqualTo(transform.pushed("kept_rows", Integer.class));
        return aggregate.pushed("return_value", Map.class).orElseThrow();
    }

    /** The expectation, computed independently of the tasks from the source rows. */
    private static List<Order> validOrdersOf(List<String> rows, BigDecimal min) {
        return rows.stream().<Order>mapMulti((row, out) -> {
            try {
                out.accept(Order.parse(row));
            } catch (Order.BadRowException e) {
                // not an order
            }
        }).filter(o -> o.amount().compareTo(min) >= 0).toList();
    }

    private void givenUpstreamFile(TestTaskContext ctx, String upstreamTask, List<String> rows) throws Exception {
        Path file = dir.resolve(upstreamTask + "-given.csv");
        OrderFiles.write(file, rows);
        ctx.xcom(upstreamTask, "path", file.toString());
    }
}
