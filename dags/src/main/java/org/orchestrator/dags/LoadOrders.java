package org.orchestrator.dags;

import java.nio.file.Path;
import java.util.List;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;

/**
 * Loads the transformed orders into the target CSV file named after this task instance's
 * idempotency key. The file is replaced as a whole, so however many tries run, it holds the rows
 * once.
 */
final class LoadOrders implements Task {

    private final OrderFiles files;

    LoadOrders(OrderFiles files) {
        this.files = files;
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        List<String> rows = OrderFiles.readRows(OrderFiles.upstreamFile(ctx, OrdersPipeline.TRANSFORM));
        Path target = files.fileFor(ctx);
        OrderFiles.write(target, rows);
        ctx.log().info("loaded {} orders into {} (try {})", rows.size(), target, ctx.tryNumber());
        ctx.xcomPush(OrderFiles.PATH_KEY, target.toString());
        ctx.xcomPush("loaded_rows", rows.size());
    }
}
