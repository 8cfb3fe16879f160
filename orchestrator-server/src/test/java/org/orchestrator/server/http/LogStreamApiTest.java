package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code …/logs/{try}/stream}: a running try's log pushed as server-sent events, resumable, ending with the try. */
class LogStreamApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ApiFixture api;
    private static RunWaits runs;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestDags.gated(), TestDags.greeter());
        runs = new RunWaits(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_running_try_streams_new_text_then_end_when_it_finishes() throws Exception {
        runs.trigger("gated", "s1");
        runs.awaitTask("gated", "s1", "wait", "running");

        try (EventStream stream = EventStream.open(api.port(), stream("s1"), ApiFixture.VIEWER)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            EventStream.Event first = stream.next(WAIT);
            assertThat(first.name()).isEqualTo("log");
            assertThat(first.json().get("content").asText()).contains("waiting for the gate of s1");
            assertThat(first.json().get("offset").asLong()).isZero();
            assertThat(first.id()).isEqualTo(first.json().get("next_offset").asText());

            TestDags.open("s1");

            EventStream.Event more = stream.next(WAIT);
            assertThat(more.name()).isEqualTo("log");
            assertThat(more.json().get("offset").asLong()).as("only the new bytes").isEqualTo(Long.parseLong(first.id()));
            assertThat(more.json().get("content").asText()).contains("gate opened").doesNotContain("waiting for the gate");
            EventStream.Event end = nextNotLog(stream, more);
            assertThat(end.name()).isEqualTo("end");
            assertThat(stream.next(WAIT)).as("the server closes the stream after end").isEqualTo(EventStream.CLOSED);
        }
        runs.awaitRun("gated", "s1", "success");
    }

    @Test
    void a_reconnect_with_last_event_id_resumes_after_what_it_had() throws Exception {
        runs.trigger("gated", "s2");
        runs.awaitTask("gated", "s2", "wait", "running");
        String firstId;
        try (EventStream stream = EventStream.open(api.port(), stream("s2"), ApiFixture.VIEWER)) {
            firstId = stream.next(WAIT).id();
        }
        TestDags.open("s2");
        runs.awaitRun("gated", "s2", "success");

        try (EventStream resumed = EventStream.open(api.port(), stream("s2"), ApiFixture.VIEWER, "Last-Event-ID", firstId)) {
            EventStream.Event event = resumed.next(WAIT);
            assertThat(event.json().get("offset").asLong()).isEqualTo(Long.parseLong(firstId));
            assertThat(event.json().get("content").asText()).contains("gate opened").doesNotContain("waiting for the gate");
            assertThat(resumed.next(WAIT).name()).isEqualTo("end");
        }
        try (EventStream fromOffset = EventStream.open(api.port(), stream("s2") + "?offset=" + firstId, ApiFixture.VIEWER)) {
            assertThat(fromOffset.next(WAIT).json().get("content").asText()).doesNotContain("waiting for the gate");
        }
    }

    @Test
    void a_finished_try_streams_its_whole_log_and_ends_at_once() throws Exception {
        runs.trigger("greeter", "done");
        runs.awaitRun("greeter", "done", "success");

        try (EventStream stream = EventStream.open(api.port(), "/api/v1/dags/greeter/dagRuns/done/taskInstances/echo/logs/1/stream",
                ApiFixture.VIEWER)) {
            EventStream.Event log = stream.next(WAIT);
            assertThat(log.json().get("content").asText()).contains("greeting is hello");
            assertThat(stream.next(WAIT).name()).isEqualTo("end");
            assertThat(stream.next(WAIT)).isEqualTo(EventStream.CLOSED);
        }
    }

    @Test
    void bad_stream_requests_are_4xx_problems() {
        runs.trigger("greeter", "bad_stream");
        runs.awaitRun("greeter", "bad_stream", "success");
        String path = "/api/v1/dags/greeter/dagRuns/bad_stream/taskInstances/echo/logs/";
        assertProblem(api.anonymous().get(path + "1/stream"), 401);
        assertProblem(api.as(ApiFixture.VIEWER).get(path + "1/stream", "application/json"), 406);
        assertProblem(api.as(ApiFixture.VIEWER).get(path + "2/stream", "text/event-stream"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get(path + "1/stream?offset=-1", "text/event-stream"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get(path + "1/stream?offset=../../etc", "text/event-stream"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/greeter/dagRuns/ghost/taskInstances/echo/logs/1/stream",
                "text/event-stream"), 404);
    }

    /** Skips further log events (the logger may flush the last lines in more than one write). */
    private static EventStream.Event nextNotLog(EventStream stream, EventStream.Event last) throws InterruptedException {
        EventStream.Event event = stream.next(WAIT);
        while (event.name().equals("log")) {
            assertThat(event.json().get("offset").asLong()).isEqualTo(last.json().get("next_offset").asLong());
            last = event;
            event = stream.next(WAIT);
        }
        return event;
    }

    private static String stream(String runId) {
        return "/api/v1/dags/gated/dagRuns/" + runId + "/taskInstances/wait/logs/1/stream";
    }
}
