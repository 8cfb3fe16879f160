package org.orchestrator.server.state;

import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The variable table; values are stored and read encrypted (connect/VariableStore encrypts and decrypts them). */
public final class Variables {

    private static final KeyedTable<Row> READS = new KeyedTable<>("variable", "var_key", Row.NAMES, Row.MAPPER);

    /**
     * A variable as stored.
     *
     * @param key            key
     * @param encryptedValue its value, encrypted
     * @param description    description, or null
     */
    public record Row(String key, String encryptedValue, String description) {
        static final String NAMES = "var_key, var_value, description";

        static final RowMapper<Row> MAPPER = (rs, ctx) -> new Row(rs.getString("var_key"), rs.getString("var_value"),
                rs.getString("description"));
    }

    /** @return reads of the variables by key, values still encrypted: one, a page, the count */
    public KeyedTable<Row> reads() {
        return READS;
    }

    /** Creates or replaces a variable. */
    public void set(Tx h, String key, String encryptedValue, String description, Instant now) {
        int updated = h.createUpdate("UPDATE variable SET var_value = :value, description = :description, updated_at = :now "
                        + "WHERE var_key = :key").bind("key", key).bind("value", encryptedValue)
                .bind("description", description).bind("now", now).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO variable (var_key, var_value, description, updated_at) VALUES (:key, :value, :description, :now)")
                    .bind("key", key).bind("value", encryptedValue).bind("description", description).bind("now", now).execute();
        }
    }

    /** Renames and changes a variable; @return false when there was none with {@code oldKey} */
    public boolean update(Tx h, String oldKey, String key, String encryptedValue, String description, Instant now) {
        return h.createUpdate("UPDATE variable SET var_key = :key, var_value = :value, description = :description, "
                        + "updated_at = :now WHERE var_key = :old").bind("key", key).bind("value", encryptedValue)
                .bind("description", description).bind("now", now).bind("old", oldKey).execute() == 1;
    }

    /** @return true when the variable existed */
    public boolean delete(Tx h, String key) {
        return h.createUpdate("DELETE FROM variable WHERE var_key = :key").bind("key", key).execute() == 1;
    }
}
