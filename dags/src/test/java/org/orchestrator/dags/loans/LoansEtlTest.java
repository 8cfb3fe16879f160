package org.orchestrator.dags.loans;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.DagRunState;
import org.orchestrator.dags.AnalyticsDb;
import org.orchestrator.testing.DagTestRun;

/** {@code loans_etl} run whole with DagTester on a real H2 analytics database. */
class LoansEtlTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
    private static final String[] TABLES = {"loans", "loans_rejected", "loans_by_country", "loans_by_sector"};

    @TempDir
    Path dir;

    @Test
    void loads_the_good_rows_rejects_every_bad_row_with_its_reason_and_passes_the_quality_gate() {
        AnalyticsDb db = AnalyticsDb.in(dir);

        DagTestRun run = db.tester(LoansEtl.dag()).run(DAY);

        assertThat(run.state()).as(run.toString()).isEqualTo(DagRunState.SUCCESS);
        // One row in 25 of the 3,000 is bad (the generator's contract); the others load.
        assertThat(db.number("SELECT COUNT(*) FROM loans")).isEqualTo(2880);
        assertThat(run.xcom("load_loans", "rejected", Long.class)).contains(120L);
        assertThat(db.rows("SELECT reason FROM loans_rejected")).extracting(r -> reasonKind((String) r.getFirst()))
                .containsOnly("missing amount", "negative amount", "bad date", "unknown country", "column count", "duplicate")
                .hasSize(120);
        assertThat(db.number("SELECT SUM(loans) FROM loans_by_country")).isEqualTo(2880);
        assertThat(db.number("SELECT COUNT(*) FROM loans_by_sector")).isEqualTo(15);
        assertThat(run.log("check_quality")).contains("passed: 11 rule(s)");
    }

    @Test
    void rerunning_leaves_every_table_identical() {
        AnalyticsDb db = AnalyticsDb.in(dir);
        db.tester(LoansEtl.dag()).run(DAY);
        Map<String, List<String>> before = db.dump(TABLES);

        DagTestRun again = db.tester(LoansEtl.dag()).run(DAY);

        assertThat(again.state()).isEqualTo(DagRunState.SUCCESS);
        assertThat(db.dump(TABLES)).isEqualTo(before);
    }

    @Test
    void the_quality_gate_fails_the_run_when_the_summary_disagrees_with_the_loans() {
        AnalyticsDb db = AnalyticsDb.in(dir);
        db.tester(LoansEtl.dag()).run(DAY);
        // Corrupt the summary as a buggy step would.
        db.execute("UPDATE loans_by_country SET total_amount = total_amount + 1 WHERE country = 'KE'");

        DagTestRun check = db.tester(LoansEtl.dag()).runTask("check_quality", DAY);

        assertThat(check.state()).isEqualTo(DagRunState.FAILED);
        assertThat(check.tries("check_quality").getLast().error()).hasValueSatisfying(e -> assertThat(e)
                .contains("loans_by_country"));
    }

    private static String reasonKind(String reason) {
        if (reason.startsWith("amount: required")) {
            return "missing amount";
        }
        if (reason.startsWith("amount: must be positive")) {
            return "negative amount";
        }
        if (reason.startsWith("funded_date:")) {
            return "bad date";
        }
        if (reason.startsWith("country: unknown")) {
            return "unknown country";
        }
        if (reason.startsWith("expected 8 fields")) {
            return "column count";
        }
        return reason.startsWith("loan_id: duplicate") ? "duplicate" : reason;
    }
}
