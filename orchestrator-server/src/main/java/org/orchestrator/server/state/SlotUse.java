package org.orchestrator.server.state;

import java.util.HashMap;
import java.util.Map;

/**
 * What a claim admits tries against, read in one statement: the instances holding execution
 * slots (queued or running, or a try still being stopped, which runs until its node has stopped
 * it) per DAG and per pool, and every pool's slots. A claim runs after every batch of outcomes,
 * so this is one round trip instead of three.
 *
 * @param activeByDag  active instances per DAG id
 * @param activeByPool active instances per pool
 * @param poolSlots    slots per pool name
 */
public record SlotUse(Map<String, Integer> activeByDag, Map<String, Integer> activeByPool, Map<String, Integer> poolSlots) {

    // Two counts rather than one with an OR that no index serves; the second probes an index that
    // is empty nearly always. Each branch keeps its own index plan.
    private static final String SQL = "SELECT 'active', dag_id, pool, COUNT(*) FROM task_instance "
            + "WHERE state IN ('queued', 'running') GROUP BY dag_id, pool "
            + "UNION ALL SELECT 'active', dag_id, pool, COUNT(*) FROM task_instance WHERE " + TryStops.PENDING
            + " GROUP BY dag_id, pool "
            + "UNION ALL SELECT 'slots', NULL, name, slots FROM pool";

    static SlotUse read(Tx h) {
        SlotUse use = new SlotUse(new HashMap<>(), new HashMap<>(), new HashMap<>());
        h.createQuery(SQL).map((rs, ctx) -> {
            int n = rs.getInt(4);
            if (rs.getString(1).equals("slots")) {
                use.poolSlots().put(rs.getString(3), n);
            } else {
                use.activeByDag().merge(rs.getString(2), n, Integer::sum);
                use.activeByPool().merge(rs.getString(3), n, Integer::sum);
            }
            return n;
        }).list();
        return use;
    }
}
