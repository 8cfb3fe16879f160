package org.orchestrator.tasks.sql;

import java.nio.file.Path;
import org.orchestrator.api.Connection;

class SqlTaskOnH2Test extends SqlTaskContract {
    @Override
    protected Connection database(Path dir) {
        return h2(dir);
    }
}
