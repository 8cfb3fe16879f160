package org.orchestrator.server.http.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.orchestrator.server.http.auth.Role;

/**
 * One documented operation: a route, the least role it needs, what it takes and answers. Made with
 * a small builder and registered through {@link ApiRouter}, which both routes and documents it.
 *
 * <pre>{@code
 * router.add(Op.get("/api/v1/dags", "get_dags", "List DAGs").role(Role.VIEWER)
 *         .query(Params.PAGE).returns(Response.collection("dags", DagView.class)), this::list);
 * }</pre>
 */
public final class Op {

    private final String method;
    private final String path;
    private final String operationId;
    private final String summary;
    private Role role = Role.ADMIN;
    private Class<? extends Record> requestBody;
    private Response response = Response.none();
    private final List<Param> query = new ArrayList<>();

    private Op(String method, String path, String operationId, String summary) {
        this.method = method;
        this.path = path;
        this.operationId = operationId;
        this.summary = summary;
    }

    /** @return a GET operation */
    public static Op get(String path, String operationId, String summary) {
        return new Op("GET", path, operationId, summary);
    }

    /** @return a POST operation */
    public static Op post(String path, String operationId, String summary) {
        return new Op("POST", path, operationId, summary);
    }

    /** @return a PATCH operation */
    public static Op patch(String path, String operationId, String summary) {
        return new Op("PATCH", path, operationId, summary);
    }

    /** @return a DELETE operation */
    public static Op delete(String path, String operationId, String summary) {
        return new Op("DELETE", path, operationId, summary);
    }

    /** @param least the least role that may call it @return this */
    public Op role(Role least) {
        this.role = Objects.requireNonNull(least);
        return this;
    }

    /** @param form the record whose components are the body's fields @return this */
    public Op body(Class<? extends Record> form) {
        this.requestBody = form;
        return this;
    }

    /** @param answer the success answer @return this */
    public Op returns(Response answer) {
        this.response = answer;
        return this;
    }

    /** @param params query parameters @return this */
    public Op query(List<Param> params) {
        this.query.addAll(params);
        return this;
    }

    /** @return GET, POST, PATCH or DELETE */
    public String method() { return method; }

    /** @return the path template, e.g. {@code /api/v1/dags/{dag_id}} */
    public String path() { return path; }

    /** @return Airflow's operation id where Airflow has the operation */
    public String operationId() { return operationId; }

    /** @return a one-line summary */
    public String summary() { return summary; }

    /** @return the least role */
    public Role role() { return role; }

    /** @return the body's form record, or null */
    public Class<? extends Record> requestBody() { return requestBody; }

    /** @return the success answer */
    public Response response() { return response; }

    /** @return the query parameters */
    public List<Param> queryParams() { return List.copyOf(query); }
}
