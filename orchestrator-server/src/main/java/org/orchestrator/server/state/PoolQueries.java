package org.orchestrator.server.state;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Pools with how many of their slots task instances use, by state; and pool writes. */
public final class PoolQueries {

    private static final String SELECT = "SELECT p.name, p.slots, p.description, "
            + count("running") + " AS running, " + count("queued") + " AS queued, " + count("scheduled") + " AS scheduled "
            + "FROM pool p";

    private static final RowMapper<PoolRecord> MAPPER = (rs, ctx) -> new PoolRecord(rs.getString("name"),
            rs.getInt("slots"), rs.getString("description"), rs.getInt("running"), rs.getInt("queued"),
            rs.getInt("scheduled"));

    /**
     * A pool and its use.
     *
     * @param name        name
     * @param slots       slots in all
     * @param description description
     * @param running     slots taken by running instances
     * @param queued      slots taken by queued instances
     * @param scheduled   instances waiting for a slot
     */
    public record PoolRecord(String name, int slots, String description, int running, int queued, int scheduled) {
    }

    private static String count(String state) {
        return "(SELECT COUNT(*) FROM task_instance t WHERE t.pool = p.name AND t.state = '" + state + "')";
    }

    /** @return one page of pools, by name */
    public Listing<PoolRecord> list(Tx h, Page page) {
        long total = h.createQuery("SELECT COUNT(*) FROM pool").mapTo(Long.class).one();
        List<PoolRecord> items = h.createQuery(SELECT + " ORDER BY p.name LIMIT :limit OFFSET :offset")
                .bind("limit", page.limit()).bind("offset", page.offset()).map(MAPPER).list();
        return new Listing<>(items, total);
    }

    /** @return every pool, by name */
    public List<PoolRecord> all(Tx h) {
        return h.createQuery(SELECT + " ORDER BY p.name").map(MAPPER).list();
    }

    /** @return the pool */
    public Optional<PoolRecord> find(Tx h, String name) {
        return h.createQuery(SELECT + " WHERE p.name = :name").bind("name", name).map(MAPPER).findOne();
    }
}
