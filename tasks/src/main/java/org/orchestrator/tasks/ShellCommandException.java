package org.orchestrator.tasks;

import java.util.List;
import org.orchestrator.api.OrchestratorException;

/**
 * A {@link ShellTask}'s command exited with a non-zero code; the try fails with this.
 *
 * <pre>{@code
 * shell command [bash, -c, exit 3] exited with code 3
 * }</pre>
 */
public class ShellCommandException extends OrchestratorException {

    /** The program and its arguments. */
    private final List<String> command;
    /** The code the command exited with. */
    private final int exitCode;

    /**
     * Creates the exception for a command and its exit code.
     *
     * @param command the program and its arguments
     * @param exitCode what it exited with
     */
    public ShellCommandException(List<String> command, int exitCode) {
        super("shell command " + command + " exited with code " + exitCode);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
    }

    /** {@return the program and its arguments} */
    public List<String> command() {
        return command;
    }

    /** {@return the exit code, 128 + n when killed by signal n} */
    public int exitCode() {
        return exitCode;
    }
}
