package org.orchestrator.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A pipeline: tasks and the edges between them, a schedule, and settings. Immutable; made with
 * {@link #builder(String)}, which validates the graph (unknown upstreams, duplicate ids, cycles),
 * the schedule and the dates.
 *
 * <pre>{@code
 * Dag dag = Dag.builder("etl_orders_pipeline")
 *         .description("Daily orders ETL")
 *         .owner("data-eng").tags("etl", "orders")
 *         .schedule("0 2 * * *").timezone("Europe/Paris")
 *         .startDate(LocalDate.of(2026, 1, 1)).catchup(false)
 *         .defaults(d -> d.retries(3).retryDelay(Duration.ofMinutes(5)))
 *         .task("extract_orders", new ExtractOrders())
 *         .task("transform_orders", new TransformOrders())
 *         .task("load_orders", new LoadOrders())
 *         .chain("extract_orders", "transform_orders", "load_orders")
 *         .build();
 * }</pre>
 */
public final class Dag {

    private final String id;
    private final String description;
    private final String owner;
    private final List<String> tags;
    private final Schedule schedule;
    private final ZoneId timezone;
    private final Instant startDate;
    private final Instant endDate;
    private final boolean catchup;
    private final int maxActiveRuns;
    private final int maxActiveTasks;
    private final Map<String, Object> params;
    private final Map<String, Param> paramSpecs;
    private final List<DagRunCallback> onSuccess;
    private final List<DagRunCallback> onFailure;
    private final Duration sla;
    private final List<DagRunCallback> onSlaMiss;
    private final Duration dagrunTimeout;
    private final String docMd;
    private final Map<String, TaskDefinition> tasks;
    private final Map<String, Set<String>> downstream;
    private final Map<String, Object> userDefinedMacros;
    private final Map<String, TemplateFilter> userDefinedFilters;

    private Dag(Builder b, List<TaskDefinition> sorted) {
        id = b.id;
        description = b.description;
        owner = b.owner;
        tags = List.copyOf(b.tags);
        schedule = b.schedule;
        timezone = b.timezone;
        startDate = b.resolve(b.startDate);
        endDate = b.resolve(b.endDate);
        catchup = b.catchup;
        maxActiveRuns = b.maxActiveRuns;
        maxActiveTasks = b.maxActiveTasks;
        paramSpecs = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
        params = defaults(b.params);
        onSuccess = List.copyOf(b.onSuccess);
        onFailure = List.copyOf(b.onFailure);
        sla = b.sla;
        onSlaMiss = List.copyOf(b.onSlaMiss);
        dagrunTimeout = b.dagrunTimeout;
        docMd = b.docMd;
        userDefinedMacros = Collections.unmodifiableMap(new LinkedHashMap<>(b.userDefinedMacros));
        userDefinedFilters = Map.copyOf(b.userDefinedFilters);
        Map<String, TaskDefinition> ordered = new LinkedHashMap<>();
        sorted.forEach(t -> ordered.put(t.id(), t));
        tasks = Collections.unmodifiableMap(ordered);
        downstream = DagGraph.downstream(sorted);
    }

    /** A param's default may be null (a nullable param): the map keeps it, so no Map.copyOf. */
    private static Map<String, Object> defaults(Map<String, Param> specs) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        specs.forEach((name, param) -> { if (param.hasDefault()) defaults.put(name, param.defaultValue().orElse(null)); });
        return Collections.unmodifiableMap(defaults);
    }

    /**
     * {@return a builder}
     *
     * @param id the DAG id: letters, digits, {@code _ . -}
     */
    public static Builder builder(String id) {
        return new Builder(Ids.check("dag", id, ""));
    }

    /** {@return the DAG id} */
    public String id() { return id; }

    /** {@return the description (plain text, shown escaped)} */
    public String description() { return description; }

    /** {@return the owner} */
    public String owner() { return owner; }

    /** {@return the tags} */
    public List<String> tags() { return tags; }

    /** {@return the schedule} */
    public Schedule schedule() { return schedule; }

    /** {@return the timezone the schedule is evaluated in} */
    public ZoneId timezone() { return timezone; }

    /** {@return the first instant a scheduled interval may start at, if set} */
    public Optional<Instant> startDate() { return Optional.ofNullable(startDate); }

    /** {@return the last instant a scheduled interval may start at, if set} */
    public Optional<Instant> endDate() { return Optional.ofNullable(endDate); }

    /** {@return true to create every missed interval, false for the latest only} */
    public boolean catchup() { return catchup; }

    /** {@return how many runs may be running at once} */
    public int maxActiveRuns() { return maxActiveRuns; }

    /** {@return how many task instances of this DAG may be queued or running at once} */
    public int maxActiveTasks() { return maxActiveTasks; }

    /** {@return params with their defaults (a param without a default is absent); a run's conf is laid over them} */
    public Map<String, Object> params() { return params; }

    /** {@return every param with its JSON Schema and default, in declaration order} */
    public Map<String, Param> paramSpecs() { return paramSpecs; }

    /** {@return callbacks for a successful run} */
    public List<DagRunCallback> onSuccess() { return onSuccess; }

    /** {@return callbacks for a failed run} */
    public List<DagRunCallback> onFailure() { return onFailure; }

    /** {@return how long after its data interval ends a run must have finished, if the DAG has an SLA} */
    public Optional<Duration> sla() { return Optional.ofNullable(sla); }

    /** {@return the callbacks told once when a run misses the SLA} */
    public List<DagRunCallback> onSlaMiss() { return onSlaMiss; }

    /** {@return how long a run may run before it is failed and its running tries stopped, if limited} */
    public Optional<Duration> dagrunTimeout() { return Optional.ofNullable(dagrunTimeout); }

    /** {@return the DAG's documentation as Markdown (Airflow's doc_md), possibly empty} */
    public String docMd() { return docMd; }

    /** {@return the tasks in topological order} */
    public List<TaskDefinition> tasks() { return List.copyOf(tasks.values()); }

    /**
     * {@return the task, if the DAG has it}
     *
     * @param taskId a task id
     */
    public Optional<TaskDefinition> task(String taskId) { return Optional.ofNullable(tasks.get(taskId)); }

    /**
     * {@return its direct downstream task ids}
     *
     * @param taskId a task id of this DAG
     */
    public Set<String> downstream(String taskId) { return downstream.getOrDefault(taskId, Set.of()); }

    /** {@return ids of the tasks with no downstream: their outcome decides the run's} */
    public Set<String> leaves() {
        Set<String> leaves = new LinkedHashSet<>();
        downstream.forEach((task, down) -> { if (down.isEmpty()) leaves.add(task); });
        return leaves;
    }

    /**
     * A canonical text of the DAG's structure and settings (not its code); equal structures give
     * equal text. The server hashes it, with the bundle's bytes, into the DAG version.
     *
     * @return the structure as text
     */
    public String structure() {
        StringBuilder s = new StringBuilder();
        s.append(id).append('|').append(schedule.expression()).append('|').append(timezone)
                .append('|').append(startDate).append('|').append(endDate).append('|').append(catchup)
                .append('|').append(maxActiveRuns).append('|').append(maxActiveTasks).append('|').append(params).append('\n');
        // Only typed params and grouped tasks add text, so the versions of DAGs without them stay as they were.
        paramSpecs.forEach((name, p) -> { if (!p.untyped()) s.append("param ").append(name).append('=').append(p.schema()).append('\n'); });
        for (TaskDefinition t : tasks.values()) {
            t.groupId().ifPresent(g -> s.append(t.id()).append(" in group ").append(g).append('\n'));
            s.append(t.id()).append('<').append(new java.util.TreeSet<>(t.upstream())).append('|')
                    .append(t.triggerRule()).append('|').append(t.retries()).append('|').append(t.retryDelay())
                    .append('|').append(t.executionTimeout().orElse(null)).append('|').append(t.pool())
                    .append('|').append(t.priorityWeight()).append('\n');
        }
        return s.toString();
    }

    /** {@return the names this DAG adds to its templates (Airflow's {@code user_defined_macros})} */
    public Map<String, Object> userDefinedMacros() {
        return userDefinedMacros;
    }

    /** {@return the filters this DAG adds to its templates, by name (Airflow's {@code user_defined_filters})} */
    public Map<String, TemplateFilter> userDefinedFilters() {
        return userDefinedFilters;
    }

    @Override
    public String toString() {
        return "dag '" + id + "'";
    }

    /** The names every template has (see the README's Templates section); a user-defined macro may not hide one. */
    private static final Set<String> TEMPLATE_NAMES = Set.of("ds", "ds_nodash", "ts", "ts_nodash", "logical_date",
            "data_interval_start", "data_interval_end", "prev_data_interval_start_success",
            "prev_data_interval_end_success", "run_id", "dag", "task", "ti", "task_instance", "params", "conf", "var", "conn",
            "macros");

    /** What a template can name: an identifier. */
    private static final java.util.regex.Pattern TEMPLATE_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Builds a {@link Dag}; {@link #build()} validates everything at once. */
    public static final class Builder {
        private final String id;
        private String description = "";
        private String owner = "airflow";
        private final List<String> tags = new ArrayList<>();
        private Schedule schedule = Schedule.manual();
        private ZoneId timezone = ZoneOffset.UTC;
        private Object startDate;
        private Object endDate;
        private boolean catchup = true;
        private int maxActiveRuns = 16;
        private int maxActiveTasks = 16;
        private final Map<String, Param> params = new LinkedHashMap<>();
        private final List<DagRunCallback> onSuccess = new ArrayList<>();
        private final List<DagRunCallback> onFailure = new ArrayList<>();
        private final List<DagRunCallback> onSlaMiss = new ArrayList<>();
        private Duration sla;
        private Duration dagrunTimeout;
        private String docMd = "";
        private final Map<String, Object> userDefinedMacros = new LinkedHashMap<>();
        private final Map<String, TemplateFilter> userDefinedFilters = new LinkedHashMap<>();
        private final TaskDefaults defaults = new TaskDefaults();
        private final Map<String, TaskBuilder> tasks = new LinkedHashMap<>();
        private final List<Consumer<TaskBuilder>> taskConfigs = new ArrayList<>();
        private final Map<String, TaskGroup> groups = new LinkedHashMap<>();
        private final List<Chained> chains = new ArrayList<>();

        /** A chain's edge as written, with the group it was written in (null for the DAG) to look names up from. */
        private record Chained(TaskGroup scope, String from, String to) {
        }

        private Builder(String id) {
            this.id = id;
        }

        /**
         * What the DAG does, shown as text.
         *
         * @param description what the DAG does, shown as text
         * @return this
         */
        public Builder description(String description) { this.description = Objects.requireNonNullElse(description, ""); return this; }

        /**
         * Who owns the DAG.
         *
         * @param owner who owns the DAG
         * @return this
         */
        public Builder owner(String owner) { this.owner = Objects.requireNonNull(owner); return this; }

        /**
         * Labels to filter by.
         *
         * @param tags labels to filter by
         * @return this
         */
        public Builder tags(String... tags) { Collections.addAll(this.tags, tags); return this; }

        /**
         * When runs are created.
         *
         * @param schedule when runs are created
         * @return this
         */
        public Builder schedule(Schedule schedule) { this.schedule = Objects.requireNonNull(schedule); return this; }

        /**
         * Cron, preset, {@code @once} or {@code none}.
         *
         * @param expression cron, preset, {@code @once} or {@code none}
         * @return this
         */
        public Builder schedule(String expression) { return schedule(Schedule.parse(expression)); }

        /**
         * The zone the schedule and local dates are read in (default UTC).
         *
         * @param zone the zone the schedule and local dates are read in (default UTC)
         * @return this
         */
        public Builder timezone(ZoneId zone) { this.timezone = Objects.requireNonNull(zone); return this; }

        /**
         * A zone id such as {@code Europe/Paris}.
         *
         * @param zone a zone id such as {@code Europe/Paris}
         * @return this
         */
        public Builder timezone(String zone) {
            try {
                return timezone(ZoneId.of(zone));
            } catch (RuntimeException e) {
                throw new DagDefinitionException("bad timezone '" + zone + "' in dag '" + id + "': " + e.getMessage());
            }
        }

        /**
         * First interval start, an instant.
         *
         * @param start first interval start, an instant
         * @return this
         */
        public Builder startDate(Instant start) { this.startDate = start; return this; }

        /**
         * First interval start, midnight of that day in the DAG's timezone.
         *
         * @param start first interval start, midnight of that day in the DAG's timezone
         * @return this
         */
        public Builder startDate(LocalDate start) { this.startDate = start; return this; }

        /**
         * First interval start, local time in the DAG's timezone.
         *
         * @param start first interval start, local time in the DAG's timezone
         * @return this
         */
        public Builder startDate(LocalDateTime start) { this.startDate = start; return this; }

        /**
         * No interval starts after this instant.
         *
         * @param end no interval starts after this instant
         * @return this
         */
        public Builder endDate(Instant end) { this.endDate = end; return this; }

        /**
         * No interval starts after midnight of that day in the DAG's timezone.
         *
         * @param end no interval starts after midnight of that day in the DAG's timezone
         * @return this
         */
        public Builder endDate(LocalDate end) { this.endDate = end; return this; }

        /**
         * True (default): each missed interval runs; false: only the latest.
         *
         * @param catchup true (default): each missed interval runs; false: only the latest
         * @return this
         */
        public Builder catchup(boolean catchup) { this.catchup = catchup; return this; }

        /**
         * Runs running at once (default 16).
         *
         * @param max runs running at once (default 16)
         * @return this
         */
        public Builder maxActiveRuns(int max) { this.maxActiveRuns = positive("max active runs", max); return this; }

        /**
         * Task instances queued or running at once (default 16).
         *
         * @param max task instances queued or running at once (default 16)
         * @return this
         */
        public Builder maxActiveTasks(int max) { this.maxActiveTasks = positive("max active tasks", max); return this; }

        /**
         * Declares a param with its default value; a run's conf overrides it. Any value is accepted.
         *
         * @param name param name
         * @param defaultValue its default, JSON-like
         * @return this
         */
        public Builder param(String name, Object defaultValue) { return param(name, Param.any(defaultValue)); }

        /**
         * A typed param: every trigger's conf is checked against its JSON Schema before a run is created.
         *
         * @param name  the param's name, the key in a run's conf
         * @param param its schema and default, e.g. {@code Param.integer().minimum(0).defaultValue(0)}
         * @return this
         */
        public Builder param(String name, Param param) {
            params.put(Objects.requireNonNull(name, "param name"), Objects.requireNonNull(param, "param"));
            return this;
        }

        /**
         * Sets retries, delays, pool… for every task (a task may override).
         *
         * @param defaults sets retries, delays, pool… for every task (a task may override)
         * @return this
         */
        public Builder defaults(Consumer<TaskDefaults> defaults) { defaults.accept(this.defaults); return this; }

        /**
         * Runs once when a run succeeds.
         *
         * @param callback runs once when a run succeeds
         * @return this
         */
        public Builder onSuccess(DagRunCallback callback) { onSuccess.add(Objects.requireNonNull(callback)); return this; }

        /**
         * Runs once when a run fails.
         *
         * @param callback runs once when a run fails
         * @return this
         */
        public Builder onFailure(DagRunCallback callback) { onFailure.add(Objects.requireNonNull(callback)); return this; }

        /**
         * Freshness: each run must finish within {@code within} after its data interval ends (for a
         * manual run: after it was queued). A run that has not finished by then is an SLA miss,
         * reported once to the {@link #onSlaMiss} callbacks and shown in the API.
         *
         * @param within how long after the interval's end the run must be done; positive
         * @return this builder
         */
        public Builder sla(Duration within) {
            if (within.isNegative() || within.isZero()) {
                throw new DagDefinitionException("dag '" + id + "' has a non-positive sla " + within);
            }
            this.sla = within;
            return this;
        }

        /**
         * Told once when a run misses the SLA.
         *
         * @param callback told once when a run misses the SLA
         * @return this builder
         */
        public Builder onSlaMiss(DagRunCallback callback) { onSlaMiss.add(Objects.requireNonNull(callback)); return this; }

        /**
         * Airflow's {@code dagrun_timeout}: a run still running this long after it started is
         * failed; its running tries are stopped (they end failed) and its tasks not yet started
         * are skipped. The failure callbacks run as for any failed run.
         *
         * @param timeout how long a run may run; positive
         * @return this builder
         */
        public Builder dagrunTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new DagDefinitionException("dag '" + id + "' has a non-positive dagrun timeout " + timeout);
            }
            this.dagrunTimeout = timeout;
            return this;
        }

        /**
         * Airflow's {@code doc_md}: documentation in Markdown, shown on the DAG's page. The
         * dashboard renders it with raw HTML escaped, so it can format but never script.
         *
         * @param markdown the documentation
         * @return this builder
         */
        public Builder docMd(String markdown) { this.docMd = Objects.requireNonNullElse(markdown, ""); return this; }

        /**
         * Adds names to every template of this DAG, as Airflow's {@code user_defined_macros}: a
         * value ({@code {{ project }}}) or an object whose public methods templates call
         * ({@code {{ partitions.of(ds) }}}). A name the templates already have ({@code ds},
         * {@code macros}, ...) is refused, so a template always means what the reference says.
         *
         * @param macros values and helper objects by name
         * @return this
         */
        public Builder userDefinedMacros(Map<String, ?> macros) {
            macros.forEach((name, value) -> {
                if (!TEMPLATE_NAME.matcher(name).matches() || TEMPLATE_NAMES.contains(name)) {
                    throw new DagDefinitionException("dag '" + id + "': '" + name + "' cannot be a user-defined macro"
                            + (TEMPLATE_NAMES.contains(name) ? ": templates already define it" : ": not a valid name"));
                }
                userDefinedMacros.put(name, Objects.requireNonNull(value, name));
            });
            return this;
        }

        /**
         * Adds filters to every template of this DAG, as Airflow's {@code user_defined_filters}:
         * {@code {{ ds | to_partition }}}.
         *
         * @param filters filters by name
         * @return this
         */
        public Builder userDefinedFilters(Map<String, TemplateFilter> filters) {
            filters.forEach((name, filter) -> {
                if (!TEMPLATE_NAME.matcher(name).matches()) {
                    throw new DagDefinitionException("dag '" + id + "': '" + name + "' is not a valid filter name");
                }
                userDefinedFilters.put(name, Objects.requireNonNull(filter, name));
            });
            return this;
        }

        /**
         * Adds a task with the DAG's default settings.
         *
         * @param taskId unique in the DAG
         * @param task   the code to run
         * @return this
         */
        public Builder task(String taskId, Task task) {
            return task(taskId, task, t -> { });
        }

        /**
         * Adds a task and configures it; the configuration is applied over the DAG's defaults.
         *
         * @param taskId    unique in the DAG
         * @param task      the code to run
         * @param configure sets upstreams, retries, trigger rule…
         * @return this
         */
        public Builder task(String taskId, Task task, Consumer<TaskBuilder> configure) {
            addTask(Ids.check("task", taskId, " in dag '" + id + "'"), task, configure, null);
            return this;
        }

        /**
         * Adds a task group (see {@link TaskGroup}): its tasks get ids {@code groupId.<task id>}.
         *
         * @param groupId unique in the DAG among task and group ids
         * @param body    adds the group's tasks, sub-groups, defaults and chains
         * @return this
         */
        public Builder group(String groupId, Consumer<TaskGroup> body) {
            addGroup(Ids.check("group", groupId, " in dag '" + id + "'"), null, body);
            return this;
        }

        void addTask(String taskId, Task task, Consumer<TaskBuilder> configure, TaskGroup group) {
            Objects.requireNonNull(task, "task");
            if (tasks.containsKey(taskId) || groups.containsKey(taskId)) {
                throw new DagDefinitionException("duplicate task id '" + taskId + "' in dag '" + id + "'");
            }
            TaskBuilder builder = new TaskBuilder(taskId, task);
            builder.group = group;
            tasks.put(taskId, builder);
            taskConfigs.add(Objects.requireNonNull(configure));
        }

        void addGroup(String groupId, TaskGroup parent, Consumer<TaskGroup> body) {
            if (tasks.containsKey(groupId) || groups.containsKey(groupId)) {
                throw new DagDefinitionException("duplicate group id '" + groupId + "' in dag '" + id + "'");
            }
            TaskGroup group = new TaskGroup(this, groupId, parent);
            groups.put(groupId, group);
            body.accept(group);
        }

        void addChain(TaskGroup scope, String... names) {
            for (int i = 1; i < names.length; i++) {
                chains.add(new Chained(scope, names[i - 1], names[i]));
            }
        }

        /**
         * Adds edges so that the tasks run one after another, like Airflow's {@code a >> b >> c}.
         *
         * @param taskIds two or more task ids, in order
         * @return this
         */
        public Builder chain(String... taskIds) {
            addChain(null, taskIds);
            return this;
        }

        /**
         * Validates and builds the DAG.
         *
         * @return the immutable DAG
         * @throws DagDefinitionException naming the DAG and the problem
         */
        public Dag build() {
            List<TaskBuilder> builders = new ArrayList<>(tasks.values());
            for (int i = 0; i < builders.size(); i++) {
                TaskDefaults layered = groupDefaults(builders.get(i).group);
                builders.get(i).startFrom(layered.settings());
                builders.get(i).isolateLike(layered);
                taskConfigs.get(i).accept(builders.get(i));
            }
            new GroupEdges(id, tasks, groups, writtenEdges(builders)).apply();
            checkDates();
            builders.forEach(this::checkParamSources);
            List<TaskDefinition> definitions = builders.stream().map(TaskBuilder::build).toList();
            return new Dag(this, DagGraph.validateAndSort(id, definitions));
        }

        /** @return the DAG's defaults with each enclosing group's laid over them, outermost first */
        private TaskDefaults groupDefaults(TaskGroup group) {
            if (group == null) {
                return defaults;
            }
            TaskDefaults outer = groupDefaults(group.parent());
            TaskDefaults layered = new TaskDefaults();
            layered.startFrom(outer.settings());
            layered.isolateLike(outer);
            group.defaults.forEach(d -> d.accept(layered));
            return layered;
        }

        /** Collects every dependency as written (names resolved, ends possibly groups), emptying the tasks' upstream sets. */
        private List<GroupEdges.Edge> writtenEdges(List<TaskBuilder> builders) {
            List<GroupEdges.Edge> written = new ArrayList<>();
            for (TaskBuilder task : builders) {
                for (String up : task.upstream) {
                    String name = lookUp(up, task.group);
                    written.add(new GroupEdges.Edge(name == null ? up : name, task.id));
                }
                task.upstream.clear();
            }
            for (Chained chained : chains) {
                written.add(new GroupEdges.Edge(chainEnd(chained.from(), chained.scope()), chainEnd(chained.to(), chained.scope())));
            }
            return written;
        }

        private String chainEnd(String name, TaskGroup scope) {
            String found = lookUp(name, scope);
            if (found == null) {
                throw new DagDefinitionException("chain names unknown task '" + name + "' in dag '" + id + "'");
            }
            return found;
        }

        /** @return the task or group id {@code name} means when written in {@code scope}, or null when none */
        private String lookUp(String name, TaskGroup scope) {
            for (TaskGroup g = scope; g != null; g = g.parent()) {
                String candidate = g.member(name);
                if (tasks.containsKey(candidate) || groups.containsKey(candidate)) {
                    return candidate;
                }
            }
            return tasks.containsKey(name) || groups.containsKey(name) ? name : null;
        }

        private void checkDates() {
            boolean scheduled = !(schedule instanceof Schedule.Manual);
            if (scheduled && startDate == null) {
                throw new DagDefinitionException("dag '" + id + "' has schedule '" + schedule.expression() + "' but no start date");
            }
            Instant start = resolve(startDate);
            Instant end = resolve(endDate);
            if (start != null && end != null && end.isBefore(start)) {
                throw new DagDefinitionException("dag '" + id + "' ends (" + end + ") before it starts (" + start + ")");
            }
        }

        private void checkParamSources(TaskBuilder task) {
            task.expansions.values().stream()
                    .filter(source -> source instanceof MapSource.FromParam p && !params.containsKey(p.name()))
                    .findFirst().ifPresent(source -> {
                        throw new DagDefinitionException("task '" + task.id + "' in dag '" + id + "' expands over unknown param '"
                                + ((MapSource.FromParam) source).name() + "'");
                    });
        }

        private Instant resolve(Object date) {
            return switch (date) {
                case null -> null;
                case Instant instant -> instant;
                case LocalDate day -> day.atStartOfDay(timezone).toInstant();
                case LocalDateTime local -> local.atZone(timezone).toInstant();
                default -> throw new IllegalStateException("unexpected date " + date);
            };
        }

        private int positive(String what, int value) {
            if (value < 1) {
                throw new DagDefinitionException(what + " must be >= 1 in dag '" + id + "', got " + value);
            }
            return value;
        }
    }
}
