package org.orchestrator.tasks.csv;

import java.nio.file.Path;
import org.orchestrator.api.Connection;

class CsvOnH2Test extends CsvContract {
    @Override
    protected Connection database(Path dir) {
        return h2(dir);
    }
}
