package org.orchestrator.server.http;

import org.orchestrator.server.ops.OperationException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.http.BadMessageException;
import org.orchestrator.rules.IllegalTransitionException;
import org.orchestrator.rules.InvalidConfException;
import org.orchestrator.server.state.InvalidQueryException;
import org.orchestrator.server.state.StatementFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to an {@code application/problem+json} answer: the API's own problems,
 * Javalin's (unknown route, wrong method, body too large), Jetty's (unparsable query), and
 * anything unexpected, which is logged with a reference and answered as a 500 without details.
 */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    /** The body of a problem answer; snake_case names are the same as RFC 7807's; {@code errors} only when fields were refused. */
    record Problem(String type, String title, int status, String detail, String instance,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ApiProblem.FieldProblem> errors) {
    }

    private Problems() {
    }

    static void install(Javalin app) {
        app.exception(ApiProblem.class, (e, ctx) -> write(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromStatus(e.getStatus(), e.getMessage())));
        app.exception(BadMessageException.class, (e, ctx) -> write(ctx, fromStatus(e.getCode(), e.getReason())));
        app.exception(IllegalTransitionException.class, (e, ctx) -> write(ctx, ApiProblem.conflict(e.getMessage())));
        app.exception(InvalidQueryException.class, (e, ctx) -> write(ctx, ApiProblem.badRequest(e.getMessage())));
        app.exception(OperationException.class, (e, ctx) -> write(ctx, refused(e)));
        app.exception(InvalidConfException.class, (e, ctx) -> write(ctx, badConf(e)));
        app.exception(Exception.class, Problems::unexpected);
    }

    /** @return the problem for an operation the operations layer refused */
    static ApiProblem refused(OperationException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> ApiProblem.notFound(e.getMessage());
            case ALREADY_EXISTS -> ApiProblem.alreadyExists(e.getMessage());
            case CONFLICT -> ApiProblem.conflict(e.getMessage());
            case INVALID -> ApiProblem.badRequest(e.getMessage());
        };
    }

    /** @return a 400 naming every param the conf broke, in the message and one by one in {@code errors} */
    static ApiProblem badConf(InvalidConfException e) {
        return ApiProblem.badFields(e.getMessage(), e.errors().stream()
                .map(error -> new ApiProblem.FieldProblem(error.field(), error.message())).toList());
    }

    /** @return the problem for a status Javalin or Jetty chose */
    static ApiProblem fromStatus(int status, String detail) {
        String title = HttpStatus.forStatus(status).getMessage();
        String text = detail == null || detail.isBlank() ? title : detail;
        return switch (status) {
            case 400 -> ApiProblem.badRequest(text);
            case 401 -> ApiProblem.unauthenticated(text);
            case 403 -> ApiProblem.forbidden(text);
            case 404 -> ApiProblem.notFound(text);
            default -> ApiProblem.of(status, title.isBlank() ? "Error" : title, text);
        };
    }

    static void write(Context ctx, ApiProblem problem) {
        if (problem.status() == 401) {
            ctx.header("WWW-Authenticate", "Basic realm=\"Orchestrator\", charset=\"UTF-8\"");
        }
        if (problem.status() == 503) {
            ctx.header("Retry-After", "1");
        }
        if (problem.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", String.valueOf(problem.retryAfterSeconds()));
        }
        ctx.status(problem.status()).contentType(CONTENT_TYPE).result(json(problem, ctx.path()));
    }

    /** @return the problem as JSON bytes */
    static byte[] json(ApiProblem problem, String instance) {
        Problem body = new Problem(problem.type(), problem.title(), problem.status(), problem.detail(), instance, problem.errors());
        try {
            return ApiJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return ("{\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}").getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * PostgreSQL refuses NUL in text (SQLState 22021) where H2 stores it; whichever parameter or
     * field carried it, it is the client's input, not a server fault.
     */
    private static boolean isUnstorableText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "22021".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** No database connection came free in time: overload, which a client may retry, not a bug. */
    private static void busy(Exception e, Context ctx) {
        LOG.warn("no database connection for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        write(ctx, ApiProblem.busy("the server is busy (no database connection came free); retry shortly"));
    }

    private static void unexpected(Exception e, Context ctx) {
        if (StatementFailures.isNoConnection(e)) {
            busy(e, ctx);
            return;
        }
        if (isUnstorableText(e)) {
            write(ctx, ApiProblem.badRequest("text must not contain NUL characters (U+0000)"));
            return;
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("unexpected error on {} {} (reference {})", ctx.method(), ctx.path(), reference, e);
        write(ctx, ApiProblem.of(500, "Internal Server Error",
                "an unexpected error occurred; the server log has the details under reference " + reference));
    }
}
