package org.orchestrator.rules.template;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.orchestrator.api.TaskContext;

/** The names a template sees, as in Airflow's templates reference, read from a try's context. */
final class TemplateContext {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter TS_NODASH = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final Macros MACROS = new Macros();

    private TemplateContext() {
    }

    static Map<String, Object> of(TaskContext ctx) {
        Map<String, Object> names = new HashMap<>();
        ZonedDateTime logical = utc(ctx.logicalDate());
        names.put("ds", logical.toLocalDate().toString());
        names.put("ds_nodash", logical.toLocalDate().toString().replace("-", ""));
        names.put("ts", TS.format(logical));
        names.put("ts_nodash", TS_NODASH.format(logical));
        names.put("logical_date", logical);
        names.put("data_interval_start", utc(ctx.dataInterval().start()));
        names.put("data_interval_end", utc(ctx.dataInterval().end()));
        names.put("run_id", ctx.runId());
        names.put("dag", Map.of("dag_id", ctx.dagId()));
        names.put("task", Map.of("task_id", ctx.taskId()));
        names.put("params", ctx.params());
        names.put("conf", ctx.conf());
        names.put("var", Lookups.var(ctx));
        names.put("conn", Lookups.conn(ctx));
        TaskInstanceRef ti = new TaskInstanceRef(ctx);
        names.put("ti", ti);
        names.put("task_instance", ti);
        names.put("macros", MACROS);
        return names;
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }
}
