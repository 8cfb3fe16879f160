package org.orchestrator.server.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.orchestrator.api.Connection;
import org.orchestrator.server.connect.ConnectionStore;
import org.orchestrator.server.connect.SecretCipher;
import org.orchestrator.server.state.Connections;

/**
 * Adding, changing and deleting stored connections. Audited by id and type only: a
 * connection's URL, login or secrets never go into the audit log.
 */
public final class ConnectionActions {

    private final Ground ground;
    private final Supplier<SecretCipher> cipher;
    private final Connections rows = new Connections();

    ConnectionActions(Ground ground, Supplier<SecretCipher> cipher) {
        this.ground = ground;
        this.cipher = cipher;
    }

    /** @throws OperationException (already exists) when the id is taken */
    public void add(Actor actor, Connection c, String description) {
        ground.audited(actor, h -> {
            if (rows.exists(h, c.id())) {
                throw alreadyExists(c.id());
            }
            rows.insert(h, ConnectionStore.sealed(cipher.get(), c, description), ground.clock().instant());
            return new Ground.Done<>(null, entry("post_connection", c.id(), c.type(), c.id()));
        });
    }

    /** Replaces the connection {@code oldId}, possibly under a new id ({@code renamed_from} in the audit row). */
    public void update(Actor actor, String oldId, Connection c, String description) {
        ground.audited(actor, h -> {
            if (!c.id().equals(oldId) && rows.exists(h, c.id())) {
                throw alreadyExists(c.id());
            }
            if (!rows.update(h, oldId, ConnectionStore.sealed(cipher.get(), c, description), ground.clock().instant())) {
                throw notFound(oldId);
            }
            return new Ground.Done<>(null, entry("patch_connection", c.id(), c.type(), oldId));
        });
    }

    /** @throws OperationException (not found) when there is no such connection */
    public void delete(Actor actor, String id) {
        ground.audited(actor, h -> {
            if (!rows.delete(h, id)) {
                throw notFound(id);
            }
            return new Ground.Done<>(null, entry("delete_connection", id, null, id));
        });
    }

    private static AuditTrail.Entry entry(String action, String id, String type, String previousId) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("connection_id", id);
        if (type != null) {
            extra.put("conn_type", type);
        }
        if (!previousId.equals(id)) {
            extra.put("renamed_from", previousId);
        }
        return AuditTrail.Entry.of(action, extra);
    }

    private static OperationException alreadyExists(String id) {
        return OperationException.alreadyExists("connection " + OperationException.quote(id) + " already exists");
    }

    private static OperationException notFound(String id) {
        return OperationException.notFound("connection " + OperationException.quote(id) + " not found");
    }
}
