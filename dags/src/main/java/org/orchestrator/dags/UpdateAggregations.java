package org.orchestrator.dags;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;

/** Reads the loaded file back and publishes the day's totals as the task's XCom return value. */
final class UpdateAggregations implements Task {

    @Override
    public void execute(TaskContext ctx) throws Exception {
        int orders = 0;
        BigDecimal total = BigDecimal.ZERO;
        Set<String> customers = new HashSet<>();
        for (String row : OrderFiles.readRows(OrderFiles.upstreamFile(ctx, OrdersPipeline.LOAD))) {
            Order order = Order.parse(row);
            orders++;
            total = total.add(order.amount());
            customers.add(order.customerId());
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("order_count", orders);
        totals.put("customer_count", customers.size());
        totals.put("total_amount", total);
        ctx.log().info("totals for {}: {}", ctx.logicalDate(), totals);
        ctx.xcomPush(totals);
    }
}
