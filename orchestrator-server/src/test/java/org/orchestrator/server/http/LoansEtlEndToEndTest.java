package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code loans_etl} in the real server, checked against the test's own reading of the CSV the
 * DAG jar ships: the summary tables hold exactly the totals computed here, every bad row is in
 * the dead-letter table with its reason, and clearing the run to rerun the interval leaves every
 * table identical.
 */
class LoansEtlEndToEndTest {

    private static final String DAG = "loans_etl";
    private static final String[] TABLES = {"loans", "loans_rejected", "loans_by_country", "loans_by_sector"};
    private static ExamplesFixture examples;
    private static String runId;
    private static ByHand expected;

    @BeforeAll
    static void runTheDagOnce() {
        examples = ExamplesFixture.start();
        runId = examples.runInterval(DAG, Instant.parse("2026-03-01T00:00:00Z"));
        examples.awaitSuccess(DAG, runId, Duration.ofMinutes(2));
        expected = ByHand.of(examples.shippedLines("org/orchestrator/dags/loans/loans.csv"));
    }

    @AfterAll
    static void stop() {
        examples.close();
    }

    @Test
    void the_summary_tables_hold_exactly_the_totals_computed_from_the_shipped_csv() {
        assertThat(expected.loans).isGreaterThan(2500);
        assertThat(table("SELECT country, loans, total_amount FROM loans_by_country")).isEqualTo(expected.byCountry);
        assertThat(table("SELECT sector, loans, total_amount FROM loans_by_sector")).isEqualTo(expected.bySector);
        assertThat(examples.analytics("SELECT COUNT(*) FROM loans")).containsExactly(List.of((long) expected.loans));
    }

    @Test
    void every_bad_row_is_in_the_dead_letter_table_with_its_reason() {
        Map<Long, String> reasons = new TreeMap<>();
        examples.analytics("SELECT line_number, reason FROM loans_rejected")
                .forEach(row -> reasons.put((Long) row.get(0), (String) row.get(1)));

        assertThat(reasons.keySet()).containsExactlyElementsOf(expected.bad.keySet());
        expected.bad.forEach((line, why) -> assertThat(reasons.get(line)).as("line %d", line).startsWith(why.prefix)
                .contains(why.word));
        assertThat(expected.bad.values().stream().map(Why::prefix).collect(Collectors.toSet()))
                .as("the sample has every kind of bad row")
                .contains("amount:", "funded_date:", "country:", "expected 8 fields", "loan_id:");
    }

    @Test
    void clearing_the_run_to_rerun_the_interval_leaves_every_table_identical() {
        Map<String, List<String>> before = examples.dump(TABLES);

        examples.clear(DAG, runId);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                examples.runs().task(DAG, runId, "check_quality").get("try_number").asInt() >= 2
                        && "success".equals(examples.runs().taskState(DAG, runId, "check_quality")));
        examples.awaitSuccess(DAG, runId, Duration.ofMinutes(1));

        assertThat(examples.runs().task(DAG, runId, "load_loans").get("try_number").asInt()).as("the load ran again").isEqualTo(2);
        assertThat(examples.dump(TABLES)).isEqualTo(before);
        assertThat(before.get("loans")).hasSize(expected.loans);
    }

    private static Map<String, List<Object>> table(String sql) {
        Map<String, List<Object>> rows = new TreeMap<>();
        examples.analytics(sql).forEach(r -> rows.put((String) r.get(0),
                List.of(((Number) r.get(1)).longValue(), ((BigDecimal) r.get(2)).setScale(2))));
        return rows;
    }

    /** Why a row is bad: the dead-letter reason starts with the prefix and contains the word. */
    record Why(String prefix, String word) {
    }

    /**
     * The test's own rules, written from the loans CSV's documented schema and independent of the
     * DAG's code: 8 fields; loan_id unique (the first row with an id keeps it); an ISO 3166
     * country; a positive amount; an ISO date; at least one borrower; a known status.
     */
    static final class ByHand {
        final Map<String, List<Object>> byCountry = new TreeMap<>();
        final Map<String, List<Object>> bySector = new TreeMap<>();
        final Map<Long, Why> bad = new TreeMap<>();
        int loans;

        static ByHand of(List<String> lines) {
            ByHand hand = new ByHand();
            Set<Long> seen = new HashSet<>();
            Set<String> countries = Set.of(Locale.getISOCountries());
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",", -1);
                Why why = f.length != 8 ? new Why("expected 8 fields", "found " + f.length) : check(f, seen, countries);
                if (why != null) {
                    hand.bad.put(i + 1L, why);
                } else {
                    hand.add(f[1], f[2], new BigDecimal(f[3]));
                }
            }
            return hand;
        }

        private static Why check(String[] f, Set<Long> seen, Set<String> countries) {
            if (!seen.add(Long.parseLong(f[0]))) {
                return new Why("loan_id:", "duplicate");
            }
            if (!countries.contains(f[1])) {
                return new Why("country:", "unknown");
            }
            if (f[3].isEmpty()) {
                return new Why("amount:", "required");
            }
            if (new BigDecimal(f[3]).signum() <= 0) {
                return new Why("amount:", "positive");
            }
            try {
                LocalDate.parse(f[5]);
            } catch (DateTimeParseException e) {
                return new Why("funded_date:", f[5]);
            }
            boolean fine = f[4].matches("[A-Z]{3}") && Integer.parseInt(f[6]) >= 1
                    && Set.of("funded", "in_repayment", "paid", "defaulted").contains(f[7]) && !f[2].isEmpty();
            return fine ? null : new Why("?", "a defect the generator does not make");
        }

        private void add(String country, String sector, BigDecimal amount) {
            loans++;
            merge(byCountry, country, amount);
            merge(bySector, sector, amount);
        }

        private static void merge(Map<String, List<Object>> totals, String key, BigDecimal amount) {
            List<Object> now = totals.getOrDefault(key, List.of(0L, BigDecimal.ZERO.setScale(2)));
            totals.put(key, List.of((Long) now.get(0) + 1, ((BigDecimal) now.get(1)).add(amount).setScale(2)));
        }
    }
}
