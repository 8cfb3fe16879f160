package org.orchestrator.server.execute;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Resources;
import org.orchestrator.api.TaskState;

/**
 * The DAG-testing harness ({@code org.orchestrator.testing.DagTester}) looked up at run time.
 * It ships in the server's jar (a runtime dependency) so that {@code dags test} runs a DAG
 * exactly as its author's unit tests do, but the server does not compile against a test
 * harness: the module arrows stay {@code api ← rules ← {testing, server}}. Only the harness's
 * public builder methods are called, all of them taking and returning api and JDK types.
 */
final class TestHarness {

    private static final String TESTER = "org.orchestrator.testing.DagTester";

    private final Object tester;

    private TestHarness(Object tester) {
        this.tester = tester;
    }

    /** The outcome of a harness run: each task's final state and the run's. */
    record Run(Map<String, TaskState> taskStates, DagRunState state) {
    }

    /**
     * @throws OrchestratorException when orchestrator-testing is not on the class path
     */
    static TestHarness forDag(Dag dag, Resources resources, Map<String, Object> conf, UnaryOperator<String> mask,
                              PrintStream echo) {
        Class<?> type;
        try {
            type = Class.forName(TESTER, true, TestHarness.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new OrchestratorException("running a DAG locally needs orchestrator-testing on the class path ("
                    + TESTER + " is missing)", e);
        }
        Object tester = call(type, null, "forDag", new Class<?>[] {Dag.class}, dag);
        tester = call(type, tester, "resources", new Class<?>[] {Resources.class}, resources);
        tester = call(type, tester, "conf", new Class<?>[] {Map.class}, conf);
        tester = call(type, tester, "maskLogs", new Class<?>[] {UnaryOperator.class}, mask);
        tester = call(type, tester, "echoTo", new Class<?>[] {PrintStream.class}, echo);
        return new TestHarness(tester);
    }

    /** @param run whether callbacks run (alerts are sent) or are only recorded and echoed */
    TestHarness runCallbacks(boolean run) {
        call(tester.getClass(), tester, "runCallbacks", new Class<?>[] {boolean.class}, run);
        return this;
    }

    /** Seeds an XCom as if {@code taskId} had pushed it. */
    TestHarness xcom(String taskId, String key, Object value) {
        call(tester.getClass(), tester, "xcom", new Class<?>[] {String.class, String.class, Object.class}, taskId, key, value);
        return this;
    }

    /** Runs every task the trigger rules allow. */
    Run run(Instant logicalDate) {
        return resultOf(call(tester.getClass(), tester, "run", new Class<?>[] {Instant.class}, logicalDate));
    }

    /**
     * Runs one task whatever its upstreams did.
     *
     * @throws IllegalArgumentException when the DAG has no such task
     */
    Run runTask(String taskId, Instant logicalDate) {
        return resultOf(call(tester.getClass(), tester, "runTask", new Class<?>[] {String.class, Instant.class},
                taskId, logicalDate));
    }

    /** @return the task's templated fields rendered for a first try, masked; nothing runs */
    @SuppressWarnings("unchecked")
    Map<String, String> renderTask(String taskId, Instant logicalDate) {
        return (Map<String, String>) call(tester.getClass(), tester, "renderTask", new Class<?>[] {String.class, Instant.class},
                taskId, logicalDate);
    }

    @SuppressWarnings("unchecked")
    private static Run resultOf(Object run) {
        Map<String, TaskState> states = (Map<String, TaskState>) call(run.getClass(), run, "taskStates", new Class<?>[0]);
        return new Run(states, (DagRunState) call(run.getClass(), run, "state", new Class<?>[0]));
    }

    /** Calls a public method; what the harness throws comes out as thrown. */
    private static Object call(Class<?> type, Object target, String name, Class<?>[] parameters, Object... args) {
        try {
            Method method = type.getMethod(name, parameters);
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new OrchestratorException("the test harness failed in " + name, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new OrchestratorException("this orchestrator-testing has no " + type.getSimpleName() + "." + name
                    + "; is it the same version as the server?", e);
        }
    }
}
