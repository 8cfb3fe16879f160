package org.orchestrator.server.dagbag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.Asset;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.Assets;

/** The assets a DAG declares, as the registry stores them: what it waits for, what its tasks update. */
final class AssetReferences {

    private AssetReferences() {
    }

    /** @return the assets of the DAG's schedule, empty unless it is scheduled on assets */
    static List<Assets.Declared> consumed(Dag dag) {
        if (dag.schedule() instanceof Schedule.OnAssets on) {
            return on.condition().assets().stream().map(AssetReferences::declared).toList();
        }
        return List.of();
    }

    /** @return task id → the assets it updates, for the tasks that have outlets */
    static Map<String, List<Assets.Declared>> outlets(Dag dag) {
        Map<String, List<Assets.Declared>> outlets = new LinkedHashMap<>();
        for (TaskDefinition task : dag.tasks()) {
            if (!task.outlets().isEmpty()) {
                outlets.put(task.id(), task.outlets().stream().map(AssetReferences::declared).toList());
            }
        }
        return outlets;
    }

    private static Assets.Declared declared(Asset asset) {
        return new Assets.Declared(asset.uri(), asset.name(), Json.write(asset.extra()));
    }
}
