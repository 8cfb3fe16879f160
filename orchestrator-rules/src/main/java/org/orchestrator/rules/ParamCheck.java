package org.orchestrator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagDefinitionException;
import org.orchestrator.api.Param;
import org.orchestrator.api.Schedule;

/**
 * Checks a trigger's conf against a DAG's typed params, as Airflow does before it creates a run:
 * each param's value (the conf's, else its default) must satisfy the param's JSON Schema (draft
 * 2020-12, formats such as {@code date} asserted), a typed param without a default must be given,
 * and, when unknown keys are refused, the conf may name no other key. Every problem is reported,
 * not just the first, so a form can mark each field at once.
 *
 * <pre>{@code
 * List<ParamCheck.FieldError> errors = ParamCheck.check(dag, conf, ParamCheck.UnknownKeys.REJECT);
 * }</pre>
 */
public final class ParamCheck {

    /** What a conf key that names no param means (Airflow: {@code dag_run_conf_overrides_params}, extra keys kept). */
    public enum UnknownKeys {
        /** Kept in the conf for the tasks to read, as Airflow does by default. */
        ALLOW,
        /** A field error: the trigger is refused. */
        REJECT;

        /**
         * @param text {@code allow} or {@code reject}, any case
         * @return the policy
         * @throws IllegalArgumentException naming the accepted values
         */
        public static UnknownKeys parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown-keys policy must be 'allow' or 'reject', got '" + text + "'", e);
            }
        }
    }

    /**
     * One problem with one param.
     *
     * @param field   the param's name, with a JSON pointer inside it for nested values ({@code files/2})
     * @param message what is wrong, e.g. {@code must have a minimum value of 0}
     */
    public record FieldError(String field, String message) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** Compiled schemas, by their text: a DAG's params are checked on every trigger. */
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 10_000;
    private static final Pattern SCIENTIFIC = Pattern.compile("\\b\\d+(\\.\\d+)?E[+-]?\\d+\\b");

    private ParamCheck() {
    }

    /**
     * @param dag     the DAG whose params apply
     * @param conf    the trigger's conf (null means empty)
     * @param unknown what a key naming no param means
     * @return every problem, in the params' order then the unknown keys'; empty when the conf is good
     */
    public static List<FieldError> check(Dag dag, Map<String, Object> conf, UnknownKeys unknown) {
        Map<String, Object> given = conf == null ? Map.of() : conf;
        List<FieldError> errors = new ArrayList<>();
        dag.paramSpecs().forEach((name, param) -> checkOne(name, param, given, errors));
        if (unknown == UnknownKeys.REJECT) {
            given.keySet().stream().filter(key -> !dag.paramSpecs().containsKey(key))
                    .forEach(key -> errors.add(new FieldError(key, "is not a param of dag '" + dag.id() + "'")));
        }
        return List.copyOf(errors);
    }

    /**
     * {@link #check}, for callers that must not go on with a bad conf (a trigger).
     *
     * @throws InvalidConfException listing every field error, when there is one
     */
    public static void require(Dag dag, Map<String, Object> conf, UnknownKeys unknown) {
        List<FieldError> errors = check(dag, conf, unknown);
        if (!errors.isEmpty()) {
            throw new InvalidConfException(dag.id(), errors);
        }
    }

    /**
     * The check a DAG passes when it is loaded, as Airflow's: each typed param's default must fit
     * its schema, and a scheduled DAG (whose runs have no conf) may have no typed param without one.
     *
     * @param dag the DAG
     * @throws DagDefinitionException naming each param and its problem
     */
    public static void checkDefaults(Dag dag) {
        Map<String, Object> defaults = new java.util.LinkedHashMap<>(dag.params());
        List<FieldError> errors = check(dag, defaults, UnknownKeys.ALLOW).stream()
                .filter(e -> !(dag.schedule() instanceof Schedule.Manual) || dag.params().containsKey(e.field().split("/")[0]))
                .toList();
        if (!errors.isEmpty()) {
            throw new DagDefinitionException("the params of dag '" + dag.id() + "' do not fit their schemas: " + describe(errors));
        }
    }

    /**
     * @param errors what {@link #check} found
     * @return one line naming each field and its problem, for a problem's detail or a command's output
     */
    public static String describe(List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (FieldError error : errors) {
            text.append(text.isEmpty() ? "" : "; ").append(error.field()).append(": ").append(error.message());
        }
        return text.toString();
    }

    private static void checkOne(String name, Param param, Map<String, Object> conf, List<FieldError> errors) {
        if (param.untyped()) {
            return;
        }
        if (!conf.containsKey(name) && !param.hasDefault()) {
            errors.add(new FieldError(name, "is required: the param has no default"));
            return;
        }
        Object value = conf.containsKey(name) ? conf.get(name) : param.defaultValue().orElse(null);
        List<Error> found = schema(param).validate(JSON.valueToTree(value),
                ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
        for (Error error : found) {
            String pointer = error.getInstanceLocation().toString();
            String where = pointer.startsWith("$") ? pointer.substring(1).replace('.', '/').replaceAll("\\[(\\d+)]", "/$1") : pointer;
            errors.add(new FieldError(where.isEmpty() ? name : name + (where.startsWith("/") ? "" : "/") + where,
                    plainNumbers(error.getMessage())));
        }
    }

    /** The validator prints schema numbers as BigDecimal does ("multiple of 1E+1"); a form shows them as written. */
    static String plainNumbers(String message) {
        return SCIENTIFIC.matcher(message).replaceAll(m -> new BigDecimal(m.group()).toPlainString());
    }

    private static Schema schema(Param param) {
        JsonNode node = JSON.valueToTree(param.schema());
        if (COMPILED.size() > MAX_CACHED) {
            COMPILED.clear();
        }
        return COMPILED.computeIfAbsent(node.toString(), text -> REGISTRY.getSchema(node));
    }
}
