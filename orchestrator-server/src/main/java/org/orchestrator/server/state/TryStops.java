package org.orchestrator.server.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.orchestrator.api.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries taken away from their instance while they run, and tries whose node died under them.
 * <p>
 * An operator action that moves a running instance elsewhere (mark, clear, a run's state) leaves
 * its try running on its node: the action records the try's end and its number in
 * {@code stopping_try}, and no new try of the instance is claimed until the node has stopped it
 * ({@link #stopped}) or the stop is declared lost ({@link #releaseLost}, or the node's own stop
 * timeout). The node finds out from the database alone: its running tries no longer own their
 * rows (a deleted run's rows are simply gone).
 */
public final class TryStops {

    private static final Logger LOG = LoggerFactory.getLogger(TryStops.class);
    private static final AtomicLong LOST = new AtomicLong();
    private static final int IN_CHUNK = 256;

    /** The SET clause that takes an instance away from its running try (the node stays, to stop it). */
    static final String TAKE_AWAY = ", stopping_try = try_number";
    /**
     * The instances whose try is being stopped. Written as a range, not {@code IS NOT NULL}: H2
     * serves no index for {@code IS NOT NULL} and scanned the whole table on every claim (a chain's
     * hop went from ~1.2 to ~2-5 ms, and it would grow with history); try numbers start at 1.
     */
    static final String PENDING = "stopping_try > 0";

    /**
     * The facts a node checks its running tries against.
     *
     * @param tiId      the task instance
     * @param state     its state now
     * @param tryNumber its current try
     * @param node      the node holding it
     * @param stoppingTry the try an action took it away from, still to be stopped, or null
     */
    public record Owner(long tiId, TaskState state, int tryNumber, String node, Integer stoppingTry) {

        /** @return whether an action took the instance away from this try of this node */
        public boolean tookAway(int tryNumber, String node) {
            return stoppingTry != null && stoppingTry == tryNumber && node.equals(this.node);
        }
    }

    /** @return how many stops this JVM declared lost (the try did not stop in time, or its node died) */
    public static long lostCount() {
        return LOST.get();
    }

    /**
     * Writes the row of a try just taken away from its instance, in the action's transaction: it
     * ends as {@code tryState}, saying by which action; its end time is set once it has stopped.
     */
    static void takenAway(Tx h, TaskInstanceRow ti, TaskState tryState, String action) {
        h.createUpdate("INSERT INTO task_try (ti_id, try_number, state, node, start_date, end_date, error, log_path) "
                        + "SELECT :ti, :try, :state, :node, :start, NULL, :error, :log "
                        + "WHERE NOT EXISTS (SELECT 1 FROM task_try WHERE ti_id = :ti AND try_number = :try)")
                .bind("ti", ti.id()).bind("try", ti.tryNumber()).bind("state", tryState.wireName()).bind("node", ti.node())
                .bind("start", ti.startDate()).bind("error", "stopped: " + action + " while this try ran")
                .bind("log", TryLogPath.of(ti, ti.tryNumber())).execute();
    }

    /** @return who owns each of these instances now; a deleted instance is absent */
    public List<Owner> owners(Tx h, Collection<Long> ids) {
        List<Long> all = List.copyOf(ids);
        List<Owner> owners = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            owners.addAll(h.createQuery("SELECT id, state, try_number, node, stopping_try FROM task_instance WHERE id IN (<ids>)")
                    .bindList("ids", all.subList(from, Math.min(all.size(), from + IN_CHUNK)))
                    .map((rs, ctx) -> new Owner(rs.getLong(1), TaskState.fromWireName(rs.getString(2)), rs.getInt(3),
                            rs.getString(4), rs.getObject(5, Integer.class))).list());
        }
        return owners;
    }

    /**
     * The node stopped a try taken away from its instance (or gave up waiting, {@code lost}): a
     * new try may start, and the try's row gets its end time.
     */
    public void stopped(Tx h, long tiId, int tryNumber, boolean lost, Instant now) {
        int released = h.createUpdate("UPDATE task_instance SET stopping_try = NULL WHERE id = :id AND stopping_try = :try")
                .bind("id", tiId).bind("try", tryNumber).execute();
        h.createUpdate("UPDATE task_try SET end_date = :now WHERE ti_id = :id AND try_number = :try AND end_date IS NULL")
                .bind("now", now).bind("id", tiId).bind("try", tryNumber).execute();
        if (lost && released == 1) {
            LOST.incrementAndGet();
        }
    }

    /**
     * A try was stopped because its instance was given to another try meanwhile (its node was
     * taken for dead): the outcome it would have written is a stale write, counted as such.
     */
    public static void discarded(long tiId, int tryNumber) {
        StaleWrites.rejected("outcome (the try was stopped)", tiId, tryNumber);
    }

    /**
     * Declares lost the stops waited for on nodes that are gone: their tries died with them.
     *
     * @return how many were released
     */
    public int releaseLost(Tx h, Collection<String> liveNodes, Instant now) {
        List<Owner> lost = h.createQuery("SELECT id, state, stopping_try, node FROM task_instance "
                        + "WHERE " + PENDING + " AND (node IS NULL OR node NOT IN (<nodes>))")
                .bindList("nodes", List.copyOf(liveNodes))
                .map((rs, ctx) -> new Owner(rs.getLong(1), TaskState.fromWireName(rs.getString(2)), rs.getInt(3),
                        rs.getString(4), rs.getInt(3))).list();
        for (Owner o : lost) {
            LOG.warn("task instance {}: try {} was to be stopped on node {}, which is gone; declared lost", o.tiId(),
                    o.tryNumber(), o.node());
            stopped(h, o.tiId(), o.tryNumber(), true, now);
        }
        return lost.size();
    }

    /**
     * Counts that a try's node died while it ran (guarded: only while the instance still runs
     * that try).
     *
     * @return the instance's crash count now, or empty when the try no longer owns it
     */
    public OptionalInt crashed(Tx h, long tiId, int tryNumber) {
        int rows = h.createUpdate("UPDATE task_instance SET crashes = crashes + 1 WHERE id = :id AND state = 'running' "
                + "AND try_number = :try").bind("id", tiId).bind("try", tryNumber).execute();
        if (rows == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(h.createQuery("SELECT crashes FROM task_instance WHERE id = :id").bind("id", tiId)
                .mapTo(Integer.class).one());
    }
}
