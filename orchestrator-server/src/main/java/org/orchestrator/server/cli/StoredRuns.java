package org.orchestrator.server.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.server.state.DagRunQueries.RunFilter;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Page;
import org.orchestrator.server.state.Range;
import org.orchestrator.server.state.Reads;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;

/** Finds runs and task instances in the database for the read commands, and prints them alike. */
final class StoredRuns {

    static final List<String> RUN_COLUMNS = List.of("dag_id", "run_id", "state", "run_type", "logical_date", "start_date", "end_date");
    static final List<String> TASK_COLUMNS = List.of("dag_id", "run_id", "task_id", "map_index", "state", "try_number",
            "start_date", "end_date");

    private StoredRuns() {
    }

    /**
     * A run named as Airflow's commands name it: by its run id, or by its logical date.
     *
     * @param run a run id, or a date / instant {@link Dates} reads
     * @return the run, if the DAG has it
     */
    static Optional<DagRunRow> find(Reads reads, String dagId, String run) {
        Optional<DagRunRow> byId = reads.run(dagId, run);
        if (byId.isPresent()) {
            return byId;
        }
        Optional<Instant> date = logicalDate(run);
        return date.flatMap(d -> reads.runs(new RunFilter(List.of(dagId), List.of(), new Range<>(date, date), Range.any(), Range.any()),
                null, new Page(1, 0)).items().stream().findFirst());
    }

    private static Optional<Instant> logicalDate(String text) {
        try {
            return Optional.of(new Dates().convert(text));
        } catch (picocli.CommandLine.TypeConversionException e) {
            return Optional.empty();
        }
    }

    static Map<String, Object> row(DagRunRow run) {
        return OutputOptions.row("dag_id", run.dagId(), "run_id", run.runId(), "state", run.state().wireName(),
                "run_type", run.runType().wireName(), "logical_date", run.logicalDate(), "start_date", run.startDate(),
                "end_date", run.endDate());
    }

    static Map<String, Object> row(TaskInstanceRecord record) {
        var ti = record.ti();
        return OutputOptions.row("dag_id", ti.dagId(), "run_id", ti.runId(), "task_id", ti.taskId(), "map_index", ti.mapIndex(),
                "state", ti.state().wireName(), "try_number", ti.tryNumber(), "start_date", ti.startDate(), "end_date", ti.endDate());
    }

    static String noRun(String dagId, String run) {
        return "No run '" + run + "' (run id or logical date) of DAG '" + dagId + "' in the database.";
    }

    static String noDag(String dagId) {
        return "No DAG '" + dagId + "' is known to the database (has the server loaded it? 'dags reserialize' stores the dags folder).";
    }
}
