package org.orchestrator.dags.loans;

import java.nio.file.Path;
import java.time.LocalDate;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Isolation;
import org.orchestrator.api.TaskContext;
import org.orchestrator.dags.support.Staging;
import org.orchestrator.tasks.sql.SqlCheck;
import org.orchestrator.tasks.sql.SqlTask;

/**
 * {@code loans_etl}: the loans portfolio CSV shipped in this jar → staged under the data folder →
 * validated and loaded into {@code loans} of the {@value #ANALYTICS} database (bad rows go to
 * {@code loans_rejected} with the reason) → summary tables {@code loans_by_country} and
 * {@code loans_by_sector} → a data-quality gate. Every step replaces what it owns in one
 * transaction, so rerunning a run leaves every table as it was. The load runs in a child JVM
 * ({@link Isolation#PROCESS}), so a bad file cannot take the server's heap with it.
 *
 * <p>{@value #ANALYTICS} is any JDBC connection; with none configured the server answers an H2
 * file {@code <home>/data/analytics}.
 */
public final class LoansEtl {

    /** The DAG id. */
    public static final String DAG_ID = "loans_etl";
    /** The connection the pipeline writes to. */
    public static final String ANALYTICS = "analytics";
    /** The shipped sample. */
    public static final String RESOURCE = "/org/orchestrator/dags/loans/loans.csv";
    static final String STAGE = "stage_loans";
    static final String LOAD = "load_loans";
    static final String SUMMARISE = "summarise_loans";
    static final String CHECK = "check_quality";

    private LoansEtl() {
    }

    /** @return the DAG */
    public static Dag dag() {
        return Dag.builder(DAG_ID)
                .description("Loans CSV → validate and load (bad rows to loans_rejected) → totals per country and sector → quality gate")
                .owner("analytics").tags("etl", "loans", "example")
                .schedule("@daily").startDate(LocalDate.of(2026, 1, 1)).catchup(false).maxActiveRuns(1)
                .defaults(d -> d.retries(1))
                .task(STAGE, LoansEtl::stage)
                // The heavy step, parsing and loading the whole CSV, runs in a JVM of its own with its
                // own heap cap: a malformed file that blows up memory fails this try, not the server.
                .task(LOAD, LoanRows::load, t -> t.isolation(Isolation.PROCESS).jvmOptions("-Xmx256m"))
                .task(SUMMARISE, summarise())
                .task(CHECK, qualityGate())
                .chain(STAGE, LOAD, SUMMARISE, CHECK)
                .build();
    }

    /** Copies the shipped sample to a fixed path, so a rerun's dead-letter rows replace the last run's. */
    static void stage(TaskContext ctx) throws Exception {
        Path file = Staging.copyResource(LoansEtl.class, RESOURCE, Staging.dir(ctx, DAG_ID).resolve("loans.csv"));
        ctx.log().info("staged {} as {}", RESOURCE, file);
        ctx.xcomPush("path", file.toString());
    }

    private static SqlTask summarise() {
        return SqlTask.on(ANALYTICS)
                .statement("CREATE TABLE IF NOT EXISTS loans_by_country (country VARCHAR(2) NOT NULL PRIMARY KEY, "
                        + "loans BIGINT NOT NULL, total_amount DECIMAL(19,2) NOT NULL)")
                .statement("CREATE TABLE IF NOT EXISTS loans_by_sector (sector VARCHAR(100) NOT NULL PRIMARY KEY, "
                        + "loans BIGINT NOT NULL, total_amount DECIMAL(19,2) NOT NULL)")
                .statement("DELETE FROM loans_by_country")
                .statement("INSERT INTO loans_by_country (country, loans, total_amount) "
                        + "SELECT country, COUNT(*), SUM(amount) FROM loans GROUP BY country")
                .statement("DELETE FROM loans_by_sector")
                .statement("INSERT INTO loans_by_sector (sector, loans, total_amount) "
                        + "SELECT sector, COUNT(*), SUM(amount) FROM loans GROUP BY sector")
                .statement("SELECT COUNT(*) FROM loans_by_country").returnValue().xcomKey("countries")
                .build();
    }

    private static SqlCheck qualityGate() {
        return SqlCheck.on(ANALYTICS)
                .rowCount("loans").atLeast(1000)
                .noNulls("loans", "loan_id", "country", "sector", "amount", "funded_date")
                .valuesBetween("loans", "amount", 0.01, 1_000_000)
                .queryRows("SELECT loan_id FROM loans GROUP BY loan_id HAVING COUNT(*) > 1").equalTo(0)
                .value("SELECT COUNT(*) FROM loans_rejected").atMost(500)
                .queryRows("SELECT 1 FROM (SELECT SUM(total_amount) s FROM loans_by_country) c, "
                        + "(SELECT SUM(amount) s FROM loans) l WHERE c.s <> l.s").equalTo(0)
                .queryRows("SELECT 1 FROM (SELECT SUM(loans) n FROM loans_by_sector) s, "
                        + "(SELECT COUNT(*) n FROM loans) l WHERE s.n <> l.n").equalTo(0)
                .build();
    }
}
