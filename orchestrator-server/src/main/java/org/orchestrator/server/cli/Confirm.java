package org.orchestrator.server.cli;

/** Asks the operator at the terminal before a command deletes history; no terminal means no. */
final class Confirm {

    private Confirm() {
    }

    /** @return true when the operator answered y */
    static boolean ask(String what) {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("%s Proceed? (y/n) ", what);
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }
}
