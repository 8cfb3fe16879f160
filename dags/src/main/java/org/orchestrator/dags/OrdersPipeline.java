package org.orchestrator.dags;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.orchestrator.api.Asset;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskContext;
import org.orchestrator.dags.support.Staging;
import org.orchestrator.tasks.csv.ColumnType;
import org.orchestrator.tasks.csv.CsvLoad;
import org.orchestrator.tasks.sql.SqlTask;

/**
 * {@code etl_orders_pipeline}: the daily orders ETL,
 * {@code extract_orders >> transform_orders >> load_orders >> update_aggregations}, at 02:00 UTC,
 * no catchup, 3 retries 5 minutes apart. Incremental by data interval: each run moves the orders
 * of its interval's day. Idempotent: files are named after the interval, the load upserts by
 * {@code order_id} and the aggregation replaces its day, so rerunning an interval changes nothing.
 * Rows that break the {@code orders} schema go to {@code orders_rejected} with the reason. A
 * failed run alerts through {@link OrdersAlerts}.
 *
 * <p>The aggregation's SQL is templated ({@code {{ ds }}} is the run's logical day), and once the
 * day's totals are written it publishes the {@link #ORDERS} asset: {@link OrdersReporting} runs
 * on it, with no cron offset to guess.
 */
final class OrdersPipeline {

    static final String DAG_ID = "etl_orders_pipeline";
    static final String EXTRACT = "extract_orders";
    static final String TRANSFORM = "transform_orders";
    static final String LOAD = "load_orders";
    static final String AGGREGATE = "update_aggregations";
    static final String MIN_AMOUNT = "min_amount";
    static final String ANALYTICS = "analytics";
    /** The XCom key under which extract and transform publish the file they wrote. */
    static final String PATH_KEY = "path";
    /** The orders table and its daily totals, as an asset: updated by every successful {@link #AGGREGATE}. */
    static final Asset ORDERS = Asset.of("jdbc://analytics/orders").named("orders")
            .withExtra(java.util.Map.of("tables", "orders, order_daily_totals"));

    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC);

    private OrdersPipeline() {
    }

    static Dag dag() {
        return Dag.builder(DAG_ID)
                .description("Daily orders ETL: extract the day's orders, drop those under min_amount, upsert them "
                        + "into orders (bad rows to orders_rejected) and refresh the day's totals")
                .owner("data-eng").tags("etl", "orders")
                .schedule("0 2 * * *").startDate(LocalDate.of(2026, 1, 1)).catchup(false).maxActiveRuns(1)
                .defaults(d -> d.retries(3).retryDelay(Duration.ofMinutes(5)))
                .param(MIN_AMOUNT, 0)
                .onFailure(new OrdersAlerts())
                .task(EXTRACT, new ExtractOrders())
                .task(TRANSFORM, new TransformOrders())
                .task(LOAD, load())
                .task(AGGREGATE, aggregate(), t -> t.outlets(ORDERS))
                .chain(EXTRACT, TRANSFORM, LOAD, AGGREGATE)
                .build();
    }

    /** @return the file a task of this run's interval writes: the same for every try and every rerun */
    static Path fileFor(TaskContext ctx, String name) {
        return Staging.dir(ctx, DAG_ID, FOLDER.format(ctx.dataInterval().start())).resolve(name + ".csv");
    }

    /** @return the day whose orders the run moves: the data interval's start, in UTC */
    static LocalDate day(TaskContext ctx) {
        return LocalDate.ofInstant(ctx.dataInterval().start(), ZoneOffset.UTC);
    }

    /** @return the file an upstream task published under {@link #PATH_KEY} */
    static Path upstreamFile(TaskContext ctx, String upstreamTask) {
        return Path.of(ctx.xcomPull(upstreamTask, PATH_KEY, String.class));
    }

    private static CsvLoad load() {
        return CsvLoad.into(ANALYTICS, "orders")
                .from(ctx -> upstreamFile(ctx, TRANSFORM))
                .column("order_id", ColumnType.TEXT)
                .column("customer_id", ColumnType.TEXT)
                .column("amount", ColumnType.DECIMAL)
                .column("order_date", ColumnType.DATE)
                .rule("amount", a -> ((java.math.BigDecimal) a).signum() > 0, "must be positive")
                .upsertKey("order_id")
                .deadLetterTable("orders_rejected")
                .build();
    }

    /** Templated SQL: the day is the run's {@code ds}, rendered into the text before the statements run. */
    private static SqlTask aggregate() {
        return SqlTask.on(ANALYTICS)
                .statement("CREATE TABLE IF NOT EXISTS order_daily_totals (order_date DATE NOT NULL PRIMARY KEY, "
                        + "order_count BIGINT NOT NULL, customer_count BIGINT NOT NULL, total_amount DECIMAL(19,2) NOT NULL)")
                .statement("DELETE FROM order_daily_totals WHERE order_date = DATE '{{ ds }}'")
                .statement("INSERT INTO order_daily_totals (order_date, order_count, customer_count, total_amount) "
                        + "SELECT order_date, COUNT(*), COUNT(DISTINCT customer_id), SUM(amount) FROM orders "
                        + "WHERE order_date = DATE '{{ ds }}' GROUP BY order_date")
                .statement("SELECT order_count, customer_count, total_amount FROM order_daily_totals WHERE order_date = DATE '{{ ds }}'")
                .returnRows(1)
                .build();
    }
}
