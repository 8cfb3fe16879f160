package org.orchestrator.tasks.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.tasks.testing.DatabaseTest;

/** What {@link SqlCheck} does on any database; subclasses name the database. */
abstract class SqlCheckContract extends DatabaseTest {

    @BeforeEach
    void loansTable() throws Exception {
        exec("CREATE TABLE loans (id INTEGER, country VARCHAR(40), amount DECIMAL(12,2))",
                "INSERT INTO loans VALUES (1, 'Kenya', 500.00)",
                "INSERT INTO loans VALUES (2, 'Peru', 1200.00)",
                "INSERT INTO loans VALUES (3, NULL, 75.00)",
                "INSERT INTO loans VALUES (3, 'Kenya', -5.00)");
    }

    @Test
    void rules_that_hold_pass() throws Exception {
        SqlCheck.on(DB)
                .rowCount("loans").between(1, 10)
                .noNulls("loans", "id", "amount")
                .valuesBetween("loans", "id", 1, 3)
                .value("SELECT SUM(amount) FROM loans WHERE country = ?", "Kenya").equalTo(495)
                .queryRows("SELECT country FROM loans WHERE country IS NOT NULL GROUP BY country").equalTo(2)
                .build().execute(ctx);

        assertThat(ctx.logLines()).contains("data-quality check on 'warehouse' passed: 6 rule(s)");
    }

    @Test
    void every_broken_rule_is_named_in_the_failure() {
        SqlCheck check = SqlCheck.on(DB)
                .rowCount("loans").atLeast(1000)
                .noNulls("loans", "country")
                .valuesBetween("loans", "amount", 0, 1000)
                .queryRows("SELECT id FROM loans GROUP BY id HAVING COUNT(*) > 1").equalTo(0)
                .rowCount("loans").atMost(4)
                .build();

        assertThatThrownBy(() -> check.execute(ctx)).isInstanceOfSatisfying(DataQualityException.class, e ->
                assertThat(e.breaches()).containsExactly(
                        "row count of loans: 4, expected at least 1000",
                        "NULLs in loans.country: 1, expected 0",
                        "values of loans.amount outside [0, 1000]: 2, expected 0",
                        "rows of (SELECT id FROM loans GROUP BY id HAVING COUNT(*) > 1): 1, expected 0"))
                .hasMessageStartingWith("data-quality check on 'warehouse' failed: 4 of 5 rule(s) broken");
    }

    @Test
    void a_query_without_an_answer_breaks_its_rule() {
        SqlCheck check = SqlCheck.on(DB).value("SELECT amount FROM loans WHERE id = ?", 99).atLeast(0).build();

        assertThatThrownBy(() -> check.execute(ctx)).hasMessageContaining("the query returned no value, expected at least 0");
    }

    @Test
    void identifiers_that_could_carry_sql_are_refused_when_building() {
        assertThatThrownBy(() -> SqlCheck.on(DB).noNulls("loans; DROP TABLE loans", "id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a plain SQL identifier");
    }
}
