package org.orchestrator.dags;

import java.util.Collection;
import java.util.List;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagProvider;
import org.orchestrator.dags.loans.LoansEtl;
import org.orchestrator.dags.weblogs.ServerLogsHourly;

/**
 * The example DAGs the server loads in standalone mode, found through
 * {@code META-INF/services/org.orchestrator.api.DagProvider}:
 * <ul>
 *   <li>{@code example_hello}: every minute; XCom, branching, a join and a shell command;</li>
 *   <li>{@code etl_orders_pipeline}: daily at 02:00, extract → transform → load → update_aggregations (templated
 *       SQL), which publishes the {@code jdbc://analytics/orders} asset;</li>
 *   <li>{@code example_retries}: manual; a task that succeeds on its third try, with callbacks;</li>
 *   <li>{@code loans_etl}: daily; the shipped loans CSV validated, loaded and summarised per country and sector;</li>
 *   <li>{@code server_logs_hourly}: hourly; the shipped access log aggregated per hour, status and path;</li>
 *   <li>{@code example_fan_out_fan_in}: manual; parallel tasks per region combined by one task;</li>
 *   <li>{@code example_sensors}: manual; a file sensor waiting for its upstream's file, a soft-fail sensor;</li>
 *   <li>{@code example_grouped_files}: manual; typed params, files listed at run time, a task group, a reduce.</li>
 *   <li>{@code example_mapped_files}: manual; one mapped task instance per file listed at run time, then a reduce;</li>
 *   <li>{@code orders_reporting}: on the {@code orders} asset; running totals each time the orders ETL refreshed them.</li>
 * </ul>
 *
 * <pre>{@code
 * for (DagProvider provider : ServiceLoader.load(DagProvider.class)) {
 *     provider.dags().forEach(dag -> System.out.println(dag.id()));
 * }
 * }</pre>
 */
public final class ExampleDags implements DagProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public ExampleDags() {
    }

    @Override
    public Collection<Dag> dags() {
        return List.of(ExampleHello.dag(), OrdersPipeline.dag(), ExampleRetries.dag(), LoansEtl.dag(), ServerLogsHourly.dag(),
                ExampleFanOutFanIn.dag(), ExampleSensors.dag(), ExampleGroupedFiles.dag(), ExampleMappedFiles.dag(),
                OrdersReporting.dag());
    }
}
