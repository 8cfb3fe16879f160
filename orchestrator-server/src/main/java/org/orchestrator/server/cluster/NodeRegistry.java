package org.orchestrator.server.cluster;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.server.internal.BackgroundLoop;
import org.orchestrator.server.state.Nodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's membership: a node id {@code name@incarnation}, registered at start and
 * heartbeated by a loop of its own (a slow sweep must not make a live node look dead). A
 * restarted node drops its earlier incarnations at once, so the tries they left running become
 * zombies without waiting for the node timeout. A heartbeat that fails marks the
 * {@link DatabaseLink} down; the loop retries with backoff and the next success marks it up.
 */
public final class NodeRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);

    private final Transactions db;
    private final Clock clock;
    private final Nodes nodes = new Nodes();
    private final String name;
    private final String nodeId;
    private final DatabaseLink link;
    private String roles = "";
    private BackgroundLoop loop;

    /** @param db the database @param clock time @param name the node's stable name */
    public NodeRegistry(Transactions db, Clock clock, String name) {
        this.db = db;
        this.clock = clock;
        this.name = name;
        this.nodeId = name + "@" + UUID.randomUUID().toString().substring(0, 8);
        this.link = new DatabaseLink(clock.instant());
    }

    /** @param nodeRoles what this process does, e.g. {@code scheduler,worker} */
    public void register(String nodeRoles) {
        this.roles = nodeRoles;
        db.useTransaction(h -> {
            nodes.removeIncarnations(h, name);
            nodes.register(h, nodeId, hostName(), roles, clock.instant());
        });
    }

    /**
     * Starts heartbeating.
     *
     * @param interval time between heartbeats
     */
    public void startHeartbeats(Duration interval) {
        loop = new BackgroundLoop("heartbeat", interval, this::heartbeat).start();
    }

    /** Records that this node is alive; re-registers when its row was removed meanwhile. */
    public void heartbeat() {
        try {
            boolean known = db.withHandle(h -> nodes.heartbeat(h, nodeId, clock.instant()));
            if (!known) {
                LOG.warn("node {} was missing from the node table; registering it again", nodeId);
                db.useHandle(h -> nodes.register(h, nodeId, hostName(), roles, clock.instant()));
            }
            if (!link.isUp()) {
                LOG.info("node {} reaches the database again (it was lost since {})", nodeId, link.downSince());
            }
            link.succeeded(clock.instant());
        } catch (RuntimeException e) {
            link.failed(clock.instant(), e);
            throw e;
        }
    }

    /** Leaves the cluster cleanly: heartbeats stop and the node's row goes. */
    public void deregister() {
        close();
        db.useHandle(h -> nodes.remove(h, nodeId));
    }

    /** @return this node's id, written on the task instances it claims */
    public String nodeId() {
        return nodeId;
    }

    /** @return whether this node reaches the database */
    public DatabaseLink link() {
        return link;
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
