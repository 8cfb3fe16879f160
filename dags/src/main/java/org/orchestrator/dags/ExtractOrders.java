package org.orchestrator.dags;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;

/** Exports the orders of the logical date's day (UTC) into this task instance's file. */
final class ExtractOrders implements Task {

    private final OrderFiles files;

    ExtractOrders(OrderFiles files) {
        this.files = files;
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        LocalDate day = LocalDate.ofInstant(ctx.logicalDate(), ZoneOffset.UTC);
        List<String> rows = OrderBatch.rowsFor(day);
        Path file = files.fileFor(ctx);
        OrderFiles.write(file, rows);
        ctx.log().info("extracted {} orders of {} into {}", rows.size(), day, file);
        ctx.xcomPush(OrderFiles.PATH_KEY, file.toString());
        ctx.xcomPush("rows", rows.size());
    }
}
