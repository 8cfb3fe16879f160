package org.orchestrator.dags;

import java.util.List;
import java.util.Map;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.sql.SqlTask;

/**
 * {@code orders_reporting}: runs whenever {@code etl_orders_pipeline} has refreshed the orders
 * (data-aware scheduling on the {@link OrdersPipeline#ORDERS} asset) instead of at a cron time
 * guessed to come after it. {@code note_trigger} reads which producer runs triggered it from the
 * run's {@code triggering_asset_events}; {@code report_orders} rebuilds the running totals as of
 * the run's day with templated SQL.
 */
final class OrdersReporting {

    static final String DAG_ID = "orders_reporting";
    static final String NOTE = "note_trigger";
    static final String REPORT = "report_orders";

    private OrdersReporting() {
    }

    static Dag dag() {
        return Dag.builder(DAG_ID)
                .description("Running order totals, refreshed each time the orders asset is updated")
                .owner("analytics").tags("orders", "reporting")
                .schedule(Schedule.onAssets(OrdersPipeline.ORDERS)).maxActiveRuns(1)
                .task(NOTE, OrdersReporting::noteTrigger)
                .task(REPORT, report())
                .chain(NOTE, REPORT)
                .build();
    }

    /** Publishes the producing runs (XCom {@code source_runs}): what a report would cite as its inputs. */
    private static void noteTrigger(TaskContext ctx) {
        Object events = ctx.conf().getOrDefault("triggering_asset_events", Map.of());
        List<Object> sources = ((Map<?, ?>) events).values().stream()
                .flatMap(list -> ((List<?>) list).stream())
                .map(event -> ((Map<?, ?>) event).get("source_run_id"))
                .map(run -> run == null ? "external" : run)
                .map(Object.class::cast)
                .toList();
        ctx.log().info("triggered by asset events from {}", sources);
        ctx.xcomPush("source_runs", sources);
    }

    private static SqlTask report() {
        return SqlTask.on(OrdersPipeline.ANALYTICS)
                .statement("CREATE TABLE IF NOT EXISTS orders_report (as_of DATE NOT NULL PRIMARY KEY, days BIGINT NOT NULL, "
                        + "order_count BIGINT NOT NULL, total_amount DECIMAL(19,2) NOT NULL)")
                .statement("DELETE FROM orders_report WHERE as_of = DATE '{{ ds }}'")
                .statement("INSERT INTO orders_report (as_of, days, order_count, total_amount) "
                        + "SELECT DATE '{{ ds }}', COUNT(*), COALESCE(SUM(order_count), 0), COALESCE(SUM(total_amount), 0) "
                        + "FROM order_daily_totals WHERE order_date <= DATE '{{ ds }}'")
                .statement("SELECT days, order_count, total_amount FROM orders_report WHERE as_of = DATE '{{ ds }}'")
                .returnRows(1)
                .build();
    }
}
