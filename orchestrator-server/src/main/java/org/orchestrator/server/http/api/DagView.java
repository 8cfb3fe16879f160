package org.orchestrator.server.http.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orchestrator.api.DataInterval;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.state.Dags.DagRow;
import org.orchestrator.rules.Timetable;

/**
 * Airflow's {@code DAG} object. Fields Airflow has but we have no use for (pickles, subdags,
 * scheduler locks) are sent as Airflow sends them when unused, so clients find every key. We add
 * {@code dag_version}: the DAG's current version (see {@code …/dagVersions}).
 */
record DagView(String dagId, String dagDisplayName, String rootDagId, Boolean isPaused, Boolean isActive,
               Boolean isSubdag, Instant lastParsedTime, Instant lastPickled, Instant lastExpired,
               Boolean schedulerLock, String pickleId, String defaultView, String fileloc, List<String> owners,
               String description, Map<String, Object> scheduleInterval, String timetableDescription,
               List<Tag> tags, Integer maxActiveTasks, Integer maxActiveRuns, Boolean hasTaskConcurrencyLimits,
               Boolean hasImportErrors, Instant nextDagrun, Instant nextDagrunDataIntervalStart,
               Instant nextDagrunDataIntervalEnd, Instant nextDagrunCreateAfter, Integer maxConsecutiveFailedDagRuns,
               String dagVersion) {

    /** @param name a tag */
    record Tag(String name) {
    }

    /**
     * @param row          the stored DAG
     * @param loaded       its definition, when loaded now
     * @param errorFiles   bundle files that failed to load
     * @return the view
     */
    static DagView of(DagRow row, Optional<LoadedDag> loaded, Set<String> errorFiles) {
        Optional<DataInterval> next = loaded.flatMap(d -> nextInterval(d, row.nextDagrun()));
        return new DagView(row.dagId(), row.dagId(), null, row.paused(), row.active(), false, row.lastParsed(),
                null, null, null, null, "grid", row.fileloc(), csv(row.owners()), row.description(),
                ScheduleViews.interval(row.schedule()), ScheduleViews.description(row.schedule()),
                csv(row.tags()).stream().map(Tag::new).toList(),
                loaded.map(d -> d.dag().maxActiveTasks()).orElse(null),
                loaded.map(d -> d.dag().maxActiveRuns()).orElse(null),
                loaded.map(d -> hasTaskLimits(d)).orElse(null), errorFiles.contains(row.fileloc()),
                row.nextDagrun(), next.map(DataInterval::start).orElse(null), next.map(DataInterval::end).orElse(null),
                next.map(Timetable::dueAt).orElse(null), 0, row.currentVersion());
    }

    /** Keyed by DAG id, version and next run: the interval is a pure function of them. */
    private static final Memo<String, Optional<DataInterval>> NEXT = new Memo<>(10_000);

    private static Optional<DataInterval> nextInterval(LoadedDag dag, Instant nextDagrun) {
        if (nextDagrun == null) {
            return Optional.empty();
        }
        return NEXT.get(dag.dag().id() + "|" + dag.version() + "|" + nextDagrun, () -> Timetable.of(dag.dag())
                .nextAfter(nextDagrun).filter(interval -> interval.start().equals(nextDagrun)));
    }

    private static boolean hasTaskLimits(LoadedDag dag) {
        return dag.dag().tasks().stream().anyMatch(t -> !t.pool().equals(org.orchestrator.api.TaskOptions.DEFAULT_POOL));
    }

    static List<String> csv(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
