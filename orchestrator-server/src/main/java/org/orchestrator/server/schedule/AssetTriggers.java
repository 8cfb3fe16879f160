package org.orchestrator.server.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.Schedule;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.AssetQueries;
import org.orchestrator.server.state.Assets;
import org.orchestrator.server.state.Dags;
import org.orchestrator.server.state.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates asset-triggered runs: for each DAG with queued asset events whose schedule condition
 * those events satisfy, one run that consumes them. The consumption (a delete whose row count is
 * checked) and the run's insert share one transaction, so of several nodes that see the same
 * events exactly one creates the run; the others roll back.
 */
public final class AssetTriggers implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AssetTriggers.class);

    private final Transactions db;
    private final DagBag bag;
    private final RunCreator creator;
    private final Assets assets = new Assets();
    private final AssetQueries queries = new AssetQueries();
    private final Dags dags = new Dags();

    /** @param db the database @param bag DAGs @param creator creates the runs */
    public AssetTriggers(Transactions db, DagBag bag, RunCreator creator) {
        this.db = db;
        this.bag = bag;
        this.creator = creator;
    }

    /** Creates the runs whose conditions the queued events satisfy. */
    @Override
    public synchronized void run() {
        Map<String, List<Assets.Queued>> byDag = new LinkedHashMap<>();
        db.withHandle(assets::queued).forEach(q -> byDag.computeIfAbsent(q.dagId(), id -> new ArrayList<>()).add(q));
        byDag.forEach((dagId, queued) -> bag.get(dagId).ifPresent(dag -> createIfSatisfied(dag, queued)));
    }

    private void createIfSatisfied(LoadedDag dag, List<Assets.Queued> queued) {
        if (!(dag.dag().schedule() instanceof Schedule.OnAssets on) || paused(dag)) {
            return;
        }
        Set<String> updated = new LinkedHashSet<>();
        queued.forEach(q -> updated.add(q.uri()));
        if (!on.condition().isSatisfiedBy(updated)) {
            return;
        }
        Set<Long> eventIds = new LinkedHashSet<>();
        queued.forEach(q -> eventIds.add(q.eventId()));
        List<AssetQueries.EventRow> events = db.withHandle(h -> queries.events(h, eventIds));
        try {
            var run = creator.triggerFromAssets(dag, TriggeringEvents.conf(events), span(events), (h, created) -> {
                if (assets.consume(h, dag.dag().id(), eventIds) != eventIds.size()) {
                    throw new TakenElsewhere();
                }
                assets.linkRun(h, created.id(), eventIds);
            });
            LOG.debug("dag '{}': asset-triggered run {} from events {}", dag.dag().id(), run.runId(), eventIds);
        } catch (TakenElsewhere e) {
            LOG.debug("dag '{}': events {} were consumed by another node", dag.dag().id(), eventIds);
        } catch (DuplicateRunException e) {
            LOG.info("dag '{}': asset-triggered run not created now, events stay queued: {}", dag.dag().id(), e.getMessage());
        }
    }

    private boolean paused(LoadedDag dag) {
        return db.withHandle(h -> dags.find(h, dag.dag().id()).map(Dags.DagRow::paused).orElse(true));
    }

    private static DataInterval span(List<AssetQueries.EventRow> events) {
        Instant first = events.stream().map(AssetQueries.EventRow::timestamp).min(Instant::compareTo).orElseThrow();
        Instant last = events.stream().map(AssetQueries.EventRow::timestamp).max(Instant::compareTo).orElseThrow();
        return new DataInterval(first, last);
    }

    /** Another transaction consumed some of the events first: this run must not exist. */
    private static final class TakenElsewhere extends RuntimeException {
        TakenElsewhere() {
            super("asset events consumed by another transaction", null, false, false);
        }
    }

    /** The run conf that carries the triggering events (Airflow's {@code triggering_asset_events}). */
    static final class TriggeringEvents {

        private TriggeringEvents() {
        }

        static Map<String, Object> conf(List<AssetQueries.EventRow> events) {
            Map<String, List<Map<String, Object>>> byUri = new LinkedHashMap<>();
            events.forEach(e -> byUri.computeIfAbsent(e.uri(), u -> new ArrayList<>()).add(describe(e)));
            return Map.of("triggering_asset_events", byUri);
        }

        private static Map<String, Object> describe(AssetQueries.EventRow e) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", e.id());
            event.put("asset_uri", e.uri());
            event.put("source_dag_id", e.sourceDagId());
            event.put("source_run_id", e.sourceRunId());
            event.put("source_task_id", e.sourceTaskId());
            event.put("source_map_index", e.sourceMapIndex());
            event.put("timestamp", e.timestamp().toString());
            event.put("extra", e.extraJson() == null ? Map.of() : Json.objectOf(e.extraJson()));
            return event;
        }
    }
}
