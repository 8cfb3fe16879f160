package org.orchestrator.server.cluster;

import java.net.InetAddress;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.orchestrator.server.state.Nodes;

/**
 * This process's membership: a node id {@code name@incarnation}, registered at start and
 * heartbeated by the sweep. A restarted node drops its earlier incarnations at once, so the tries
 * they left running become zombies without waiting for the node timeout.
 */
public final class NodeRegistry {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Nodes nodes = new Nodes();
    private final String name;
    private final String nodeId;

    /** @param jdbi db @param clock time @param name the node's stable name */
    public NodeRegistry(Jdbi jdbi, Clock clock, String name) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.name = name;
        this.nodeId = name + "@" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @param roles what this process does, e.g. {@code scheduler,executor,web} */
    public void register(String roles) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM node WHERE node_id LIKE :prefix").bind("prefix", name + "@%").execute();
            nodes.register(h, nodeId, hostName(), roles, clock.instant());
        });
    }

    /** Records that this node is alive. */
    public void heartbeat() {
        jdbi.useHandle(h -> nodes.heartbeat(h, nodeId, clock.instant()));
    }

    /** Leaves the cluster cleanly. */
    public void deregister() {
        jdbi.useHandle(h -> nodes.remove(h, nodeId));
    }

    /** @return this node's id, written on the task instances it claims */
    public String nodeId() {
        return nodeId;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
