package org.orchestrator.server.execute.isolation;

/** Says how a child JVM ended, from its exit value (128 + n when signal n killed it, as a shell reports). */
final class ExitCodes {

    private static final int SIGNALLED = 128;

    private ExitCodes() {
    }

    static String describe(int exit) {
        if (exit > SIGNALLED && exit <= SIGNALLED + 64) {
            int signal = exit - SIGNALLED;
            return "the child JVM was killed by signal " + signal + name(signal) + " (exit code " + exit + ")";
        }
        return "the child JVM exited with code " + exit;
    }

    private static String name(int signal) {
        return switch (signal) {
            case 6 -> " (SIGABRT: a native crash)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV: a native crash)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}
