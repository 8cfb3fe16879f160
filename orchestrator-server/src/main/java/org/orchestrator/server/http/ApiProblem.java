package org.orchestrator.server.http;

/**
 * An RFC 7807 problem the API answers with ({@code application/problem+json}). Handlers throw it;
 * {@link Problems} writes it. The {@code type} URIs are Airflow's, so a client that switches on
 * them works unchanged.
 *
 * <pre>{@code
 * throw ApiProblem.notFound("DAG 'orders' not found");
 * }</pre>
 */
public final class ApiProblem extends RuntimeException {

    private static final String TYPE_BASE =
            "https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html#section/Errors/";

    private final int status;
    private final String title;
    private final String type;
    private final long retryAfterSeconds;
    private final java.util.List<FieldProblem> errors;

    /**
     * One field of the request that was refused, listed in the problem's {@code errors}.
     *
     * @param field   the field's name (for a DAG run's conf: the param, with a JSON pointer inside it)
     * @param message what is wrong with it
     */
    public record FieldProblem(String field, String message) {
    }

    private ApiProblem(int status, String typeName, String title, String detail) {
        this(status, typeName, title, detail, 0);
    }

    private ApiProblem(String detail, java.util.List<FieldProblem> errors) {
        super(detail, null, false, false);
        this.status = 400;
        this.title = "Bad Request";
        this.type = TYPE_BASE + "BadRequest";
        this.retryAfterSeconds = 0;
        this.errors = java.util.List.copyOf(errors);
    }

    private ApiProblem(int status, String typeName, String title, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.type = TYPE_BASE + typeName;
        this.retryAfterSeconds = retryAfterSeconds;
        this.errors = java.util.List.of();
    }

    /**
     * @param detail     what was refused and why
     * @param retryAfter how long until the client may try again
     * @return a 429, answered with {@code Retry-After} in whole seconds (at least 1)
     */
    public static ApiProblem tooManyRequests(String detail, java.time.Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiProblem(429, "TooManyRequests", "Too Many Requests", detail, seconds);
    }

    /** @param detail what is wrong with the request @return a 400 */
    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "BadRequest", "Bad Request", detail);
    }

    /**
     * @param detail what is wrong, naming every field
     * @param errors each field's problem, for a client (or a form) to show beside the field
     * @return a 400 whose body lists them in {@code errors}
     */
    public static ApiProblem badFields(String detail, java.util.List<FieldProblem> errors) {
        return new ApiProblem(detail, errors);
    }

    /** @param detail why the request is not authenticated @return a 401 */
    public static ApiProblem unauthenticated(String detail) {
        return new ApiProblem(401, "Unauthenticated", "Unauthorized", detail);
    }

    /** @param detail which permission is missing @return a 403 */
    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "PermissionDenied", "Forbidden", detail);
    }

    /** @param detail what was not found @return a 404 */
    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "NotFound", "Not Found", detail);
    }

    /** @param detail what already exists @return a 409 */
    public static ApiProblem alreadyExists(String detail) {
        return new ApiProblem(409, "AlreadyExists", "Conflict", detail);
    }

    /** @param detail which state forbids the change @return a 409 */
    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", "Conflict", detail);
    }

    /** @param detail what is overloaded @return a 503, answered with {@code Retry-After} */
    public static ApiProblem busy(String detail) {
        return new ApiProblem(503, "ServiceUnavailable", "Service Unavailable", detail);
    }

    /**
     * A problem for any other status (e.g. 405, 413, 415 from the web server).
     *
     * @param status the HTTP status
     * @param title  its reason phrase
     * @param detail what happened
     * @return the problem
     */
    public static ApiProblem of(int status, String title, String detail) {
        return new ApiProblem(status, title.replace(" ", ""), title, detail);
    }

    /**
     * Quotes a piece of client input for a problem's detail, cut short so that a huge input is
     * not echoed back whole.
     *
     * @param input what the client sent
     * @return it in quotes, at most about 100 characters
     */
    public static String quote(String input) {
        String text = input.length() > 100 ? input.substring(0, 100) + "…" : input;
        return "'" + text + "'";
    }

    /** @return seconds for a {@code Retry-After} header, or 0 for none */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** @return the fields refused, each with its problem (empty for most problems) */
    public java.util.List<FieldProblem> errors() {
        return errors;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the short summary of the problem type */
    public String title() {
        return title;
    }

    /** @return the problem type URI */
    public String type() {
        return type;
    }

    /** @return what went wrong with this request */
    public String detail() {
        return getMessage();
    }
}
