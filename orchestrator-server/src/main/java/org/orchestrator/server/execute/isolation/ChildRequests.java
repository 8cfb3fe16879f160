package org.orchestrator.server.execute.isolation;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DagRunRequest;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.internal.Json;

/**
 * The node's side of a child's context: each message the child sends is served by the try's own
 * server context, so XCom, connections, variables and branches behave exactly as on a thread.
 */
final class ChildRequests {

    private final TaskContext context;

    ChildRequests(TaskContext context) {
        this.context = context;
    }

    /**
     * The try as the child's context will see it.
     *
     * @param reuse whether the child stays up for another try after this one
     */
    static Map<String, Object> start(TaskContext context, ChildTask task, boolean reuse) {
        Map<String, Object> start = new HashMap<>();
        start.put("type", "start");
        start.put("dagId", context.dagId());
        start.put("runId", context.runId());
        start.put("taskId", context.taskId());
        start.put("tryNumber", context.tryNumber());
        start.put("maxTries", context.maxTries());
        start.put("logicalDate", String.valueOf(context.logicalDate()));
        start.put("intervalStart", String.valueOf(context.dataInterval().start()));
        start.put("intervalEnd", String.valueOf(context.dataInterval().end()));
        start.put("params", context.params());
        start.put("conf", context.conf());
        start.put("latestRun", context.isLatestRun());
        start.put("mapIndex", context.mapIndex());
        start.put("classPath", task.classPath().stream().map(Object::toString).toList());
        start.put("providers", task.providers());
        start.put("reuse", reuse);
        return start;
    }

    /** A value the task pushed: kept by the server context until the outcome is written. */
    void pushed(Map<String, Object> message) {
        context.xcomPush((String) message.get("key"), Json.read((String) message.get("json"), Object.class));
    }

    @SuppressWarnings("unchecked")
    void branches(Map<String, Object> message) {
        context.followBranches((List<String>) message.get("taskIds"));
    }

    /** @return the reply to one call: its value, or the error the call raised on the node */
    @SuppressWarnings("unchecked")
    Map<String, Object> answer(Map<String, Object> call) {
        Map<String, Object> args = (Map<String, Object>) call.get("args");
        Map<String, Object> reply = new HashMap<>();
        reply.put("type", "reply");
        try {
            reply.put("value", value((String) call.get("method"), args));
        } catch (RuntimeException e) {
            reply.put("error", e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        }
        return reply;
    }

    private Object value(String method, Map<String, Object> args) {
        return switch (method) {
            case "xcomPull" -> context.xcomPullOptional((String) args.get("taskId"), (String) args.get("key"), Object.class)
                    .map(Json::write).orElse(null);
            case "connection" -> connection(context.connection((String) args.get("connId")));
            case "variable" -> context.variable((String) args.get("key")).orElse(null);
            case "previousSuccessfulDataInterval" -> context.previousSuccessfulDataInterval()
                    .map(i -> List.of(i.start().toString(), i.end().toString())).orElse(null);
            case "render" -> context.render((String) args.get("field"), (String) args.get("template"));
            case "arg" -> context.arg((String) args.get("name"), Object.class);
            case "xcomPullAll" -> context.xcomPullAll((String) args.get("taskId"), (String) args.get("key"), Object.class)
                    .stream().map(Json::write).toList();
            case "triggerDagRun" -> context.triggerDagRun(new DagRunRequest((String) args.get("dagId"),
                    (String) args.get("runId"), args.get("logicalDate") == null ? null : Instant.parse((String) args.get("logicalDate")),
                    (Map<String, Object>) args.get("conf")));
            case "dagRunState" -> context.dagRunState((String) args.get("dagId"), (String) args.get("runId"))
                    .map(DagRunState::name).orElse(null);
            case "externalTaskState" -> context.externalTaskState((String) args.get("dagId"), (String) args.get("taskId"),
                    Instant.parse((String) args.get("logicalDate"))).map(TaskState::wireName).orElse(null);
            default -> throw new IllegalArgumentException("unknown call '" + method + "' from the child JVM");
        };
    }

    private static Map<String, Object> connection(Connection c) {
        return Map.of("id", c.id(), "type", c.type(), "url", c.url(), "login", c.login(), "password", c.password(),
                "extra", c.extra());
    }
}
