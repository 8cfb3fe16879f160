package org.orchestrator.server.execute.isolation;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orchestrator.api.Isolation;

/**
 * How this node isolates tries, from its environment.
 *
 * @param defaultIsolation where a task that does not say runs ({@code ORCHESTRATOR_DEFAULT_ISOLATION}, thread)
 * @param jvmOptions       options of every child JVM before the task's own
 *                         ({@code ORCHESTRATOR_PROCESS_JVM_OPTIONS}, a heap cap and a small, fast-starting JVM)
 * @param killGrace        how long a stopped child has between SIGTERM and SIGKILL
 *                         ({@code ORCHESTRATOR_PROCESS_KILL_GRACE_SECONDS}, 5)
 * @param warmChildren     how many idle child JVMs of {@code reuse(true)} tasks the node keeps
 *                         ({@code ORCHESTRATOR_PROCESS_WARM_CHILDREN}, 4; 0 turns reuse off)
 * @param reuseMaxTries    after how many tries a reused child is recycled ({@code ORCHESTRATOR_PROCESS_REUSE_MAX_TRIES}, 100)
 * @param reuseIdle        how long an idle child is kept before it is stopped ({@code ORCHESTRATOR_PROCESS_REUSE_IDLE_SECONDS}, 300)
 */
public record IsolationConfig(Isolation defaultIsolation, List<String> jvmOptions, Duration killGrace,
                              int warmChildren, int reuseMaxTries, Duration reuseIdle) {

    /** A heap cap, so a child can never take the machine's memory, and the serial collector: one try, one small heap. */
    static final String DEFAULT_JVM_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    /** Copies the options. */
    public IsolationConfig {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * @param env environment variables
     * @return the configuration they give
     * @throws IllegalArgumentException naming the variable whose value is wrong
     */
    public static IsolationConfig fromEnvironment(Map<String, String> env) {
        String isolation = env.getOrDefault("ORCHESTRATOR_DEFAULT_ISOLATION", "thread").strip();
        Isolation parsed;
        try {
            parsed = Isolation.valueOf(isolation.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ORCHESTRATOR_DEFAULT_ISOLATION must be thread or process, got '" + isolation + "'");
        }
        String options = env.getOrDefault("ORCHESTRATOR_PROCESS_JVM_OPTIONS", DEFAULT_JVM_OPTIONS).strip();
        return new IsolationConfig(parsed, options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+")),
                Duration.ofSeconds(count(env, "ORCHESTRATOR_PROCESS_KILL_GRACE_SECONDS", 5, "a number of seconds")),
                count(env, "ORCHESTRATOR_PROCESS_WARM_CHILDREN", 4, "a number of child JVMs"),
                Math.max(1, count(env, "ORCHESTRATOR_PROCESS_REUSE_MAX_TRIES", 100, "a number of tries")),
                Duration.ofSeconds(count(env, "ORCHESTRATOR_PROCESS_REUSE_IDLE_SECONDS", 300, "a number of seconds")));
    }

    private static int count(Map<String, String> env, String name, int fallback, String what) {
        String value = env.getOrDefault(name, Integer.toString(fallback)).strip();
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be " + what + " (0 or more), got '" + value + "'");
    }
}
