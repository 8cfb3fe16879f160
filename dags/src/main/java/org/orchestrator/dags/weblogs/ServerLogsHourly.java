package org.orchestrator.dags.weblogs;

import java.nio.file.Path;
import java.time.LocalDate;
import org.orchestrator.api.Dag;
import org.orchestrator.tasks.csv.ColumnType;
import org.orchestrator.tasks.csv.CsvLoad;
import org.orchestrator.tasks.sql.SqlParam;
import org.orchestrator.tasks.sql.SqlTask;

/**
 * {@code server_logs_hourly}: every hour, the requests of that hour in the shipped access log
 * (2026-01-01 and 2026-01-02, UTC) → {@code access_events} → aggregates per hour and status
 * ({@code hourly_status}) and per hour and path ({@code hourly_path}) → {@code dashboard_hourly_traffic},
 * the table a dashboard reads. Incremental by data interval: each step deletes the rows of its
 * interval and writes them again in one transaction, so rerunning an hour changes nothing.
 * Scheduled runs after the sample's two days find no requests and succeed with empty hours; run
 * {@code dags backfill server_logs_hourly --from 2026-01-01 --to 2026-01-03} to load the sample.
 */
public final class ServerLogsHourly {

    /** The DAG id. */
    public static final String DAG_ID = "server_logs_hourly";
    /** The shipped sample. */
    public static final String RESOURCE = "/org/orchestrator/dags/weblogs/access.log";
    static final String ANALYTICS = "analytics";
    static final String PARSE = "parse_access_log";
    static final String LOAD = "load_events";
    static final String AGGREGATE = "aggregate_hourly";
    static final String PUBLISH = "publish_dashboard";

    private ServerLogsHourly() {
    }

    /** @return the DAG */
    public static Dag dag() {
        return Dag.builder(DAG_ID)
                .description("Access log → events → hourly aggregates per status and path → dashboard table")
                .owner("web-ops").tags("logs", "hourly", "example")
                .schedule("@hourly").startDate(LocalDate.of(2026, 1, 1)).catchup(false).maxActiveRuns(4)
                .defaults(d -> d.retries(2))
                .task(PARSE, new ParseAccessLog())
                .task(LOAD, loadEvents())
                .task(AGGREGATE, aggregate())
                .task(PUBLISH, publish())
                .chain(PARSE, LOAD, AGGREGATE, PUBLISH)
                .build();
    }

    private static CsvLoad loadEvents() {
        return CsvLoad.into(ANALYTICS, "access_events")
                .from(ctx -> Path.of(ctx.xcomPull(PARSE, "path", String.class)))
                .column("ts", ColumnType.TIMESTAMP)
                .column("ip", ColumnType.TEXT)
                .column("method", ColumnType.TEXT)
                .column("path", ColumnType.TEXT)
                .column("status", ColumnType.INT)
                .optionalColumn("bytes", ColumnType.LONG)
                .optionalColumn("user_agent", ColumnType.TEXT)
                .replaceWhere("ts >= ? AND ts < ?", SqlParam.intervalStart(), SqlParam.intervalEnd())
                .build();
    }

    private static SqlTask aggregate() {
        SqlParam from = SqlParam.intervalStart();
        SqlParam to = SqlParam.intervalEnd();
        return SqlTask.on(ANALYTICS)
                .statement("CREATE TABLE IF NOT EXISTS hourly_status (hour_start TIMESTAMP NOT NULL, status INTEGER NOT NULL, "
                        + "requests BIGINT NOT NULL, bytes BIGINT NOT NULL, PRIMARY KEY (hour_start, status))")
                .statement("CREATE TABLE IF NOT EXISTS hourly_path (hour_start TIMESTAMP NOT NULL, path VARCHAR(1000) NOT NULL, "
                        + "requests BIGINT NOT NULL, server_errors BIGINT NOT NULL, PRIMARY KEY (hour_start, path))")
                .statement("DELETE FROM hourly_status WHERE hour_start >= ? AND hour_start < ?", from, to)
                .statement("INSERT INTO hourly_status (hour_start, status, requests, bytes) "
                        + "SELECT DATE_TRUNC('hour', ts), status, COUNT(*), COALESCE(SUM(bytes), 0) FROM access_events "
                        + "WHERE ts >= ? AND ts < ? GROUP BY DATE_TRUNC('hour', ts), status", from, to)
                .statement("DELETE FROM hourly_path WHERE hour_start >= ? AND hour_start < ?", from, to)
                .statement("INSERT INTO hourly_path (hour_start, path, requests, server_errors) "
                        + "SELECT DATE_TRUNC('hour', ts), path, COUNT(*), SUM(CASE WHEN status >= 500 THEN 1 ELSE 0 END) "
                        + "FROM access_events WHERE ts >= ? AND ts < ? GROUP BY DATE_TRUNC('hour', ts), path", from, to)
                .build();
    }

    private static SqlTask publish() {
        SqlParam from = SqlParam.intervalStart();
        SqlParam to = SqlParam.intervalEnd();
        return SqlTask.on(ANALYTICS)
                .statement("CREATE TABLE IF NOT EXISTS dashboard_hourly_traffic (hour_start TIMESTAMP NOT NULL PRIMARY KEY, "
                        + "requests BIGINT NOT NULL, ok BIGINT NOT NULL, client_errors BIGINT NOT NULL, "
                        + "server_errors BIGINT NOT NULL, bytes BIGINT NOT NULL)")
                .statement("DELETE FROM dashboard_hourly_traffic WHERE hour_start >= ? AND hour_start < ?", from, to)
                .statement("INSERT INTO dashboard_hourly_traffic (hour_start, requests, ok, client_errors, server_errors, bytes) "
                        + "SELECT hour_start, SUM(requests), SUM(CASE WHEN status < 400 THEN requests ELSE 0 END), "
                        + "SUM(CASE WHEN status >= 400 AND status < 500 THEN requests ELSE 0 END), "
                        + "SUM(CASE WHEN status >= 500 THEN requests ELSE 0 END), SUM(bytes) "
                        + "FROM hourly_status WHERE hour_start >= ? AND hour_start < ? GROUP BY hour_start", from, to)
                .statement("SELECT COALESCE(SUM(requests), 0) FROM dashboard_hourly_traffic WHERE hour_start >= ? AND hour_start < ?", from, to)
                .returnValue().xcomKey("requests")
                .build();
    }
}
