package org.orchestrator.server.execute.isolation;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagProvider;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.SkipTaskException;
import org.orchestrator.api.TaskDefinition;

/**
 * The main class of a child JVM that runs {@link org.orchestrator.api.Isolation#PROCESS} tries.
 * It starts no server: it connects back to its node over the socket named by its one argument,
 * receives the try, loads the task's bundle, runs the task with a context whose calls go to the
 * node, reports the outcome and exits, or, when the try allows reuse and did not fail, waits for
 * the next try of the same bundle. It stops by itself when its node goes away (see
 * {@link ParentWatch}).
 */
public final class ChildMain {

    /** The DAGs this child built, by bundle and id (one try's thread uses it at a time). */
    private static final Map<List<Object>, Dag> DAGS = new HashMap<>();

    private ChildMain() {
    }

    /** @param args the path of the node's socket */
    public static void main(String[] args) throws IOException {
        ParentWatch.start();
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        socket.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
        Channel channel = new Channel(socket);
        Map<String, Object> start = channel.receive();
        if (start == null) {
            Runtime.getRuntime().halt(ParentWatch.PARENT_GONE);
        }
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        Map<String, Object> done;
        do {
            done = run(channel, start);
            System.setOut(stdout);
            System.setErr(stderr);
            endOfTry(stdout);
            endOfTry(stderr);
            channel.send(done);
            // A reused child waits for its next try; the node closes the line when it keeps it no longer.
            start = Boolean.TRUE.equals(start.get("reuse")) && !"failed".equals(done.get("result")) ? channel.receive() : null;
        } while (start != null);
        channel.close();
        // A VirtualMachineError leaves this JVM unreliable; anything else ends as the task left it,
        // minus threads it forgot to stop.
        System.exit(done.containsKey("fatal") ? 1 : 0);
    }

    /** Marks where this try's output ends, so the node knows when none of it can still come (see {@link ChildOutput}). */
    private static void endOfTry(PrintStream stream) {
        stream.println(ChildOutput.END_OF_TRY);
        stream.flush();
    }

    private static Map<String, Object> run(Channel channel, Map<String, Object> start) {
        ChildTaskContext context = null;
        try {
            Dag dag = dag(start);
            TaskDefinition task = dag.task((String) start.get("taskId")).orElseThrow(() -> new OrchestratorException(
                    "task '" + start.get("taskId") + "' is not in dag '" + dag.id() + "' as the child JVM loaded it"));
            context = new ChildTaskContext(channel, start, dag);
            Thread.currentThread().setContextClassLoader(task.task().getClass().getClassLoader());
            task.task().execute(context);
            return Map.of("type", "done", "result", "success");
        } catch (SkipTaskException e) {
            log(context, "skipped: {}", e.getMessage(), null);
            return Map.of("type", "done", "result", "skipped", "error", String.valueOf(e.getMessage()));
        } catch (VirtualMachineError e) {
            return Map.of("type", "done", "result", "failed", "error", e.getClass().getName() + ": " + e.getMessage(), "fatal", true);
        } catch (Throwable e) {
            log(context, "task failed", null, e);
            return Map.of("type", "done", "result", "failed", "error", e.getClass().getName() + ": " + e.getMessage());
        }
    }

    private static void log(ChildTaskContext context, String pattern, String arg, Throwable e) {
        if (context != null) {
            context.log().error(pattern, arg, e);
        } else if (e != null) {
            e.printStackTrace(); // before the context exists, stderr is the try's log
        }
    }

    /**
     * The DAG as the node built it: the bundle's own providers, in a loader over its class path;
     * built once per child, so a reused child's next try starts at once.
     */
    @SuppressWarnings("unchecked")
    private static Dag dag(Map<String, Object> start) throws ReflectiveOperationException, IOException {
        List<Object> key = List.of(start.get("classPath"), start.get("providers"), start.get("dagId"));
        Dag known = DAGS.get(key);
        if (known == null) {
            known = build(start);
            DAGS.put(key, known);
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    private static Dag build(Map<String, Object> start) throws ReflectiveOperationException, IOException {
        List<String> classPath = (List<String>) start.get("classPath");
        URL[] urls = new URL[classPath.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = Path.of(classPath.get(i)).toUri().toURL();
        }
        ClassLoader loader = urls.length == 0 ? ChildMain.class.getClassLoader()
                : new URLClassLoader("dags", urls, ChildMain.class.getClassLoader());
        String dagId = (String) start.get("dagId");
        for (String provider : (List<String>) start.get("providers")) {
            DagProvider instance = (DagProvider) Class.forName(provider, true, loader).getConstructor().newInstance();
            for (Dag dag : instance.dags()) {
                if (dag.id().equals(dagId)) {
                    return dag;
                }
            }
        }
        throw new OrchestratorException("dag '" + dagId + "' was not found by the bundle's providers " + start.get("providers")
                + " in the child JVM");
    }
}
