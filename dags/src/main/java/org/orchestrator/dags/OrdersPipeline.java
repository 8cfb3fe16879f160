package org.orchestrator.dags;

import java.time.Duration;
import java.time.LocalDate;
import org.orchestrator.api.Dag;

/**
 * {@code etl_orders_pipeline}: the daily orders ETL,
 * {@code extract_orders >> transform_orders >> load_orders >> update_aggregations}, at 02:00 UTC,
 * with 3 retries 5 minutes apart. Data moves through CSV files named after each task instance's
 * idempotency key, so a retried try overwrites its own output instead of adding to it.
 */
final class OrdersPipeline {

    static final String DAG_ID = "etl_orders_pipeline";
    static final String EXTRACT = "extract_orders";
    static final String TRANSFORM = "transform_orders";
    static final String LOAD = "load_orders";
    static final String AGGREGATE = "update_aggregations";
    static final String MIN_AMOUNT = "min_amount";

    private OrdersPipeline() {
    }

    static Dag dag() {
        return dag(OrderFiles.inTempDir());
    }

    /** @param files where the tasks keep their files; tests pass a temporary directory */
    static Dag dag(OrderFiles files) {
        return Dag.builder(DAG_ID)
                .description("Daily orders ETL: extract the day's orders, drop bad rows and those under min_amount, "
                        + "load them into a CSV file and publish the totals")
                .owner("data-eng").tags("etl", "orders")
                .schedule("0 2 * * *").startDate(LocalDate.of(2026, 1, 1)).catchup(false)
                .defaults(d -> d.retries(3).retryDelay(Duration.ofMinutes(5)))
                .param(MIN_AMOUNT, 0)
                .task(EXTRACT, new ExtractOrders(files))
                .task(TRANSFORM, new TransformOrders(files))
                .task(LOAD, new LoadOrders(files))
                .task(AGGREGATE, new UpdateAggregations())
                .chain(EXTRACT, TRANSFORM, LOAD, AGGREGATE)
                .build();
    }
}
