package org.orchestrator.server.state;

import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Named slot pools bounding how many tries of their tasks run at once. */
public final class Pools {

    /** @return slots per pool name */
    public Map<String, Integer> slots(Handle h) {
        Map<String, Integer> slots = new java.util.HashMap<>();
        h.createQuery("SELECT name, slots FROM pool").map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> slots.put(e.getKey(), e.getValue()));
        return slots;
    }

    /** Creates or resizes a pool. */
    public void put(Handle h, String name, int slots, String description) {
        int updated = h.createUpdate("UPDATE pool SET slots = :slots, description = :description WHERE name = :name")
                .bind("name", name).bind("slots", slots).bind("description", description).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO pool (name, slots, description) VALUES (:name, :slots, :description)")
                    .bind("name", name).bind("slots", slots).bind("description", description).execute();
        }
    }
}
