package org.orchestrator.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds this JVM's child processes by their arguments and tells whether a process still runs. */
final class Processes {

    private Processes() {
    }

    /** @return live descendants of this JVM with an argument containing {@code marker} */
    static List<ProcessHandle> descendantsWithArgument(String marker) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(marker)).orElse(false))
                .toList();
    }

    /**
     * True while the process executes. A zombie (dead, exit status not yet collected) counts as
     * ended: a killed child orphaned to an init that does not reap stays a zombie for ever, yet
     * {@link ProcessHandle#isAlive()} reports it alive.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false; // its /proc entry is gone: it has been reaped
        }
    }
}
