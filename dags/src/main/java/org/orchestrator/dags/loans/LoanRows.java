package org.orchestrator.dags.loans;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.csv.ColumnType;
import org.orchestrator.tasks.csv.CsvLoad;

/**
 * The loans CSV's schema and validation rules. A row is rejected (into {@code loans_rejected},
 * with the reason) when it has the wrong number of fields, a required field is empty or of the
 * wrong type, the amount is not positive, the country is not an ISO 3166 code, the status is not
 * one we know, or its loan_id was used by an earlier row (the first one wins).
 */
final class LoanRows {

    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    static final Set<String> STATUSES = Set.of("funded", "in_repayment", "paid", "defaulted");

    private LoanRows() {
    }

    /** Builds the load for each try: the set of loan ids seen so far must start empty every time. */
    static void load(TaskContext ctx) throws Exception {
        csvLoad(new HashSet<>()).execute(ctx);
    }

    static CsvLoad csvLoad(Set<Long> seenIds) {
        return CsvLoad.into(LoansEtl.ANALYTICS, "loans")
                .from(ctx -> Path.of(ctx.xcomPull(LoansEtl.STAGE, "path", String.class)))
                .column("loan_id", ColumnType.LONG)
                .column("country", ColumnType.TEXT)
                .column("sector", ColumnType.TEXT)
                .column("amount", ColumnType.DECIMAL)
                .column("currency", ColumnType.TEXT)
                .column("funded_date", ColumnType.DATE)
                .column("borrower_count", ColumnType.INT)
                .column("status", ColumnType.TEXT)
                .rule("loan_id", id -> seenIds.add((Long) id), "duplicate of an earlier row's loan_id")
                .rule("country", COUNTRIES::contains, "unknown ISO 3166 country code")
                .rule("amount", amount -> ((BigDecimal) amount).signum() > 0, "must be positive")
                .rule("currency", c -> ((String) c).matches("[A-Z]{3}"), "must be an ISO 4217 code")
                .rule("borrower_count", n -> (Integer) n >= 1, "must be at least 1")
                .rule("status", STATUSES::contains, "unknown status")
                .upsertKey("loan_id")
                .replaceAll()
                .deadLetterTable("loans_rejected")
                .batchSize(500)
                .build();
    }
}
