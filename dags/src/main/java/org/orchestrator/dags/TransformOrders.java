package org.orchestrator.dags;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;
import org.orchestrator.dags.support.Staging;

/**
 * Applies the business rule: valid orders under {@code min_amount} (a param; a run's conf may
 * override it) are dropped. Rows that are not valid orders pass on untouched: the load owns the
 * schema and puts them, with the reason, into the dead-letter table.
 */
final class TransformOrders implements Task {

    @Override
    public void execute(TaskContext ctx) throws Exception {
        BigDecimal minAmount = minAmount(ctx);
        List<String> lines = Files.readAllLines(OrdersPipeline.upstreamFile(ctx, OrdersPipeline.EXTRACT), StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>(List.of(lines.getFirst()));
        int invalid = 0;
        for (String row : lines.subList(1, lines.size())) {
            try {
                if (Order.parse(row).amount().compareTo(minAmount) >= 0) {
                    kept.add(row);
                }
            } catch (Order.BadRowException e) {
                invalid++;
                kept.add(row);
            }
        }
        int belowMin = lines.size() - kept.size();
        Path file = Staging.write(OrdersPipeline.fileFor(ctx, OrdersPipeline.TRANSFORM), kept);
        ctx.log().info("kept {} of {} rows ({} invalid, left for the load to reject), dropped {} under min_amount {}",
                kept.size() - 1, lines.size() - 1, invalid, belowMin, minAmount);
        ctx.xcomPush(OrdersPipeline.PATH_KEY, file.toString());
        ctx.xcomPush("kept_rows", kept.size() - 1);
        ctx.xcomPush("invalid_rows", invalid);
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
