package org.orchestrator.server.state;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Writes to the variable table; values arrive encrypted (see {@code connect/VariableStore}). */
public final class Variables {

    /** Creates or replaces a variable. */
    public void set(Handle h, String key, String encryptedValue, String description, Instant now) {
        int updated = h.createUpdate("UPDATE variable SET var_value = :value, description = :description, updated_at = :now "
                        + "WHERE var_key = :key").bind("key", key).bind("value", encryptedValue)
                .bind("description", description).bind("now", now).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO variable (var_key, var_value, description, updated_at) VALUES (:key, :value, :description, :now)")
                    .bind("key", key).bind("value", encryptedValue).bind("description", description).bind("now", now).execute();
        }
    }

    /** Renames and changes a variable; @return false when there was none with {@code oldKey} */
    public boolean update(Handle h, String oldKey, String key, String encryptedValue, String description, Instant now) {
        return h.createUpdate("UPDATE variable SET var_key = :key, var_value = :value, description = :description, "
                        + "updated_at = :now WHERE var_key = :old").bind("key", key).bind("value", encryptedValue)
                .bind("description", description).bind("now", now).bind("old", oldKey).execute() == 1;
    }

    /** @return true when the variable existed */
    public boolean delete(Handle h, String key) {
        return h.createUpdate("DELETE FROM variable WHERE var_key = :key").bind("key", key).execute() == 1;
    }
}
