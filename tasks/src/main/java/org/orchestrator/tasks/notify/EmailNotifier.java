package org.orchestrator.tasks.notify;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DagRunCallback;
import org.orchestrator.api.DagRunEvent;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Resources;
import org.orchestrator.api.TaskCallback;
import org.orchestrator.api.TaskEvent;

/**
 * Sends an alert by email over SMTP (Jakarta Mail), as a task callback or a DAG-run callback. The
 * connection (type {@code smtp}) gives the server as {@code smtp://host:port} (or
 * {@code smtps://} for TLS from the start), login and password when the server wants them, and the
 * extras {@code from} (the sender; default the login) and {@code starttls} ({@code true} to
 * upgrade the connection). The mail names the DAG, task, run, try, state, error and links to the log.
 *
 * <pre>{@code
 * EmailNotifier alerts = EmailNotifier.via("smtp").to("data-oncall@example.com").build();
 * Dag.builder("etl_orders_pipeline")
 *         .onFailure(alerts)                                    // the DAG run failed
 *         .task("load_orders", new LoadOrders(), t -> t.onFailure(alerts).onRetry(alerts))
 * }</pre>
 */
public final class EmailNotifier implements TaskCallback, DagRunCallback {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String connId;
    private final List<String> recipients;
    private final String prefix;
    private final String subject;
    private final String body;

    private EmailNotifier(Builder b) {
        connId = b.connId;
        recipients = List.copyOf(b.recipients);
        prefix = b.prefix;
        subject = b.subject;
        body = b.body;
    }

    /**
     * {@return a builder}
     *
     * @param connId a connection of type {@code smtp}
     */
    public static Builder via(String connId) {
        return new Builder(Objects.requireNonNull(connId, "connId"));
    }

    @Override
    public void call(TaskEvent event) throws MessagingException {
        send(event.resources(), Message.of(prefix, event)
                .templated(event.resources(), MessageNames.of(event), prefix, subject, body));
    }

    @Override
    public void call(DagRunEvent event) throws MessagingException {
        send(event.resources(), Message.of(prefix, event)
                .templated(event.resources(), MessageNames.of(event), prefix, subject, body));
    }

    private void send(Resources resources, Message message) throws MessagingException {
        Connection conn = resources.connection(connId);
        if (!"smtp".equalsIgnoreCase(conn.type())) {
            throw new OrchestratorException("connection '" + connId + "' is of type '" + conn.type() + "', an email notifier needs 'smtp'");
        }
        // Jakarta Mail finds its providers through the context class loader; a callback may run
        // on a thread whose loader is a DAG bundle's, which need not see them.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EmailNotifier.class.getClassLoader());
        try {
            Session session = Session.getInstance(properties(conn));
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(conn.extra("from").orElse(conn.login().isEmpty() ? "orchestrator@localhost" : conn.login())));
            for (String to : recipients) {
                mail.addRecipient(RecipientType.TO, new InternetAddress(to));
            }
            mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mail.setText(message.body(), StandardCharsets.UTF_8.name());
            try (Transport transport = session.getTransport()) {
                transport.connect(conn.login().isEmpty() ? null : conn.login(), conn.password().isEmpty() ? null : conn.password());
                transport.sendMessage(mail, mail.getAllRecipients());
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Properties properties(Connection conn) {
        URI uri = URI.create(conn.url());
        boolean ssl = "smtps".equalsIgnoreCase(uri.getScheme());
        if (!ssl && !"smtp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new OrchestratorException("connection '" + conn.id() + "' needs a url like smtp://host:port, got '" + conn.url() + "'");
        }
        String protocol = ssl ? "smtps" : "smtp";
        Properties props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", uri.getHost());
        props.put("mail." + protocol + ".port", Integer.toString(uri.getPort() > 0 ? uri.getPort() : ssl ? 465 : 25));
        props.put("mail." + protocol + ".auth", Boolean.toString(!conn.login().isEmpty()));
        props.put("mail." + protocol + ".starttls.enable", conn.extra("starttls").orElse("false"));
        props.put("mail." + protocol + ".starttls.required", conn.extra("starttls").orElse("false"));
        props.put("mail." + protocol + ".connectiontimeout", Long.toString(TIMEOUT.toMillis()));
        props.put("mail." + protocol + ".timeout", Long.toString(TIMEOUT.toMillis()));
        props.put("mail." + protocol + ".writetimeout", Long.toString(TIMEOUT.toMillis()));
        return props;
    }

    /** Configures an {@link EmailNotifier}. */
    public static final class Builder {
        private final String connId;
        private final List<String> recipients = new java.util.ArrayList<>();
        private String prefix = "[Orchestrator] ";
        private String subject;
        private String body;

        private Builder(String connId) {
            this.connId = connId;
        }

        /**
         * The subject as a Jinja template instead of the standard one (the prefix still starts
         * it), e.g. {@code "{{ dag.dag_id }} failed for {{ ds }}"}. It sees {@code dag},
         * {@code ti}/{@code task_instance} (task_id, try_number, state, log_url), {@code run_id},
         * {@code ds}, {@code ts}, {@code logical_date}, {@code state}, {@code exception},
         * {@code log_url}; for a run {@code dag_run}, {@code run_url} and {@code failed_tasks};
         * and {@code var}, {@code conn}, {@code macros}.
         *
         * @param template the subject's template
         * @return this
         */
        public Builder subject(String template) {
            this.subject = Objects.requireNonNull(template, "template");
            return this;
        }

        /**
         * The body as a Jinja template instead of the standard one; the names as for {@link #subject}.
         *
         * @param template the body's template
         * @return this
         */
        public Builder body(String template) {
            this.body = Objects.requireNonNull(template, "template");
            return this;
        }

        /**
         * Who gets the mail.
         *
         * @param addresses who gets the mail
         * @return this
         */
        public Builder to(String... addresses) {
            for (String address : addresses) {
                try {
                    new InternetAddress(address, true);
                } catch (jakarta.mail.internet.AddressException e) {
                    throw new IllegalArgumentException("not an email address: '" + address + "'", e);
                }
                recipients.add(address);
            }
            return this;
        }

        /**
         * Starts every subject (default {@code "[Orchestrator] "}).
         *
         * @param prefix starts every subject (default {@code "[Orchestrator] "})
         * @return this
         */
        public Builder subjectPrefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** {@return the notifier} */
        public EmailNotifier build() {
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("an email notifier needs at least one recipient: call to(...)");
            }
            return new EmailNotifier(this);
        }
    }
}
