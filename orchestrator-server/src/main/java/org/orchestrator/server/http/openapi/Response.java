package org.orchestrator.server.http.openapi;

/**
 * An operation's success answer.
 *
 * @param status         200 or 204
 * @param type           the JSON record answered, or null
 * @param collectionName for Airflow collections ({@code {"dags": [...], "total_entries": n}}), the list's name
 * @param textType       a text media type answered instead of or besides JSON ({@code text/plain}, {@code text/html}), or null
 */
public record Response(int status, Class<?> type, String collectionName, String textType) {

    /** @return 204, no body */
    public static Response none() {
        return new Response(204, null, null, null);
    }

    /** @param type the record @return 200 with that record */
    public static Response of(Class<?> type) {
        return new Response(200, type, null, null);
    }

    /** @param name the list's field @param item the item record @return 200 with an Airflow collection */
    public static Response collection(String name, Class<?> item) {
        return new Response(200, item, name, null);
    }

    /** @param type the JSON record @return 200 with that record, or text/plain by Accept */
    public static Response jsonOrText(Class<?> type) {
        return new Response(200, type, null, "text/plain");
    }

    /** @return 200 with an HTML page */
    public static Response html() {
        return new Response(200, null, null, "text/html");
    }
}
