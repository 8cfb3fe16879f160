package org.orchestrator.server.connect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Variables in the database. Every value is stored encrypted, whatever its key: which values are
 * secret is a guess from the key, and a guess is not good enough for storage.
 */
public final class VariableStore {

    private final SecretCipher cipher;

    /**
     * A variable.
     *
     * @param key         key
     * @param value       value, decrypted
     * @param description description, or null
     */
    public record Variable(String key, String value, String description) {
    }

    /** @param cipher encrypts and decrypts values */
    public VariableStore(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** @return the variable, decrypted */
    public Optional<Variable> find(Handle h, String key) {
        return h.createQuery("SELECT var_key, var_value, description FROM variable WHERE var_key = :key").bind("key", key)
                .map((rs, ctx) -> new Variable(rs.getString("var_key"),
                        cipher.decrypt(rs.getString("var_value"), "value of variable '" + key + "'"), rs.getString("description")))
                .findOne();
    }

    /** @return one page of variables by key, decrypted */
    public List<Variable> list(Handle h, int limit, int offset) {
        return h.createQuery("SELECT var_key, var_value, description FROM variable ORDER BY var_key LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new Variable(rs.getString("var_key"),
                        cipher.decrypt(rs.getString("var_value"), "value of variable '" + rs.getString("var_key") + "'"),
                        rs.getString("description")))
                .list();
    }

    /** @return how many variables are stored */
    public long count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM variable").mapTo(Long.class).one();
    }

    /** Creates or replaces a variable. */
    public void set(Handle h, Variable v, Instant now) {
        int updated = h.createUpdate("UPDATE variable SET var_value = :value, description = :description, updated_at = :now "
                        + "WHERE var_key = :key").bind("key", v.key()).bind("value", cipher.encrypt(v.value()))
                .bind("description", v.description()).bind("now", now).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO variable (var_key, var_value, description, updated_at) VALUES (:key, :value, :description, :now)")
                    .bind("key", v.key()).bind("value", cipher.encrypt(v.value())).bind("description", v.description())
                    .bind("now", now).execute();
        }
    }

    /** Renames and changes a variable; @return false when there was none with {@code oldKey} */
    public boolean update(Handle h, String oldKey, Variable v, Instant now) {
        return h.createUpdate("UPDATE variable SET var_key = :key, var_value = :value, description = :description, "
                        + "updated_at = :now WHERE var_key = :old").bind("key", v.key()).bind("value", cipher.encrypt(v.value()))
                .bind("description", v.description()).bind("now", now).bind("old", oldKey).execute() == 1;
    }

    /** @return true when the variable existed */
    public boolean delete(Handle h, String key) {
        return h.createUpdate("DELETE FROM variable WHERE var_key = :key").bind("key", key).execute() == 1;
    }
}
