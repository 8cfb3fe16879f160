package org.orchestrator.server.http.api;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.orchestrator.api.Schedule;

/**
 * A stored schedule expression as Airflow shows it: {@code schedule_interval} is a
 * {@code CronExpression} or {@code TimeDelta} object (null for manual-only DAGs) and
 * {@code timetable_description} a sentence such as "At 02:00".
 */
final class ScheduleViews {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronDescriptor DESCRIBE = CronDescriptor.instance(Locale.ENGLISH);
    private static final Map<String, Object> MANUAL = Map.of();
    private static final Memo<String, Map<String, Object>> INTERVALS = new Memo<>(10_000);
    private static final Memo<String, String> DESCRIPTIONS = new Memo<>(10_000);

    /** How {@link Schedule.OnAssets#expression()} begins. */
    private static final String ASSETS_PREFIX = "assets: ";

    private ScheduleViews() {
    }

    /** @param expression as stored ({@code 0 2 * * *}, {@code @daily}, {@code @once}, {@code PT10M}, {@code none}) @return the JSON object, or null */
    static Map<String, Object> interval(String expression) {
        Map<String, Object> interval = INTERVALS.get(String.valueOf(expression), () -> {
            Map<String, Object> computed = computeInterval(expression);
            return computed == null ? MANUAL : computed;
        });
        return interval == MANUAL ? null : interval;
    }

    private static Map<String, Object> computeInterval(String expression) {
        return switch (parse(expression)) {
            case Schedule.Manual m -> null;
            case Schedule.OnAssets a -> null;
            case Schedule.Every e -> timeDelta(e.period());
            case Schedule.Once o -> cron("@once");
            case Schedule.Cron c -> cron(c.expression());
        };
    }

    /** @param period a duration @return Airflow's TimeDelta object for it, or null */
    static Map<String, Object> timeDelta(Duration period) {
        if (period == null) {
            return null;
        }
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("__type", "TimeDelta");
        delta.put("days", period.toDays());
        delta.put("seconds", period.toSecondsPart() + 60L * period.toMinutesPart() + 3600L * period.toHoursPart());
        delta.put("microseconds", period.toNanosPart() / 1000);
        return delta;
    }

    /** @param expression as stored @return a human description of when runs are created */
    static String description(String expression) {
        return DESCRIPTIONS.get(String.valueOf(expression), () -> computeDescription(expression));
    }

    private static String computeDescription(String expression) {
        if (expression != null && expression.startsWith(ASSETS_PREFIX)) {
            return "Triggered by assets " + expression.substring(ASSETS_PREFIX.length());
        }
        return switch (parse(expression)) {
            case Schedule.OnAssets a -> "Triggered by assets " + a.condition().describe();
            case Schedule.Manual m -> "Never, external triggers only";
            case Schedule.Once o -> "Once, as soon as possible";
            case Schedule.Every e -> "Every " + humanDuration(e.period());
            case Schedule.Cron c -> capitalise(DESCRIBE.describe(UNIX.parse(c.unixCron())));
        };
    }

    private static Schedule parse(String expression) {
        if (expression != null && expression.startsWith("P")) {
            try {
                return Schedule.every(Duration.parse(expression));
            } catch (RuntimeException e) {
                return Schedule.manual();
            }
        }
        try {
            return Schedule.parse(expression);
        } catch (RuntimeException e) {
            // Stored by an older build or by hand: show it as manual rather than fail the listing.
            return Schedule.manual();
        }
    }

    private static Map<String, Object> cron(String value) {
        Map<String, Object> cron = new LinkedHashMap<>();
        cron.put("__type", "CronExpression");
        cron.put("value", value);
        return cron;
    }

    private static String humanDuration(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
