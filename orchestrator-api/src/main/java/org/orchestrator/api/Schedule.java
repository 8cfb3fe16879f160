package org.orchestrator.api;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * When a DAG runs on its own: Unix cron, a preset, a fixed interval, once, or never (manual only).
 *
 * <pre>{@code
 * Schedule.parse("0 2 * * *")          // every day at 02:00 in the DAG's timezone
 * Schedule.parse("@hourly")
 * Schedule.every(Duration.ofMinutes(10))
 * Schedule.manual()                     // only triggered runs
 * Schedule.onAssets(orders, customers)  // when both assets were updated (data-aware scheduling)
 * }</pre>
 *
 * <p>Each scheduled run covers a data interval [start, end) and runs once the interval has ended;
 * its logical date is the interval's start, as in Airflow.
 */
public sealed interface Schedule permits Schedule.Cron, Schedule.Every, Schedule.Once, Schedule.Manual, Schedule.OnAssets {

    /** {@return how the schedule is written: a cron expression, a preset, {@code @once} or {@code null}-like {@code none}} */
    String expression();

    /**
     * Parses a Unix 5-field cron expression or a preset ({@code @hourly}, {@code @daily},
     * {@code @weekly}, {@code @monthly}, {@code @yearly}, {@code @once}, {@code @none}).
     *
     * @param expression the schedule as text
     * @return the schedule
     * @throws DagDefinitionException when the expression is not valid
     */
    static Schedule parse(String expression) {
        if (expression == null || expression.isBlank() || expression.equals("@none") || expression.equals("none")) {
            return manual();
        }
        String trimmed = expression.trim();
        if (trimmed.equals("@once")) {
            return once();
        }
        return cron(trimmed);
    }

    /**
     * {@return a cron schedule}
     *
     * @param expression a Unix 5-field cron expression or a cron preset
     * @throws DagDefinitionException when the expression is not valid
     */
    static Cron cron(String expression) {
        return new Cron(expression);
    }

    /**
     * {@return an interval schedule aligned on the DAG's start date}
     *
     * @param period the fixed distance between runs, at least one second
     */
    static Every every(Duration period) {
        return new Every(period);
    }

    /** {@return a schedule with a single run at the start date} */
    static Once once() {
        return new Once();
    }

    /** {@return no schedule: runs are only triggered (UI, API, CLI)} */
    static Manual manual() {
        return new Manual();
    }

    /**
     * A data-aware schedule: the DAG runs when the assets were updated, once each has had an event
     * since its last asset-triggered run (Airflow's {@code schedule=[a, b]}).
     *
     * @param assets what to wait for: every one of them (combine with {@link #any} / {@link #all})
     * @return the schedule
     * @throws DagDefinitionException when no asset is given
     */
    static OnAssets onAssets(AssetCondition... assets) {
        if (assets == null || assets.length == 0) {
            throw new DagDefinitionException("onAssets(...) needs at least one asset");
        }
        return new OnAssets(assets.length == 1 ? assets[0] : all(assets));
    }

    /**
     * {@return a condition that holds once every one of the conditions holds (Airflow's {@code a & b})}
     *
     * @param conditions assets or nested conditions
     */
    static AssetCondition all(AssetCondition... conditions) {
        return new AssetCondition.All(conditions == null ? null : java.util.Arrays.asList(conditions));
    }

    /**
     * {@return a condition that holds once any of the conditions holds (Airflow's {@code a | b})}
     *
     * @param conditions assets or nested conditions
     */
    static AssetCondition any(AssetCondition... conditions) {
        return new AssetCondition.Any(conditions == null ? null : java.util.Arrays.asList(conditions));
    }

    /**
     * A Unix cron schedule. Presets are expanded on creation.
     *
     * @param expression the expression as written
     * @param unixCron   the 5-field expression the preset stands for (equal to expression otherwise)
     */
    record Cron(String expression, String unixCron) implements Schedule {

        private static final CronParser PARSER =
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
        private static final Map<String, String> PRESETS = Map.of(
                "@hourly", "0 * * * *",
                "@daily", "0 0 * * *",
                "@midnight", "0 0 * * *",
                "@weekly", "0 0 * * 0",
                "@monthly", "0 0 1 * *",
                "@yearly", "0 0 1 1 *",
                "@annually", "0 0 1 1 *");

        /**
         * Parses a cron expression.
         *
         * @param expression a Unix 5-field cron expression or a preset
         */
        public Cron(String expression) {
            this(expression, expand(expression));
        }

        /**
         * Checks the expression.
         *
         * @param expression the expression as written
         * @param unixCron its 5-field form
         */
        public Cron {
            Objects.requireNonNull(expression, "expression");
            validate(unixCron, expression);
        }

        private static String expand(String expression) {
            String lower = Objects.requireNonNull(expression, "expression").trim().toLowerCase(Locale.ROOT);
            if (lower.startsWith("@")) {
                String cron = PRESETS.get(lower);
                if (cron == null) {
                    throw new DagDefinitionException("unknown schedule preset '" + expression
                            + "'; use @hourly, @daily, @weekly, @monthly, @yearly, @once or a 5-field cron");
                }
                return cron;
            }
            return expression.trim();
        }

        private static void validate(String unixCron, String written) {
            if (unixCron.split("\\s+").length != 5) {
                throw new DagDefinitionException("bad cron '" + written + "': a Unix cron has 5 fields (minute hour day month weekday)");
            }
            try {
                PARSER.parse(unixCron).validate();
            } catch (IllegalArgumentException e) {
                throw new DagDefinitionException("bad cron '" + written + "': " + e.getMessage());
            }
        }
    }

    /**
     * A fixed interval, aligned on the DAG's start date: [start + k·period, start + (k+1)·period).
     *
     * @param period distance between runs, at least one second
     */
    record Every(Duration period) implements Schedule {

        /**
         * Checks the period.
         *
         * @param period distance between runs, at least one second
         */
        public Every {
            Objects.requireNonNull(period, "period");
            if (period.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new DagDefinitionException("bad interval schedule " + period + ": the period must be at least one second");
            }
        }

        @Override
        public String expression() {
            return period.toString();
        }
    }

    /** A single run whose logical date is the DAG's start date. */
    record Once() implements Schedule {
        @Override
        public String expression() {
            return "@once";
        }
    }

    /** No schedule: only triggered runs. */
    record Manual() implements Schedule {
        @Override
        public String expression() {
            return "none";
        }
    }

    /**
     * Runs when assets were updated: run type {@code asset_triggered}, no timetable. The run's
     * conf carries the events that triggered it under {@code triggering_asset_events}.
     *
     * @param condition the assets to wait for
     */
    record OnAssets(AssetCondition condition) implements Schedule {

        /** The longest expression stored for the DAG list. */
        private static final int MAX_EXPRESSION = 250;

        /**
         * Checks there is a condition.
         *
         * @param condition the assets to wait for
         */
        public OnAssets {
            Objects.requireNonNull(condition, "condition");
        }

        /** {@return {@code assets:} and the condition, e.g. {@code assets: a & (b | c)}, cut to 250 characters} */
        @Override
        public String expression() {
            String text = "assets: " + condition.describe();
            return text.length() <= MAX_EXPRESSION ? text : text.substring(0, MAX_EXPRESSION - 3) + "...";
        }
    }
}
