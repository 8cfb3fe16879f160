package org.orchestrator.server.ops;

import java.util.Map;
import java.util.function.Supplier;
import org.orchestrator.server.connect.VariableStore;
import org.orchestrator.server.connect.VariableStore.Variable;

/** Setting, changing and deleting stored variables. Audited by key only: values never go into the audit log. */
public final class VariableActions {

    private final Ground ground;
    private final Supplier<VariableStore> store;

    VariableActions(Ground ground, Supplier<VariableStore> store) {
        this.ground = ground;
        this.store = store;
    }

    /** Creates or replaces a variable, as Airflow's {@code Variable.set}. */
    public void set(Actor actor, Variable v) {
        ground.audited(actor, h -> {
            store.get().set(h, v, ground.clock().instant());
            return new Ground.Done<>(null, entry("post_variables", v.key()));
        });
    }

    /** Changes the variable {@code key}; @throws OperationException (not found) when there is none */
    public void update(Actor actor, String key, Variable v) {
        ground.audited(actor, h -> {
            if (!store.get().update(h, key, v, ground.clock().instant())) {
                throw notFound(key);
            }
            return new Ground.Done<>(null, entry("patch_variable", key));
        });
    }

    /** @throws OperationException (not found) when there is no such variable */
    public void delete(Actor actor, String key) {
        ground.audited(actor, h -> {
            if (!store.get().delete(h, key)) {
                throw notFound(key);
            }
            return new Ground.Done<>(null, entry("delete_variable", key));
        });
    }

    private static AuditTrail.Entry entry(String action, String key) {
        return AuditTrail.Entry.of(action, Map.of("key", key));
    }

    private static OperationException notFound(String key) {
        return OperationException.notFound("variable " + OperationException.quote(key) + " not found");
    }
}
