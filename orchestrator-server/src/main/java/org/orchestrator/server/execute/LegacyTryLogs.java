package org.orchestrator.server.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TryLogPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upgrading from the earlier log path scheme ({@link TryLogPath#legacyOf}). Ended tries need
 * nothing: their rows keep naming the file they wrote. A try still running when the server
 * stopped wrote under the earlier path, but its row (written when it is reaped or ends) and the
 * API's view of a running try name the current path, so its log is moved there once, at start.
 */
public final class LegacyTryLogs {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyTryLogs.class);

    private final Transactions db;
    private final Path root;

    /** @param db the database @param root the logs folder */
    public LegacyTryLogs(Transactions db, Path root) {
        this.db = db;
        this.root = root;
    }

    /** @return how many logs of running tries were moved to their current path */
    public int adopt() {
        List<TaskInstanceRow> active = db.withHandle(h -> new TaskInstances().activeOnNodesOtherThan(h, List.of()));
        return (int) active.stream().filter(ti -> ti.state() == TaskState.RUNNING && ti.tryNumber() > 0)
                .filter(this::adopt).count();
    }

    private boolean adopt(TaskInstanceRow ti) {
        Path legacy = root.resolve(TryLogPath.legacyOf(ti, ti.tryNumber()));
        Path current = root.resolve(TryLogPath.of(ti, ti.tryNumber()));
        if (legacy.equals(current) || !Files.isRegularFile(legacy) || Files.exists(current)) {
            return false;
        }
        try {
            Files.createDirectories(current.getParent());
            Files.move(legacy, current);
            LOG.info("moved the log of running try {}/{}/{} #{} from {} to {}", ti.dagId(), ti.runId(), ti.taskId(),
                    ti.tryNumber(), root.relativize(legacy), root.relativize(current));
            return true;
        } catch (IOException e) {
            LOG.warn("cannot move the log of try {}/{}/{} #{} to its new path: {}", ti.dagId(), ti.runId(), ti.taskId(),
                    ti.tryNumber(), e.getMessage());
            return false;
        }
    }
}
