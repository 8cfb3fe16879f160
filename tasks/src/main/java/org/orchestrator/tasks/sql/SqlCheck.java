package org.orchestrator.tasks.sql;

import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.internal.Jdbc;

/**
 * A data-quality gate, like Airflow's {@code SQLCheckOperator} family: every rule is checked on a
 * named JDBC connection and the try fails with a {@link DataQualityException} listing each broken
 * rule. A rule is a query whose answer must lie in a range: row counts, NULL counts, values
 * outside a range, or any query's first value.
 *
 * <pre>{@code
 * .task("check_loans", SqlCheck.on("analytics")
 *         .rowCount("loans").atLeast(1000)
 *         .noNulls("loans", "country", "amount")
 *         .valuesBetween("loans", "amount", 0, 1_000_000)
 *         .queryRows("SELECT id FROM loans GROUP BY id HAVING COUNT(*) > 1").equalTo(0)
 *         .value("SELECT SUM(amount) FROM loans_by_country").equalTo(expectedTotal)
 *         .build())
 * }</pre>
 */
public final class SqlCheck implements Task {

    private final String connId;
    private final List<Rule> rules;

    private SqlCheck(String connId, List<Rule> rules) {
        this.connId = connId;
        this.rules = List.copyOf(rules);
    }

    /**
     * {@return a builder}
     *
     * @param connId a connection of type {@code jdbc}
     */
    public static Builder on(String connId) {
        return new Builder(Objects.requireNonNull(connId, "connId"));
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        List<String> breaches = new ArrayList<>();
        try (Connection conn = Jdbc.open(ctx, connId)) {
            // One read-only transaction, so every rule sees the same data.
            conn.setAutoCommit(false);
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                rule.breach(conn, ctx, rule.query().rendered(ctx, i, rules.size())).ifPresent(breaches::add);
            }
            conn.rollback();
        }
        if (!breaches.isEmpty()) {
            throw new DataQualityException(connId, rules.size(), breaches);
        }
        ctx.log().info("data-quality check on '{}' passed: {} rule(s)", connId, rules.size());
    }

    /** Each rule's query is a Jinja template: {@code value("SELECT COUNT(*) FROM orders WHERE day = '{{ ds }}'")}. */
    @Override
    public java.util.Map<String, String> templateFields() {
        return Statement.templateFields(rules.stream().map(Rule::query).toList());
    }

    /** Configures a {@link SqlCheck}: each rule method returns a {@link Bound} that states the rule's range. */
    public static final class Builder {
        private final String connId;
        private final List<Rule> rules = new ArrayList<>();

        private Builder(String connId) {
            this.connId = connId;
        }

        /**
         * {@return the bound for its row count}
         *
         * @param table a table
         */
        public Bound rowCount(String table) {
            String t = Jdbc.identifier(table);
            return bound("row count of " + t, Statement.of("SELECT COUNT(*) FROM " + t));
        }

        /**
         * {@return the bound for the number of rows it returns}
         *
         * @param sql a query; its rows are counted
         * @param params literals or {@link SqlParam}s
         */
        public Bound queryRows(String sql, Object... params) {
            return bound("rows of (" + sql.strip() + ")", Statement.of("SELECT COUNT(*) FROM (" + sql + ") counted", params));
        }

        /**
         * {@return the bound for that number}
         *
         * @param sql a query returning one number (its first column of its first row)
         * @param params literals or {@link SqlParam}s
         */
        public Bound value(String sql, Object... params) {
            return bound("value of (" + sql.strip() + ")", Statement.of(sql, params));
        }

        /**
         * Checks that columns of a table hold no NULL.
         *
         * @param table a table
         * @param columns columns that must hold no NULL
         * @return this
         */
        public Builder noNulls(String table, String... columns) {
            String t = Jdbc.identifier(table);
            for (String column : columns) {
                String c = Jdbc.identifier(column);
                bound("NULLs in " + t + "." + c, Statement.of("SELECT COUNT(*) FROM " + t + " WHERE " + c + " IS NULL")).equalTo(0);
            }
            return this;
        }

        /**
         * {@return this; NULLs are not counted (use {@link #noNulls} for them)}
         *
         * @param table a table
         * @param column a numeric or comparable column
         * @param min the smallest allowed value
         * @param max the largest allowed value
         */
        public Builder valuesBetween(String table, String column, Object min, Object max) {
            String t = Jdbc.identifier(table);
            String c = Jdbc.identifier(column);
            return bound("values of " + t + "." + c + " outside [" + min + ", " + max + "]",
                    Statement.of("SELECT COUNT(*) FROM " + t + " WHERE " + c + " < ? OR " + c + " > ?", min, max)).equalTo(0);
        }

        private Bound bound(String what, Statement query) {
            return new Bound(this, (min, max) -> rules.add(new Rule(what, query, min, max)));
        }

        /** {@return the task} */
        public SqlCheck build() {
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("SQL check on '" + connId + "' has no rule");
            }
            return new SqlCheck(connId, rules);
        }
    }

    /** The range a rule's answer must lie in; each method ends the rule and returns the builder. */
    public static final class Bound {
        private final Builder builder;
        private final BiFunction<BigDecimal, BigDecimal, Boolean> add;

        private Bound(Builder builder, BiFunction<BigDecimal, BigDecimal, Boolean> add) {
            this.builder = builder;
            this.add = add;
        }

        /**
         * {@return the builder}
         *
         * @param min the smallest allowed answer
         */
        public Builder atLeast(Number min) {
            return range(decimal(min), null);
        }

        /**
         * {@return the builder}
         *
         * @param max the largest allowed answer
         */
        public Builder atMost(Number max) {
            return range(null, decimal(max));
        }

        /**
         * {@return the builder}
         *
         * @param min smallest allowed
         * @param max largest allowed
         */
        public Builder between(Number min, Number max) {
            BigDecimal lo = decimal(min);
            BigDecimal hi = decimal(max);
            if (lo.compareTo(hi) > 0) {
                throw new IllegalArgumentException("empty range: " + min + " > " + max);
            }
            return range(lo, hi);
        }

        /**
         * {@return the builder}
         *
         * @param expected the only allowed answer
         */
        public Builder equalTo(Number expected) {
            return range(decimal(expected), decimal(expected));
        }

        private Builder range(BigDecimal min, BigDecimal max) {
            add.apply(min, max);
            return builder;
        }

        private static BigDecimal decimal(Number n) {
            return new BigDecimal(Objects.requireNonNull(n, "bound").toString());
        }
    }
}
