package org.orchestrator.server.execute.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers about the processes a process try started: their ids (printed by the task) and whether they still live. */
final class ChildProcesses {

    private static final Pattern PIDS = Pattern.compile("pids (\\d+) (\\d+)");

    private ChildProcesses() {
    }

    /** @return the child JVM's and its {@code sleep}'s pids, from the line the task printed, or an empty list */
    static List<Long> printedPids(String log) {
        Matcher m = PIDS.matcher(log);
        return m.find() ? List.of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) : List.of();
    }

    /**
     * @return whether the process still runs, by {@code /proc}: a zombie (exited, not yet reaped by
     *         whoever inherited it) counts as gone
     */
    static boolean alive(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    /** Kills what a failed test may have left behind. */
    static void killAll(List<Long> pids) {
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
}
