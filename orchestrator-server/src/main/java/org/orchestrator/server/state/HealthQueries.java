package org.orchestrator.server.state;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** What {@code /health} asks the database. */
public final class HealthQueries {

    /** @return true when the database answers a trivial query */
    public boolean databaseAnswers(Tx h) {
        return h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1;
    }

    /** @return the latest heartbeat of any node that runs the scheduler role */
    public Optional<Instant> latestSchedulerHeartbeat(Tx h) {
        return h.createQuery("SELECT MAX(heartbeat_at) FROM node WHERE roles LIKE '%scheduler%'")
                .mapTo(Instant.class).findOne();
    }

}
