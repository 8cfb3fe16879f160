package org.orchestrator.server.http.api;

import java.util.List;
import org.orchestrator.server.http.openapi.Param;

/** The query parameters each kind of list reads, as the OpenAPI document lists them. */
final class QueryDocs {

    static final List<Param> DATES = Param.of("execution_date_gte:date-time", "execution_date_lte:date-time",
            "logical_date_gte:date-time", "logical_date_lte:date-time", "start_date_gte:date-time",
            "start_date_lte:date-time", "end_date_gte:date-time", "end_date_lte:date-time");

    static final List<Param> DAGS = Param.join(Param.PAGE,
            Param.of("tags:array", "only_active:boolean", "paused:boolean", "dag_id_pattern:string"));

    static final List<Param> DAGS_BULK = Param.of("limit:integer", "offset:integer", "tags:array", "only_active:boolean",
            "dag_id_pattern:string", "update_mask:string");

    static final List<Param> RUNS = Param.join(Param.PAGE, Param.of("state:array"), DATES);

    static final List<Param> TASK_INSTANCES = Param.join(Param.PAGE,
            Param.of("state:array", "pool:array", "task_ids:array", "duration_gte:number", "duration_lte:number"), DATES);

    static final List<Param> EVENTS = Param.join(Param.PAGE, Param.of("dag_id:string", "task_id:string", "run_id:string",
            "event:string", "owner:string", "before:date-time", "after:date-time", "included_events:string",
            "excluded_events:string", "try_number:integer", "map_index:integer"));

    static final List<Param> LIMIT_OFFSET = Param.of("limit:integer", "offset:integer");

    private QueryDocs() {
    }
}
