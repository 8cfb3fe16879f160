package org.orchestrator.dags;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;
import org.orchestrator.dags.support.Staging;

/** Exports the orders of the run's day (the data interval's start, UTC) as the source system would. */
final class ExtractOrders implements Task {

    @Override
    public void execute(TaskContext ctx) throws Exception {
        LocalDate day = OrdersPipeline.day(ctx);
        List<String> rows = OrderBatch.rowsFor(day);
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(Order.HEADER);
        lines.addAll(rows);
        Path file = Staging.write(OrdersPipeline.fileFor(ctx, OrdersPipeline.EXTRACT), lines);
        ctx.log().info("extracted {} orders of {} into {}", rows.size(), day, file);
        ctx.xcomPush(OrdersPipeline.PATH_KEY, file.toString());
        ctx.xcomPush("rows", rows.size());
    }
}
