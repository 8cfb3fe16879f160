package org.orchestrator.server.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.orchestrator.api.TaskOptions;
import org.orchestrator.server.state.Pools;

/** Creating, changing and deleting pools; the default pool is never deleted or renamed. */
public final class PoolActions {

    private final Ground ground;
    private final Pools pools = new Pools();

    PoolActions(Ground ground) {
        this.ground = ground;
    }

    /** @throws OperationException (already exists) when the name is taken */
    public void create(Actor actor, String name, int slots, String description) {
        ground.audited(actor, h -> {
            if (pools.exists(h, name)) {
                throw alreadyExists(name);
            }
            pools.insert(h, name, slots, description);
            return new Ground.Done<>(null, AuditTrail.Entry.of("post_pool", extra(name, slots)));
        });
    }

    /** Changes a pool, possibly renaming it; the audit row names the old name as {@code renamed_from}. */
    public void update(Actor actor, String name, String newName, int slots, String description) {
        if (name.equals(TaskOptions.DEFAULT_POOL) && !newName.equals(name)) {
            throw OperationException.invalid("the default pool cannot be renamed");
        }
        ground.audited(actor, h -> {
            if (!newName.equals(name) && pools.exists(h, newName)) {
                throw alreadyExists(newName);
            }
            if (!pools.update(h, name, newName, slots, description)) {
                throw notFound(name);
            }
            Map<String, Object> extra = extra(newName, slots);
            if (!newName.equals(name)) {
                extra.put("renamed_from", name);
            }
            return new Ground.Done<>(null, AuditTrail.Entry.of("patch_pool", extra));
        });
    }

    /** @throws OperationException for the default pool (invalid) or an unknown one (not found) */
    public void delete(Actor actor, String name) {
        if (name.equals(TaskOptions.DEFAULT_POOL)) {
            throw OperationException.invalid("the default pool cannot be deleted");
        }
        ground.audited(actor, h -> {
            if (!pools.delete(h, name)) {
                throw notFound(name);
            }
            return new Ground.Done<>(null, AuditTrail.Entry.of("delete_pool", Map.of("name", name)));
        });
    }

    private static Map<String, Object> extra(String name, int slots) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("name", name);
        extra.put("slots", slots);
        return extra;
    }

    private static OperationException alreadyExists(String name) {
        return OperationException.alreadyExists("pool " + OperationException.quote(name) + " already exists");
    }

    private static OperationException notFound(String name) {
        return OperationException.notFound("pool " + OperationException.quote(name) + " not found");
    }
}
