package org.orchestrator.dags.weblogs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.DagRunState;
import org.orchestrator.dags.AnalyticsDb;
import org.orchestrator.testing.DagTestRun;

/** {@code server_logs_hourly} run hour by hour with DagTester on a real H2 analytics database. */
class ServerLogsHourlyTest {

    private static final Instant TEN = Instant.parse("2026-01-01T10:00:00Z");
    private static final String[] TABLES = {"access_events", "hourly_status", "hourly_path", "dashboard_hourly_traffic"};

    @TempDir
    Path dir;

    @Test
    void an_hour_becomes_events_aggregates_and_one_dashboard_row_matching_the_log() throws IOException {
        AnalyticsDb db = AnalyticsDb.in(dir);

        DagTestRun run = db.tester(ServerLogsHourly.dag()).run(TEN);

        assertThat(run.state()).as(run.toString()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.dataInterval().end()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
        List<String> hour = wellFormedLinesOf("[01/Jan/2026:10:");
        assertThat(hour).hasSizeGreaterThan(50);
        long serverErrors = hour.stream().filter(l -> l.matches(".*\" 5\\d\\d .*")).count();
        assertThat(db.number("SELECT COUNT(*) FROM access_events")).isEqualTo(hour.size());
        assertThat(db.rows("SELECT hour_start, requests, server_errors FROM dashboard_hourly_traffic")).singleElement()
                .isEqualTo(List.of(java.sql.Timestamp.valueOf("2026-01-01 10:00:00"), (long) hour.size(), serverErrors));
        assertThat(db.number("SELECT SUM(requests) FROM hourly_path")).isEqualTo(hour.size());
        assertThat(db.number("SELECT COUNT(*) FROM hourly_path WHERE path LIKE '%?%'")).as("query strings are cut").isZero();
        assertThat(run.xcom("publish_dashboard", "requests", Long.class)).contains((long) hour.size());
    }

    @Test
    void hours_add_up_incrementally_and_rerunning_an_hour_changes_nothing() {
        AnalyticsDb db = AnalyticsDb.in(dir);
        db.tester(ServerLogsHourly.dag()).run(TEN);
        db.tester(ServerLogsHourly.dag()).run(TEN.plusSeconds(3600));
        Map<String, List<String>> before = db.dump(TABLES);

        DagTestRun again = db.tester(ServerLogsHourly.dag()).run(TEN);

        assertThat(again.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(db.dump(TABLES)).isEqualTo(before);
        assertThat(before.get("dashboard_hourly_traffic")).hasSize(2);
    }

    @Test
    void an_hour_outside_the_sample_succeeds_with_no_rows() {
        AnalyticsDb db = AnalyticsDb.in(dir);

        DagTestRun run = db.tester(ServerLogsHourly.dag()).run(Instant.parse("2026-06-01T10:00:00Z"));

        assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.xcom("parse_access_log", "events", Integer.class)).contains(0);
        assertThat(db.number("SELECT COUNT(*) FROM dashboard_hourly_traffic")).isZero();
    }

    /** The test's own reading of the log: lines of that hour that end with a quoted user agent. */
    private static List<String> wellFormedLinesOf(String hourPrefix) throws IOException {
        try (InputStream in = ServerLogsHourlyTest.class.getResourceAsStream(ServerLogsHourly.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains(hourPrefix) && l.endsWith("\"")).toList();
        }
    }
}
