package org.orchestrator.server.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a claim admits tries against, read together: the instances holding execution
 * slots (queued or running, or a try still being stopped, which runs until its node has stopped
 * it) per DAG and per pool, and every pool's slots. A claim runs after every batch of outcomes,
 * so on PostgreSQL this is one round trip instead of three.
 *
 * @param activeByDag  active instances per DAG id
 * @param activeByPool active instances per pool
 * @param poolSlots    slots per pool name
 */
public record SlotUse(Map<String, Integer> activeByDag, Map<String, Integer> activeByPool, Map<String, Integer> poolSlots) {

    // Two counts rather than one with an OR that no index serves; the second probes an index that
    // is empty nearly always. Each branch keeps its own index plan.
    private static final List<String> BRANCHES = List.of(
            "SELECT 'active', dag_id, pool, COUNT(*) FROM task_instance WHERE state IN ('queued', 'running') GROUP BY dag_id, pool",
            "SELECT 'active', dag_id, pool, COUNT(*) FROM task_instance WHERE " + TryStops.PENDING + " GROUP BY dag_id, pool",
            "SELECT 'slots', NULL, name, slots FROM pool");
    private static final String UNION = String.join(" UNION ALL ", BRANCHES);

    /**
     * On PostgreSQL the branches go as one {@code UNION ALL}: one round trip. H2 runs in process
     * (no round trips) but parses and plans a {@code UNION} again on every execution, as its
     * statement cache keeps only plain queries and data changes: there each branch is its own
     * statement, planned once per connection.
     */
    static SlotUse read(Tx h) {
        SlotUse use = new SlotUse(new HashMap<>(), new HashMap<>(), new HashMap<>());
        for (String sql : Dialect.postgres(h) ? List.of(UNION) : BRANCHES) {
            h.createQuery(sql).map((rs, ctx) -> {
                use.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4));
                return rs.getInt(4);
            }).list();
        }
        return use;
    }

    private void add(String kind, String dagId, String pool, int n) {
        if (kind.equals("slots")) {
            poolSlots.put(pool, n);
        } else {
            activeByDag.merge(dagId, n, Integer::sum);
            activeByPool.merge(pool, n, Integer::sum);
        }
    }
}
