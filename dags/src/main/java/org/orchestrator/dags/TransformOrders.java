package org.orchestrator.dags;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;

/**
 * Keeps the valid orders of at least {@code min_amount} (a param; a run's conf may override it)
 * and counts the rows it rejects.
 */
final class TransformOrders implements Task {

    private final OrderFiles files;

    TransformOrders(OrderFiles files) {
        this.files = files;
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        BigDecimal minAmount = minAmount(ctx);
        List<String> rows = OrderFiles.readRows(OrderFiles.upstreamFile(ctx, OrdersPipeline.EXTRACT));
        List<String> kept = new ArrayList<>();
        int bad = 0;
        for (String row : rows) {
            try {
                Order order = Order.parse(row);
                if (order.amount().compareTo(minAmount) >= 0) {
                    kept.add(order.toCsv());
                }
            } catch (Order.BadRowException e) {
                bad++;
                ctx.log().warn("bad row '{}': {}", row, e.getMessage());
            }
        }
        int belowMin = rows.size() - bad - kept.size();
        publish(ctx, kept, bad, belowMin);
        ctx.log().info("kept {} of {} rows: {} bad, {} under min_amount {}", kept.size(), rows.size(), bad, belowMin, minAmount);
    }

    private void publish(TaskContext ctx, List<String> kept, int bad, int belowMin) throws Exception {
        Path file = files.fileFor(ctx);
        OrderFiles.write(file, kept);
        ctx.xcomPush(OrderFiles.PATH_KEY, file.toString());
        ctx.xcomPush("kept_rows", kept.size());
        ctx.xcomPush("bad_rows", bad);
        ctx.xcomPush("below_min_rows", belowMin);
    }

    /** Params come from code defaults (numbers) or a trigger form's JSON (numbers or strings). */
    static BigDecimal minAmount(TaskContext ctx) {
        Object value = ctx.params().get(OrdersPipeline.MIN_AMOUNT);
        if (value == null) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("param " + OrdersPipeline.MIN_AMOUNT + " must be a number, got '" + value + "'");
        }
    }
}
