package org.orchestrator.server.http.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The request bodies the API accepts, field by field (camelCase here, snake_case on the wire).
 * A body with any other field is refused with a 400, and the OpenAPI document is generated from
 * these same records.
 */
final class Forms {

    private Forms() {
    }

    /** {@code PATCH /dags/{dag_id}} and {@code PATCH /dags}. */
    record DagPatchForm(Boolean isPaused) {
    }

    /** {@code POST /dags/{dag_id}/dagRuns}: Airflow's {@code DAGRun} fields a client may set. */
    record DagRunForm(String dagRunId, Instant logicalDate, Instant executionDate, Map<String, Object> conf, String note) {
    }

    /** {@code PATCH /dags/{dag_id}/dagRuns/{dag_run_id}}: success, failed or queued. */
    record DagRunStateForm(String state) {
    }

    /** {@code POST /dags/~/dagRuns/list}: Airflow's {@code ListDagRunsForm}. */
    record DagRunListForm(String orderBy, Integer pageOffset, Integer pageLimit, List<String> dagIds, List<String> states,
                          Instant executionDateGte, Instant executionDateLte, Instant logicalDateGte,
                          Instant logicalDateLte, Instant startDateGte, Instant startDateLte, Instant endDateGte,
                          Instant endDateLte) {
    }

    /** {@code POST /dags/~/dagRuns/~/taskInstances/list}: Airflow's {@code ListTaskInstanceForm}. */
    record TaskInstanceListForm(List<String> dagIds, List<String> dagRunIds, List<String> taskIds, List<String> state,
                                List<String> pool, Instant executionDateGte, Instant executionDateLte,
                                Instant logicalDateGte, Instant logicalDateLte, Instant startDateGte,
                                Instant startDateLte, Instant endDateGte, Instant endDateLte, Double durationGte,
                                Double durationLte, String orderBy, Integer pageOffset, Integer pageLimit) {
    }

    /** {@code POST /dags/{dag_id}/clearTaskInstances}: Airflow's {@code ClearTaskInstances}. */
    record ClearForm(Boolean dryRun, List<String> taskIds, Instant startDate, Instant endDate, Boolean onlyFailed,
                     Boolean onlyRunning, Boolean includeSubdags, Boolean includeParentdag, Boolean resetDagRuns,
                     String dagRunId, Boolean includeUpstream, Boolean includeDownstream, Boolean includeFuture,
                     Boolean includePast, Boolean runOnLatestVersion) {
    }

    /** {@code PATCH …/setNote} of a run or a task instance: Airflow's {@code SetDagRunNote}. */
    record NoteForm(String note) {
    }

    /** {@code POST …/dagRuns/{dag_run_id}/clear}: Airflow's {@code ClearDagRun}. */
    record ClearRunForm(Boolean dryRun, Boolean runOnLatestVersion) {
    }

    /** {@code POST /dags/{dag_id}/updateTaskInstancesState}: Airflow's {@code UpdateTaskInstancesState}, by run id. */
    record MarkScopeForm(Boolean dryRun, String taskId, String dagRunId, Boolean includeUpstream, Boolean includeDownstream,
                         Boolean includeFuture, Boolean includePast, String newState) {
    }

    /** {@code PATCH …/taskInstances/{task_id}}: Airflow's {@code UpdateTaskInstance}. */
    record MarkForm(Boolean dryRun, String newState) {
    }

    /** {@code POST /tokens}: what the token is for, and (admins only) whose it is. */
    record TokenForm(String name, String username) {
    }

    /** {@code POST /pools} and {@code PATCH /pools/{pool_name}}: Airflow's {@code Pool} fields a client may set. */
    record PoolForm(String name, Integer slots, String description, Boolean includeDeferred) {
    }

    /** {@code POST /connections} and {@code PATCH /connections/{connection_id}}: Airflow's {@code Connection}, plus {@code url}. */
    record ConnectionForm(String connectionId, String connType, String description, String host, String login,
                          String schema, Integer port, String password, String extra, String url) {
    }

    /** {@code POST /users}: a new user's name, password and role ({@code viewer}, {@code op} or {@code admin}). */
    record UserForm(String username, String password, String role) {
    }

    /** {@code POST /variables} and {@code PATCH /variables/{variable_key}}: Airflow's {@code Variable}. */
    record VariableForm(String key, String value, String description) {
    }
}
