package org.orchestrator.rules.template;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import com.hubspot.jinjava.interpret.LazyExpression;
import java.util.Optional;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.TaskContext;

/** The names a template sees, as in Airflow's templates reference, read from a try's context. */
final class TemplateContext {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter TS_NODASH = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final Macros MACROS = new Macros();

    private TemplateContext() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(TaskContext ctx, Dag dag) {
        Map<String, Object> names = new HashMap<>();
        if (dag != null) {
            names.putAll(dag.userDefinedMacros()); // first: the Dag builder refuses names that the ones below would hide
        }
        ZonedDateTime logical = utc(ctx.logicalDate());
        names.put("ds", logical.toLocalDate().toString());
        names.put("ds_nodash", logical.toLocalDate().toString().replace("-", ""));
        names.put("ts", TS.format(logical));
        names.put("ts_nodash", TS_NODASH.format(logical));
        names.put("logical_date", logical);
        names.put("data_interval_start", utc(ctx.dataInterval().start()));
        names.put("data_interval_end", utc(ctx.dataInterval().end()));
        // Looked up only when a template names it: it reads the run history.
        LazyExpression previous = LazyExpression.of(ctx::previousSuccessfulDataInterval, "previous successful interval");
        names.put("prev_data_interval_start_success", LazyExpression.of(
                () -> ((Optional<DataInterval>) previous.get()).map(i -> utc(i.start())).orElse(null), "prev_data_interval_start_success"));
        names.put("prev_data_interval_end_success", LazyExpression.of(
                () -> ((Optional<DataInterval>) previous.get()).map(i -> utc(i.end())).orElse(null), "prev_data_interval_end_success"));
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

    /** The names of a template rendered outside a try: the caller's, and var, conn and macros. */
    static Map<String, Object> of(Map<String, ?> given, org.orchestrator.api.Resources resources) {
        Map<String, Object> names = new HashMap<>(given);
        names.put("var", Lookups.var(resources));
        names.put("conn", Lookups.conn(resources));
        names.put("macros", MACROS);
        return names;
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }
}
