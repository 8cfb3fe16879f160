package org.orchestrator.server.http.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Param;

/**
 * Airflow's {@code DAGDetail}: every {@code DAG} field plus the definition's settings (timezone,
 * catchup, dates, params). {@code params} maps each name to Airflow's
 * {@code {"value": default, "description": …, "schema": {JSON Schema}}}; a typed param without a
 * default has {@code "value": null} and {@code "required": true}. {@code doc_md} is the DAG's
 * Markdown documentation and {@code doc_html} the same rendered safely ({@link Markdown}) for the
 * dashboard; {@code dag_run_timeout} is the DAG's dagrunTimeout as Airflow's TimeDelta.
 */
record DagDetailView(@JsonUnwrapped DagView dag, String timezone, Boolean catchup, String orientation,
                     Integer concurrency, Instant startDate, Map<String, Object> dagRunTimeout,
                     Object datasetExpression, String docMd, Map<String, Object> params, Instant endDate,
                     Boolean isPausedUponCreation, Instant lastParsed, Object templateSearchPath,
                     Boolean renderTemplateAsNativeObj, String docHtml) {

    static DagDetailView of(DagView view, Dag dag, boolean pausedAtCreation) {
        return new DagDetailView(view, zoneName(dag.timezone()), dag.catchup(), "LR", dag.maxActiveTasks(),
                dag.startDate().orElse(null), ScheduleViews.timeDelta(dag.dagrunTimeout().orElse(null)), null,
                dag.docMd().isEmpty() ? null : dag.docMd(), params(dag.paramSpecs()),
                dag.endDate().orElse(null), pausedAtCreation, view.lastParsedTime(), null, false,
                Markdown.toSafeHtml(dag.docMd()));
    }

    /** @return {@code UTC} rather than Java's {@code Z} for the default zone, as Airflow writes it */
    private static String zoneName(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static Map<String, Object> params(Map<String, Param> specs) {
        Map<String, Object> params = new LinkedHashMap<>();
        specs.forEach((name, spec) -> {
            Map<String, Object> param = new LinkedHashMap<>();
            param.put("value", spec.defaultValue().orElse(null));
            param.put("description", spec.description().isEmpty() ? null : spec.description());
            param.put("schema", spec.schema());
            if (!spec.hasDefault()) {
                param.put("required", true);
            }
            params.put(name, param);
        });
        return params;
    }
}
