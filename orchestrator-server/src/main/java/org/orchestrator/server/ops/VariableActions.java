package org.orchestrator.server.ops;

import java.util.Map;
import java.util.function.Supplier;
import org.orchestrator.server.connect.SecretCipher;
import org.orchestrator.server.state.Variables;
import org.orchestrator.server.connect.VariableStore.Variable;

/** Setting, changing and deleting stored variables. Audited by key only: values never go into the audit log. */
public final class VariableActions {

    private final Ground ground;
    private final Supplier<SecretCipher> cipher;
    private final Variables rows = new Variables();

    VariableActions(Ground ground, Supplier<SecretCipher> cipher) {
        this.ground = ground;
        this.cipher = cipher;
    }

    /** Creates or replaces a variable, as Airflow's {@code Variable.set}. */
    public void set(Actor actor, Variable v) {
        ground.audited(actor, h -> {
            rows.set(h, v.key(), cipher.get().encrypt(v.value()), v.description(), ground.clock().instant());
            return new Ground.Done<>(null, entry("post_variables", v.key()));
        });
    }

    /** Changes the variable {@code key}; @throws OperationException (not found) when there is none */
    public void update(Actor actor, String key, Variable v) {
        ground.audited(actor, h -> {
            if (!rows.update(h, key, v.key(), cipher.get().encrypt(v.value()), v.description(), ground.clock().instant())) {
                throw notFound(key);
            }
            return new Ground.Done<>(null, entry("patch_variable", key));
        });
    }

    /** @throws OperationException (not found) when there is no such variable */
    public void delete(Actor actor, String key) {
        ground.audited(actor, h -> {
            if (!rows.delete(h, key)) {
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
