package org.orchestrator.server.connect;

import java.util.Optional;
import org.orchestrator.server.state.Listing;
import org.orchestrator.server.state.Reads;
import org.orchestrator.server.state.Variables;

/**
 * Variables in the database as the server reads them (writes are {@code ops.VariableActions}'). Every value is stored encrypted, whatever its key: which values are
 * secret is a guess from the key, and a guess is not good enough for storage.
 */
public final class VariableStore {

    private final Reads reads;
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

    /** @param reads the database's read side @param cipher decrypts values */
    public VariableStore(Reads reads, SecretCipher cipher) {
        this.reads = reads;
        this.cipher = cipher;
    }

    /** @return the variable, decrypted */
    public Optional<Variable> find(String key) {
        return reads.variable(key).map(this::decrypted);
    }

    /** @return one page of variables by key, decrypted, and how many there are */
    public Listing<Variable> page(int limit, int offset) {
        return reads.variables(limit, offset).map(this::decrypted);
    }

    private Variable decrypted(Variables.Row row) {
        return new Variable(row.key(), cipher.decrypt(row.encryptedValue(), "value of variable '" + row.key() + "'"),
                row.description());
    }
}
