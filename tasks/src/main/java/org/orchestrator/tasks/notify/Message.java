package org.orchestrator.tasks.notify;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.orchestrator.api.DagRunEvent;
import org.orchestrator.api.FailedTask;
import org.orchestrator.api.TaskEvent;

/**
 * The text of an alert, the same for every notifier: a one-line subject and a body with the DAG,
 * task, run, try, state, error and the link to the log or run; a failed run's alert lists its
 * failed tasks with their errors and log links. A prefix is always followed by a space.
 *
 * @param subject one line, e.g. {@code [Orchestrator] orders.load failed (try 3)}
 * @param body    the details, one per line
 */
record Message(String subject, String body) {

    static Message of(String prefix, TaskEvent e) {
        String state = e.state().wireName();
        String subject = separated(prefix) + e.dagId() + "." + e.taskId() + " " + state + " (try " + e.tryNumber() + ")";
        StringJoiner body = new StringJoiner("\n");
        body.add("Task " + e.dagId() + "." + e.taskId() + " " + state + ".");
        body.add("DAG: " + e.dagId());
        body.add("Task: " + e.taskId());
        body.add("Run: " + e.runId());
        body.add("Logical date: " + e.logicalDate());
        body.add("Try: " + e.tryNumber());
        body.add("State: " + state);
        e.error().ifPresent(error -> body.add("Error: " + error));
        e.logUrl().ifPresent(url -> body.add("Log: " + url));
        return new Message(subject, body.toString());
    }

    /** A DAG-run event in an unfinished state is an SLA miss: callbacks for success and failure come with finished states. */
    static Message of(String prefix, DagRunEvent e) {
        String what = e.state().isFinished() ? e.state().name().toLowerCase(Locale.ROOT)
                : "missed its SLA (still " + e.state().name().toLowerCase(Locale.ROOT) + ")";
        String subject = separated(prefix) + "DAG run " + e.dagId() + " " + e.runId() + " " + what + failedIds(e);
        StringJoiner body = new StringJoiner("\n");
        body.add("DAG run " + e.dagId() + " " + e.runId() + " " + what + ".");
        body.add("DAG: " + e.dagId());
        body.add("Run: " + e.runId());
        body.add("Logical date: " + e.logicalDate());
        body.add("State: " + e.state().name().toLowerCase(Locale.ROOT));
        e.runUrl().ifPresent(url -> body.add("Run link: " + url));
        if (!e.failedTasks().isEmpty()) {
            body.add("Failed tasks:");
        }
        for (FailedTask task : e.failedTasks()) {
            body.add("- " + task.taskId() + " (try " + task.tryNumber() + "): " + task.error().orElse("no error recorded"));
            task.logUrl().ifPresent(url -> body.add("  Log: " + url));
        }
        return new Message(subject, body.toString());
    }

    /** The subject names the failed tasks, so a chat line alone says where to look. */
    private static String failedIds(DagRunEvent e) {
        return e.failedTasks().isEmpty() ? ""
                : ": " + e.failedTasks().stream().map(FailedTask::taskId).collect(Collectors.joining(", "));
    }

    /** {@code "[clickstream]"} and {@code "[clickstream] "} both read {@code [clickstream] DAG run …}. */
    static String separated(String prefix) {
        return prefix.isEmpty() || Character.isWhitespace(prefix.charAt(prefix.length() - 1)) ? prefix : prefix + " ";
    }

    /**
     * {@return this message with the parts the author templated rendered instead}
     *
     * @param resources renders (the server's template engine) and looks up var and conn
     * @param names     the event's names ({@link MessageNames})
     * @param prefix    starts the subject
     * @param subject   the subject's template, or null for the standard subject
     * @param body      the body's template, or null for the standard body
     */
    Message templated(org.orchestrator.api.Resources resources, java.util.Map<String, Object> names, String prefix,
                      String subject, String body) {
        return new Message(subject == null ? this.subject : separated(prefix) + resources.render("subject", subject, names),
                body == null ? this.body : resources.render("body", body, names));
    }

    /** @return subject and body as one text, for chat messages */
    String text() {
        return subject + "\n" + body;
    }
}
