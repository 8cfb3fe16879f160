package org.orchestrator.server.connect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.orchestrator.server.state.Tx;
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
    public Optional<Variable> find(Tx h, String key) {
        return rows.reads().find(h, key).map(this::decrypted);
    }

    /** @return one page of variables by key, decrypted */
    public List<Variable> list(Tx h, int limit, int offset) {
        return rows.reads().page(h, limit, offset).stream().map(this::decrypted).toList();
    }

    /** @return how many variables are stored */
    public long count(Tx h) {
        return rows.reads().count(h);
    }

    /** Creates or replaces a variable. */
    public void set(Tx h, Variable v, Instant now) {
        rows.set(h, v.key(), cipher.encrypt(v.value()), v.description(), now);
    }

    /** Renames and changes a variable; @return false when there was none with {@code oldKey} */
    public boolean update(Tx h, String oldKey, Variable v, Instant now) {
        return rows.update(h, oldKey, v.key(), cipher.encrypt(v.value()), v.description(), now);
    }

    private Variable decrypted(Variables.Row row) {
        return new Variable(row.key(), cipher.decrypt(row.encryptedValue(), "value of variable '" + row.key() + "'"),
                row.description());
    }

    /** @return true when the variable existed */
    public boolean delete(Tx h, String key) {
        return rows.delete(h, key);
    }
}
