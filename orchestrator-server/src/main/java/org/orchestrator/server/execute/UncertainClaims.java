package org.orchestrator.server.execute;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.orchestrator.server.state.Tx;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;

/**
 * Claims whose commit has an unknown fate: the connection broke while the transaction that made
 * them committed, so the database may hold them (the ack was lost) or not. Left alone, a claim
 * that did commit would stay {@code running} on this live node with no try behind it, and no
 * zombie sweep would ever see it. The next claim transaction checks them and starts those that
 * are in fact this node's. Guarded by the dispatcher's claim lock.
 */
final class UncertainClaims {

    private final Map<Long, ClaimedTry> byId = new LinkedHashMap<>();
    private final TaskInstances tis;
    private final String node;

    UncertainClaims(TaskInstances tis, String node) {
        this.tis = tis;
        this.node = node;
    }

    void add(Collection<ClaimedTry> attempted) {
        attempted.forEach(claimed -> byId.put(claimed.ti().id(), claimed));
    }

    /** @return the claims that did commit: running on this node with the try they were to start */
    List<ClaimedTry> confirm(Tx h) {
        if (byId.isEmpty()) {
            return List.of();
        }
        Map<Long, TaskInstanceRow> rows = tis.findAll(h, byId.keySet()).stream()
                .collect(Collectors.toMap(TaskInstanceRow::id, Function.identity()));
        return byId.values().stream().filter(claimed -> {
            TaskInstanceRow row = rows.get(claimed.ti().id());
            return row != null && row.state() == TaskState.RUNNING && node.equals(row.node())
                    && row.tryNumber() == claimed.ti().tryNumber();
        }).toList();
    }

    /** Once a claim transaction committed, every uncertain claim is settled: started, or not ours. */
    void settled() {
        byId.clear();
    }
}
