package org.orchestrator.tasks.sensor;

import java.nio.file.Path;
import org.orchestrator.api.Connection;

class SqlSensorOnH2Test extends SqlSensorContract {
    @Override
    protected Connection database(Path dir) {
        return h2(dir);
    }
}
