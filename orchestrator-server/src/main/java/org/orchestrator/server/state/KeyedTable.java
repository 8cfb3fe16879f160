package org.orchestrator.server.state;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Reads of a table looked up and listed by one text key (connections by id, variables by key):
 * one row, a page in key order, the count. Names come from code, values are bound.
 *
 * @param table   the table
 * @param key     its key column
 * @param columns the columns the mapper reads
 * @param mapper  the table's row mapper
 * @param <T>     the row type
 */
public record KeyedTable<T>(String table, String key, String columns, RowMapper<T> mapper) {

    /** @return the row with this key */
    public Optional<T> find(Tx h, String value) {
        return h.createQuery("SELECT " + columns + " FROM " + table + " WHERE " + key + " = :key").bind("key", value)
                .map(mapper).findOne();
    }

    /** @return one page of rows in key order */
    public List<T> page(Tx h, int limit, int offset) {
        return h.createQuery("SELECT " + columns + " FROM " + table + " ORDER BY " + key + " LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset).map(mapper).list();
    }

    /** @return how many rows the table has */
    public long count(Tx h) {
        return h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one();
    }
}
