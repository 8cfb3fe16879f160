package org.orchestrator.api;

/**
 * A task asked for an XCom that its upstream never pushed (or pushed as {@code null}): the try
 * fails with both named, instead of going on with nothing. Ask with
 * {@link TaskContext#xcomPullOptional(String, String, Class)} where a value may be absent.
 */
public class MissingXComException extends OrchestratorException {

    /** The task that should have pushed the value. */
    private final String fromTask;
    /** The XCom key asked for. */
    private final String key;

    /**
     * Names both tasks and the key in its message.
     *
     * @param askingTask the task whose try asked
     * @param fromTask the task that should have pushed it
     * @param key the XCom key
     */
    public MissingXComException(String askingTask, String fromTask, String key) {
        super("task '" + askingTask + "' needs XCom '" + key + "' of task '" + fromTask + "', which this run has no value for"
                + " (did '" + fromTask + "' run and push it? use xcomPullOptional where it may be absent)");
        this.fromTask = fromTask;
        this.key = key;
    }

    /** {@return the task that should have pushed the value} */
    public String fromTask() {
        return fromTask;
    }

    /** {@return the XCom key} */
    public String key() {
        return key;
    }
}
