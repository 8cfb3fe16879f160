package org.orchestrator.server.http.openapi;

/**
 * An operation's success answer.
 *
 * @param status         200 or 204
 * @param type           the JSON record answered, or null
 * @param collectionName for Airflow collections ({@code {"dags": [...], "total_entries": n}}), the list's name
 * @param textType       a text media type answered instead of or besides JSON ({@code text/plain}, {@code text/html}), or null
 * @param alternative    another JSON shape the same status may answer with (OpenAPI's {@code anyOf}), or null
 */
public record Response(int status, Class<?> type, String collectionName, String textType, Response alternative) {

    /** @return 204, no body */
    public static Response none() {
        return new Response(204, null, null, null, null);
    }

    /** @param type the record @return 200 with that record */
    public static Response of(Class<?> type) {
        return new Response(200, type, null, null, null);
    }

    /** @param name the list's field @param item the item record @return 200 with an Airflow collection */
    public static Response collection(String name, Class<?> item) {
        return new Response(200, item, name, null, null);
    }

    /** @param type the JSON record @return 200 with that record, or text/plain by Accept */
    public static Response jsonOrText(Class<?> type) {
        return new Response(200, type, null, "text/plain", null);
    }

    /** @return 200 with an HTML page */
    public static Response html() {
        return new Response(200, null, null, "text/html", null);
    }

    /** @param mediaType a text type, e.g. {@code text/event-stream} @return 200 with a text body of that type */
    public static Response text(String mediaType) {
        return new Response(200, null, null, mediaType, null);
    }

    /** @param other another JSON answer @return this answer or that one (OpenAPI's {@code anyOf}) */
    public Response or(Response other) {
        return new Response(status, type, collectionName, textType, other);
    }
}
