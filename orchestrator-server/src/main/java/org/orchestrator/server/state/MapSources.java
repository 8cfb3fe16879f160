package org.orchestrator.server.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.rules.MapExpansion;
import org.orchestrator.server.internal.Json;

/** What a mapped task of a run expands over, read in the caller's transaction: upstream XComs and the run's params. */
public final class MapSources implements MapExpansion.Lookup {

    private final XComs xcoms = new XComs();
    private final Tx h;
    private final DagRunRow run;
    private final Dag dag;

    private MapSources(Tx h, DagRunRow run, Dag dag) {
        this.h = h;
        this.run = run;
        this.dag = dag;
    }

    /** @return the values of this run, as the DAG version it runs with defines them */
    public static MapExpansion.Lookup of(Tx h, DagRunRow run, Dag dag) {
        return new MapSources(h, run, dag);
    }

    @Override
    public Optional<Object> xcom(String taskId, String key) {
        return xcoms.pull(h, run.id(), taskId, key).map(json -> Json.read(json, Object.class));
    }

    @Override
    public List<Object> xcomOfEachInstance(String taskId, String key) {
        return xcoms.pullAll(h, run.id(), taskId, key).stream().map(json -> Json.read(json, Object.class)).toList();
    }

    @Override
    public Optional<Object> param(String name) {
        Map<String, Object> params = new LinkedHashMap<>(dag.params());
        params.putAll(Json.objectOf(run.conf()));
        return Optional.ofNullable(params.get(name));
    }

    @Override
    public boolean isMapped(String taskId) {
        return dag.task(taskId).map(TaskDefinition::isMapped).orElse(false);
    }
}
