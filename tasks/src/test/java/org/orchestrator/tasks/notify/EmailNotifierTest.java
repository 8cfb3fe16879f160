package org.orchestrator.tasks.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DagRunEvent;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskEvent;
import org.orchestrator.api.TaskState;
import org.orchestrator.tasks.testing.TestTaskContext;

/** Against a real SMTP server (GreenMail) on a free port. */
class EmailNotifierTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bot@example.com", "bot", "pw"));

    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

    private TestTaskContext resources(String password) {
        return TestTaskContext.of("any", "any").withConnection(new Connection("smtp", "smtp",
                "smtp://127.0.0.1:" + SMTP.getSmtp().getPort(), "bot", password, Map.of("from", "orchestrator@example.com")));
    }

    @Test
    void a_failed_task_mails_dag_task_run_try_state_error_and_log_link() throws Exception {
        TaskEvent event = new TaskEvent("orders", "scheduled__2026-03-02T00:00:00Z", "load", 3, TaskState.FAILED, DAY,
                Optional.of("ORA-00001: unique constraint violated"), Optional.of("http://orchestrator:8080/dags/orders/runs/r1/tasks/load/tries/3/log"),
                resources("pw"));

        EmailNotifier.via("smtp").to("oncall@example.com", "lead@example.com").build().call(event);

        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(2); // one copy per recipient
        MimeMessage mail = mails[0];
        assertThat(mail.getSubject()).isEqualTo("[Orchestrator] orders.load failed (try 3)");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("orchestrator@example.com");
        assertThat(GreenMailUtil.getBody(mail).replace("\r\n", "\n")).isEqualTo("""
                Task orders.load failed.
                DAG: orders
                Task: load
                Run: scheduled__2026-03-02T00:00:00Z
                Logical date: 2026-03-02T00:00:00Z
                Try: 3
                State: failed
                Error: ORA-00001: unique constraint violated
                Log: http://orchestrator:8080/dags/orders/runs/r1/tasks/load/tries/3/log""");
    }

    @Test
    void a_templated_subject_and_body_render_the_events_names_and_variables() throws Exception {
        TaskEvent event = new TaskEvent("orders", "scheduled__2026-03-02T00:00:00Z", "load", 3, TaskState.FAILED, DAY,
                Optional.of("ORA-00001"), Optional.of("http://orchestrator:8080/log/3"), resources("pw").withVariable("team", "data-eng"));

        EmailNotifier.via("smtp").to("oncall@example.com").subjectPrefix("[prod]")
                .subject("{{ ti.task_id }} of {{ dag.dag_id }} {{ state }} for {{ ds }}")
                .body("Hi {{ var.value.team }},\n{{ ti.task_id }} try {{ ti.try_number }} failed: {{ exception }}\n{{ log_url }}")
                .build().call(event);

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[prod] load of orders failed for 2026-03-02");
        assertThat(GreenMailUtil.getBody(mail).replace("\r\n", "\n"))
                .isEqualTo("Hi data-eng,\nload try 3 failed: ORA-00001\nhttp://orchestrator:8080/log/3");
    }

    @Test
    void a_dag_run_in_an_unfinished_state_is_mailed_as_an_sla_miss_with_the_run_link() throws Exception {
        DagRunEvent event = new DagRunEvent("orders", "scheduled__2026-03-02T00:00:00Z", DAY, DagRunState.RUNNING,
                Optional.of("http://orchestrator:8080/dags/orders/runs/r1"), resources("pw"));

        EmailNotifier.via("smtp").to("oncall@example.com").subjectPrefix("[prod] ").build().call(event);

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[prod] DAG run orders scheduled__2026-03-02T00:00:00Z missed its SLA (still running)");
        assertThat(GreenMailUtil.getBody(mail)).contains("Run link: http://orchestrator:8080/dags/orders/runs/r1");
    }

    @Test
    void a_wrong_password_fails_the_callback_and_sends_nothing() {
        TaskEvent event = new TaskEvent("orders", "r1", "load", 1, TaskState.FAILED, DAY, Optional.empty(), Optional.empty(), resources("wrong"));

        assertThatThrownBy(() -> EmailNotifier.via("smtp").to("oncall@example.com").build().call(event))
                .isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_connection_of_another_type_or_a_bad_address_is_refused() {
        TestTaskContext res = TestTaskContext.of("any", "any").withConnection(new Connection("hook", "webhook", "http://x", "", "", Map.of()));
        TaskEvent event = new TaskEvent("orders", "r1", "load", 1, TaskState.FAILED, DAY, Optional.empty(), Optional.empty(), res);

        assertThatThrownBy(() -> EmailNotifier.via("hook").to("a@example.com").build().call(event))
                .hasMessage("connection 'hook' is of type 'webhook', an email notifier needs 'smtp'");
        assertThatThrownBy(() -> EmailNotifier.via("smtp").to("not an address")).hasMessageContaining("not an email address");
    }
}
