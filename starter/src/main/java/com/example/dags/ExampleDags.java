package com.example.dags;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagProvider;
import org.orchestrator.tasks.sql.SqlParam;
import org.orchestrator.tasks.sql.SqlTask;

/**
 * The DAGs of this bundle. The server finds this class through
 * {@code META-INF/services/org.orchestrator.api.DagProvider}; list every provider class there.
 */
public final class ExampleDags implements DagProvider {

    @Override
    public Collection<Dag> dags() {
        return List.of(dailyCounts());
    }

    /**
     * Counts the day's events and stores the count in the {@code analytics} database, replacing
     * the day's row so that a rerun leaves the table as it was.
     *
     * @return the DAG
     */
    public static Dag dailyCounts() {
        return Dag.builder("example_daily_counts")
                .description("Counts the day's events into analytics.daily_counts")
                .owner("data-eng").tags("starter")
                .schedule("@daily").startDate(LocalDate.of(2026, 1, 1)).catchup(false)
                .defaults(d -> d.retries(2).retryDelay(Duration.ofMinutes(1)))
                .task("count_events", ctx -> {
                    long events = 42;     // read them from your source here
                    ctx.log().info("counted {} events for {}", events, ctx.logicalDate());
                    ctx.xcomPush("events", events);
                })
                .task("store_count", SqlTask.on("analytics")
                        .statement("CREATE TABLE IF NOT EXISTS daily_counts (count_day DATE PRIMARY KEY, events BIGINT NOT NULL)")
                        .statement("DELETE FROM daily_counts WHERE count_day = CAST(? AS DATE)", SqlParam.logicalDate())
                        .statement("INSERT INTO daily_counts (count_day, events) VALUES (CAST(? AS DATE), ?)",
                                SqlParam.logicalDate(), SqlParam.xcom("count_events", "events"))
                        .statement("SELECT events FROM daily_counts WHERE count_day = CAST(? AS DATE)", SqlParam.logicalDate())
                        .returnValue()
                        .build())
                .chain("count_events", "store_count")
                .build();
    }
}
