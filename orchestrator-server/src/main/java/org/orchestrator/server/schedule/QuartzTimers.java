package org.orchestrator.server.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.function.LongConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.orchestrator.server.execute.RetryTimers;
import org.orchestrator.server.state.StateException;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz owns time: one persistent one-shot trigger per scheduled DAG (when its next run is due)
 * and one per retry (when the next try is due), on Quartz's JDBC job store in our own database.
 * Triggers fire "now" after a misfire; what is due is then computed from our own tables, never
 * from Quartz's misfire policy. Job data is stored as properties, never serialized Java.
 */
public final class QuartzTimers implements RetryTimers, AutoCloseable {

    private static final String DAG_GROUP = "dag-schedule";
    private static final String RETRY_GROUP = "retry";

    private final Scheduler scheduler;

    /**
     * @param dataSource  the database Quartz keeps its triggers in
     * @param postgres    whether that database is PostgreSQL
     * @param clustered   whether several nodes share it
     * @param instanceId  this node's stable Quartz instance id
     * @param onDagDue    called with a DAG id when its schedule fires
     * @param onRetryDue  called with a task instance id when its retry is due
     */
    public QuartzTimers(DataSource dataSource, boolean postgres, boolean clustered, String instanceId,
                        Consumer<String> onDagDue, LongConsumer onRetryDue) {
        String dataSourceName = "orchestrator-" + System.identityHashCode(dataSource);
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new PoolProvider(dataSource));
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(properties(dataSourceName, postgres, clustered, instanceId));
            scheduler = factory.getScheduler();
            scheduler.setJobFactory((bundle, s) -> newJob(bundle.getJobDetail(), onDagDue, onRetryDue));
        } catch (SchedulerException e) {
            throw new StateException("cannot create the Quartz scheduler", e);
        }
    }

    private static Properties properties(String dataSource, boolean postgres, boolean clustered, String instanceId) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "orchestrator");
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "4");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", postgres
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(clustered));
        // Without it two cluster nodes can acquire and fire the same trigger.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // Check in often enough that a dead node's fired triggers are recovered within seconds,
        // and retry quickly once the database is back after an outage.
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.dbRetryInterval", "2000");
        return p;
    }

    private static Job newJob(JobDetail detail, Consumer<String> onDagDue, LongConsumer onRetryDue) {
        String group = detail.getKey().getGroup();
        String id = detail.getJobDataMap().getString("id");
        if (DAG_GROUP.equals(group)) {
            return (JobExecutionContext ctx) -> onDagDue.accept(id);
        }
        return (JobExecutionContext ctx) -> onRetryDue.accept(Long.parseLong(id));
    }

    /** Starts firing triggers. */
    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new StateException("cannot start the Quartz scheduler", e);
        }
    }

    /**
     * Sets (or moves) the trigger that fires when a DAG's next run is due.
     *
     * @param dagId the DAG
     * @param at    when; a past instant fires at once
     */
    public void scheduleDag(String dagId, Instant at) {
        schedule(DAG_GROUP, dagId, at);
    }

    /** @param dagId the DAG whose trigger goes (paused or removed) */
    public void unscheduleDag(String dagId) {
        try {
            scheduler.deleteJob(JobKey.jobKey(dagId, DAG_GROUP));
        } catch (SchedulerException e) {
            // Quartz may be removing the same one-shot trigger because it just fired; the next
            // refresh, which reads the paused flag from our tables, settles the trigger either way.
            org.slf4j.LoggerFactory.getLogger(QuartzTimers.class).debug("trigger of dag '{}' not removed: {}", dagId, e.getMessage());
        }
    }

    @Override
    public void schedule(long tiId, int tryNumber, Instant at) {
        schedule(RETRY_GROUP, Long.toString(tiId), at);
    }

    /** @param dagId a DAG @return when its trigger fires next, if it has one */
    public java.util.Optional<Instant> nextFire(String dagId) {
        try {
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(dagId, DAG_GROUP));
            return java.util.Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
        } catch (SchedulerException e) {
            throw new StateException("cannot read the schedule trigger of dag '" + dagId + "'", e);
        }
    }

    private void schedule(String group, String id, Instant at) {
        JobDetail job = JobBuilder.newJob(Job.class).withIdentity(id, group).usingJobData("id", id).storeDurably(false).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(id, group).forJob(job).startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new StateException("cannot set the " + group + " trigger of '" + id + "' at " + at, e);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new StateException("cannot stop the Quartz scheduler", e);
        }
    }

    /** Hands Quartz connections from our pool. */
    private record PoolProvider(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the server, which closes it after Quartz
        }

        @Override
        public void initialize() {
            // nothing to set up: the pool exists already
        }
    }
}
