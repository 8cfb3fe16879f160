package org.orchestrator.server.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates requests against every route of the API, mostly wrong: malformed JSON, wrong types,
 * unknown fields, huge and deeply nested bodies, bad dates and numbers, path traversal and SQL
 * fragments in ids, unicode and control characters, bad percent-encoding, odd headers. Seeded,
 * so a failure can be replayed.
 */
final class BadRequests {

    /** A request to send as is. */
    record Request(String method, String target, List<String> headers, byte[] body) {
        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return method + " " + (target.length() > 300 ? target.substring(0, 300) + "…" : target) + " " + headers + " " + text;
        }
    }

    private static final String[][] ROUTES = {
        {"GET", "/health"}, {"GET", "/api/v1/health"}, {"GET", "/api/v1/version"}, {"GET", "/api/v1/dags"},
        {"GET", "/api/v1/dags/{dag}"}, {"PATCH", "/api/v1/dags/{dag}"}, {"GET", "/api/v1/dags/{dag}/details"},
        {"GET", "/api/v1/dags/{dag}/tasks"}, {"GET", "/api/v1/dags/{dag}/tasks/{task}"},
        {"GET", "/api/v1/dags/{dag}/dagRuns"}, {"POST", "/api/v1/dags/{dag}/dagRuns"},
        {"POST", "/api/v1/dags/~/dagRuns/list"}, {"GET", "/api/v1/dags/{dag}/dagRuns/{run}"},
        {"PATCH", "/api/v1/dags/{dag}/dagRuns/{run}"}, {"DELETE", "/api/v1/dags/{dag}/dagRuns/{run}"},
        {"GET", "/api/v1/dags/{dag}/dagRuns/{run}/taskInstances"},
        {"POST", "/api/v1/dags/~/dagRuns/~/taskInstances/list"},
        {"GET", "/api/v1/dags/{dag}/dagRuns/{run}/taskInstances/{task}"},
        {"PATCH", "/api/v1/dags/{dag}/dagRuns/{run}/taskInstances/{task}"},
        {"GET", "/api/v1/dags/{dag}/dagRuns/{run}/taskInstances/{task}/logs/{try}"},
        {"POST", "/api/v1/dags/{dag}/clearTaskInstances"}, {"GET", "/api/v1/importErrors"},
        {"GET", "/api/v1/importErrors/{id}"}, {"GET", "/api/v1/eventLogs"}, {"GET", "/api/v1/eventLogs/{id}"},
        {"GET", "/api/v1/dags/{dag}/dagRuns/{run}/taskInstances/{task}/xcomEntries"},
        {"GET", "/api/v1/dags/{dag}/dagRuns/{run}/taskInstances/{task}/xcomEntries/{key}"},
        {"GET", "/api/v1/pools"}, {"GET", "/api/v1/pools/{pool}"}, {"POST", "/api/v1/pools"},
        {"PATCH", "/api/v1/pools/{pool}"}, {"DELETE", "/api/v1/pools/{pool}"}, {"PATCH", "/api/v1/dags"},
        {"GET", "/api/v1/openapi.json"}, {"GET", "/api/v1/docs"}, {"GET", "/api/v1/tokens"}, {"POST", "/api/v1/tokens"},
        {"DELETE", "/api/v1/tokens/{id}"}, {"GET", "/api/v1/connections"}, {"POST", "/api/v1/connections"},
        {"GET", "/api/v1/connections/{conn}"}, {"PATCH", "/api/v1/connections/{conn}"},
        {"DELETE", "/api/v1/connections/{conn}"}, {"GET", "/api/v1/variables"}, {"POST", "/api/v1/variables"},
        {"GET", "/api/v1/variables/{var}"}, {"PATCH", "/api/v1/variables/{var}"}, {"DELETE", "/api/v1/variables/{var}"},
    };

    private static final String[] ODD_SEGMENTS = {"", "~", "..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%2F", "..%5C..%5Cwin.ini",
        "%27%20OR%201%3D1--", "x%27%3BDROP%20TABLE%20dag%3B--", "%C3%A9t%C3%A9", "%E6%97%A5%E6%9C%AC", "%F0%9F%99%82",
        "%E2%80%AE", "%00", "%0A", "%zz", "%", "%e9", "-1", "0", "99999999999999999999", "1e5", "NaN", "a%20b", "a+b",
        "%3Cscript%3E", "${jndi:ldap://x}", "null", "undefined"};

    private static final String[] QUERY_NAMES = {"limit", "offset", "order_by", "state", "tags", "paused", "only_active",
        "dag_id_pattern", "execution_date_gte", "logical_date_lte", "start_date_lte", "end_date_gte", "updated_at_gte",
        "duration_gte", "pool", "token", "full_content", "event", "owner", "after", "before", "included_events",
        "excluded_events", "try_number", "map_index", "update_mask", "dag_id", "run_id", "xcom_key", "stringify", "unknown"};

    private static final String[] QUERY_VALUES = {"", "-1", "0", "1", "abc", "99999999999", "2147483648", "true", "TRUE",
        "maybe", "2026-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "%2B999999999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59-05:00", "-dag_id", "--x", "-", "success", "none", "null", "failed,bogus", "%zz", "%25",
        "%27%20OR%201%3D1", "%F0%9F%99%82", "%00", "1e400", "NaN", "Infinity", "-Infinity", "is_paused", "description",
        "eyJsb2dfcG9zIjo1fQ", "eyJsb2dfcG9zIjoiYSJ9", "_", "%5C", "!", "[]", "{}"};

    private static final String[] FIELDS = {"is_paused", "dag_run_id", "logical_date", "execution_date", "conf", "note",
        "state", "new_state", "dry_run", "task_ids", "start_date", "end_date", "only_failed", "only_running",
        "include_subdags", "include_parentdag", "reset_dag_runs", "include_upstream", "include_downstream",
        "include_future", "include_past", "order_by", "page_offset", "page_limit", "dag_ids", "states", "dag_run_ids",
        "state", "pool", "duration_gte", "duration_lte", "execution_date_gte", "start_date_lte", "name", "slots",
        "description", "include_deferred", "username", "connection_id", "conn_type", "host", "port", "schema", "login",
        "password", "extra", "url", "key", "value", "unknown_field"};

    private static final String[] MALFORMED = {"", " ", "{", "}", "{\"a\":", "[1,2", "nul", "{\"is_paused\": tru}", "{,}",
        "{'single': 1}", "\u0000", "{\"a\":1}{\"b\":2}", "{\"a\":1,}", "{\"a\" 1}", "\uFEFF{}", "/* c */ {}", "NaN",
        "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"unterminated}", "[]", "1", "\"text\"", "null", "true", "-0", "1e999999"};

    private final Random random;
    private final String dagId;
    private final String runId;
    private final String taskId;

    BadRequests(long seed, String dagId, String runId, String taskId) {
        this.random = new Random(seed);
        this.dagId = dagId;
        this.runId = runId;
        this.taskId = taskId;
    }

    Request next() {
        String[] route = ROUTES[random.nextInt(ROUTES.length)];
        String method = chance(4) ? pick("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "BREW") : route[0];
        String target = fill(route[1]) + query();
        return new Request(method, target, headers(), body(method));
    }

    private String fill(String template) {
        return template.replace("{dag}", segment(dagId)).replace("{run}", segment(runId)).replace("{task}", segment(taskId))
                .replace("{try}", segment("1")).replace("{id}", segment("1")).replace("{key}", segment("return_value"))
                .replace("{pool}", segment(pick("default_pool", "fuzz_pool")))
                .replace("{conn}", segment(pick("fuzz_conn", "none_such"))).replace("{var}", segment(pick("fuzz_var", "api_key")));
    }

    private String segment(String valid) {
        int roll = random.nextInt(10);
        if (roll < 5) {
            return valid;
        }
        if (roll < 7) {
            return "x" + Integer.toHexString(random.nextInt());
        }
        if (roll < 8) {
            return "a".repeat(1 + random.nextInt(3000));
        }
        return pick(ODD_SEGMENTS);
    }

    private String query() {
        int count = random.nextInt(4);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(pick(QUERY_NAMES) + "=" + (chance(10) ? "x".repeat(random.nextInt(5000)) : pick(QUERY_VALUES)));
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private List<String> headers() {
        List<String> headers = new ArrayList<>();
        int auth = random.nextInt(100);
        if (auth < 88) {
            String user = pick(ApiFixture.OP, ApiFixture.ADMIN);
            headers.add(RawHttp.basic(user, user + "-password"));
        } else if (auth < 91) {
            headers.add(RawHttp.basic(ApiFixture.VIEWER, ApiFixture.VIEWER + "-password"));
        } else if (auth < 92) {
            // An unknown user: wrong passwords for a real one would soon throttle it (429) for the rest of the run.
            headers.add(RawHttp.basic("intruder", "wrong"));
        } else if (auth < 96) {
            headers.add(pick("Authorization: Basic", "Authorization: Basic %%%", "Authorization: Bearer x",
                    "Authorization: Basic " + "A".repeat(4000)));
        }
        if (chance(2)) {
            headers.add("Content-Type: " + pick("application/json", "text/plain", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "garbage", "application/json; charset=latin1"));
        }
        if (chance(3)) {
            headers.add("Accept: " + pick("application/json", "text/plain", "*/*", "image/png", "text/html;q=0.9, */*;q=0.1", ",,,"));
        }
        return headers;
    }

    private byte[] body(String method) {
        if (method.equals("GET") && !chance(10)) {
            return null;
        }
        int roll = random.nextInt(100);
        String text;
        if (roll < 25) {
            text = pick(MALFORMED);
        } else if (roll < 27) {
            text = "[".repeat(2000 + random.nextInt(100_000));
        } else if (roll < 28) {
            text = "{\"conf\": {\"blob\": \"" + "x".repeat(1_100_000) + "\"}}";
        } else if (roll < 30) {
            return randomBytes();
        } else {
            text = object();
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String object() {
        int fields = random.nextInt(4);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            parts.add(quote(pick(FIELDS)) + ": " + value(0));
        }
        return "{" + String.join(", ", parts) + "}";
    }

    private String value(int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 9)) {
            case 0 -> pick("true", "false", "null");
            case 1 -> pick("0", "-1", "1", "3.5", "1e400", "-1e400", "123456789012345678901234567890", "2147483648", "1" + "0".repeat(1200));
            case 2 -> quote(pick("2026-01-01T00:00:00Z", "2026-01-01T00:00:00", "yesterday", "+999999999-12-31T23:59:59Z",
                    "9999-12-31T23:59:59-05:00", "0000-01-01T00:00:00Z", "2026-02-30T00:00:00Z"));
            case 3 -> quote(pick("success", "failed", "queued", "running", "skipped", "none", "upstream_failed", "", "bogus"));
            case 4 -> quote(pick("fz", "run-1", "../../etc/passwd", "' OR 1=1 --", "é🙂\\u202e", "\\u0000", "a".repeat(5000),
                    "<script>alert(1)</script>", "%s%n", "${jndi:ldap://x}", taskId, runId, dagId));
            case 5 -> quote("x".repeat(random.nextInt(300)));
            case 6 -> "[" + value(depth + 1) + ", " + value(depth + 1) + "]";
            case 7 -> "{" + quote(pick("greeting", "k", "", "a.b", "$where")) + ": " + value(depth + 1) + "}";
            default -> "[" + quote(taskId) + "]";
        };
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
