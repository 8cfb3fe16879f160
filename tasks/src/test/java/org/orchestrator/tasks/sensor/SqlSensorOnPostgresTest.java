package org.orchestrator.tasks.sensor;

import java.nio.file.Path;
import org.orchestrator.api.Connection;
import org.orchestrator.tasks.testing.DatabaseTest;

/** The same contract on a real PostgreSQL server started by the tests. */
class SqlSensorOnPostgresTest extends SqlSensorContract {
    @Override
    protected Connection database(Path dir) {
        return DatabaseTest.postgres();
    }
}
