package org.orchestrator.server.state;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where a try's log lives, relative to the logs folder:
 * {@code dag_id=…/run_id=…/task_id=…/attempt=N.log}, with {@code map_index=I/} before the attempt for
 * an instance of a mapped task (Airflow's layout). Built from stored ids, never from a path a
 * request sent. Each id is percent-encoded (every byte outside {@code A-Za-z0-9 . _ + = -},
 * {@code %} included, becomes {@code %XX}), so two different ids never share a folder: runs
 * {@code a:b}, {@code a~b} and {@code a_b} get three logs. Ids made only of those characters
 * keep the path the earlier scheme gave them.
 */
public final class TryLogPath {

    private static final Pattern LEGACY_UNSAFE = Pattern.compile("[^A-Za-z0-9._=+-]");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TryLogPath() {
    }

    /** @return the relative log path of a try of the instance */
    public static String of(TaskInstanceRow ti, int tryNumber) {
        String taskFolder = encode(ti.taskId()) + (ti.mapIndex() < 0 ? "" : "/map_index=" + ti.mapIndex());
        return path(encode(ti.dagId()), encode(ti.runId()), taskFolder, tryNumber);
    }

    /**
     * The path the earlier scheme gave a try (each unsafe character became {@code _}, so
     * different ids could share it). Try rows written then keep naming it; a try still running
     * when the server was upgraded wrote its log there.
     *
     * @return the relative log path of the try under the earlier scheme
     */
    public static String legacyOf(TaskInstanceRow ti, int tryNumber) {
        return path(legacy(ti.dagId()), legacy(ti.runId()), legacy(ti.taskId()), tryNumber);
    }

    private static String path(String dagId, String runId, String taskId, int tryNumber) {
        return "dag_id=" + dagId + "/run_id=" + runId + "/task_id=" + taskId + "/attempt=" + tryNumber + ".log";
    }

    /** @return the id with every byte outside the safe set written as {@code %XX}: an injective mapping */
    static String encode(String id) {
        StringBuilder out = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            if (safe(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean safe(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
                || b == '.' || b == '_' || b == '=' || b == '+' || b == '-';
    }

    private static String legacy(String id) {
        return LEGACY_UNSAFE.matcher(id).replaceAll("_");
    }
}
