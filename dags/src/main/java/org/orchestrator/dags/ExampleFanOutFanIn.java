package org.orchestrator.dags;

import java.util.List;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;
import org.orchestrator.api.TaskContext;

/**
 * {@code example_fan_out_fan_in}: one task fans out to a task per region, which run in parallel on
 * the server, and one task fans in, pulling each region's XCom and adding them up.
 * <pre>
 *               ┌─ count_emea ─┐
 * list_regions ─┼─ count_amer ─┼─ combine
 *               └─ count_apac ─┘
 * </pre>
 */
final class ExampleFanOutFanIn {

    static final String DAG_ID = "example_fan_out_fan_in";
    static final List<String> REGIONS = List.of("emea", "amer", "apac");

    private ExampleFanOutFanIn() {
    }

    static Dag dag() {
        Dag.Builder dag = Dag.builder(DAG_ID)
                .description("Fan-out to one task per region, fan-in to a task that combines their XComs")
                .owner("examples").tags("example")
                .schedule(Schedule.manual())
                .task("list_regions", ctx -> ctx.xcomPush(REGIONS));
        for (String region : REGIONS) {
            dag.task("count_" + region, ctx -> count(ctx, region), t -> t.upstream("list_regions"));
        }
        return dag.task("combine", ExampleFanOutFanIn::combine,
                        t -> t.upstream(REGIONS.stream().map(r -> "count_" + r).toArray(String[]::new)))
                .build();
    }

    /** A stand-in for a query per region: a count derived from the region and the logical date. */
    static void count(TaskContext ctx, String region) {
        int orders = Math.floorMod((region + ctx.logicalDate()).hashCode(), 1000);
        ctx.log().info("{} has {} orders", region, orders);
        ctx.xcomPush("orders", orders);
    }

    static void combine(TaskContext ctx) {
        int total = 0;
        for (String region : REGIONS) {
            total += ctx.xcomPull("count_" + region, "orders", Integer.class);
        }
        ctx.log().info("{} orders across {} regions", total, REGIONS.size());
        ctx.xcomPush("total_orders", total);
    }
}
