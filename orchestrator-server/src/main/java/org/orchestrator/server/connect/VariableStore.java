package org.orchestrator.server.connect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.orchestrator.server.state.Variables;

/**
 * Variables in the database. Every value is stored encrypted, whatever its key: which values are
 * secret is a guess from the key, and a guess is not good enough for storage.
 */
public final class VariableStore {

    private final SecretCipher cipher;
    private final Variables rows = new Variables();

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
        rows.set(h, v.key(), cipher.encrypt(v.value()), v.description(), now);
    }

    /** Renames and changes a variable; @return false when there was none with {@code oldKey} */
    public boolean update(Handle h, String oldKey, Variable v, Instant now) {
        return rows.update(h, oldKey, v.key(), cipher.encrypt(v.value()), v.description(), now);
    }

    /** @return true when the variable existed */
    public boolean delete(Handle h, String key) {
        return rows.delete(h, key);
    }
}
