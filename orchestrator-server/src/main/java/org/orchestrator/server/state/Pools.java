package org.orchestrator.server.state;

import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Named slot pools bounding how many tries of their tasks run at once. */
public final class Pools {

    /** Creates or resizes a pool. */
    public void put(Tx h, String name, int slots, String description) {
        int updated = h.createUpdate("UPDATE pool SET slots = :slots, description = :description WHERE name = :name")
                .bind("name", name).bind("slots", slots).bind("description", description).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO pool (name, slots, description) VALUES (:name, :slots, :description)")
                    .bind("name", name).bind("slots", slots).bind("description", description).execute();
        }
    }

    /** @return true if a pool of that name exists */
    public boolean exists(Tx h, String name) {
        return h.createQuery("SELECT COUNT(*) FROM pool WHERE name = :name").bind("name", name).mapTo(Integer.class).one() > 0;
    }

    /** Creates a pool. */
    public void insert(Tx h, String name, int slots, String description) {
        h.createUpdate("INSERT INTO pool (name, slots, description) VALUES (:name, :slots, :description)")
                .bind("name", name).bind("slots", slots).bind("description", description).execute();
    }

    /** Changes a pool's name, slots and description; @return true if it existed */
    public boolean update(Tx h, String name, String newName, int slots, String description) {
        return h.createUpdate("UPDATE pool SET name = :newName, slots = :slots, description = :description WHERE name = :name")
                .bind("name", name).bind("newName", newName).bind("slots", slots).bind("description", description)
                .execute() == 1;
    }

    /** @return true if the pool existed */
    public boolean delete(Tx h, String name) {
        return h.createUpdate("DELETE FROM pool WHERE name = :name").bind("name", name).execute() == 1;
    }
}
