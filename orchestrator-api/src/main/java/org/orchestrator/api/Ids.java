package org.orchestrator.api;

import java.util.regex.Pattern;

/** The id rules Airflow uses for DAGs and tasks: letters, digits, {@code _ . -}, at most 250 chars. */
final class Ids {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.\\-]{1,250}");

    private Ids() {
    }

    static String check(String kind, String id, String where) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new DagDefinitionException("bad " + kind + " id '" + id + "'" + where
                    + ": use 1-250 letters, digits, '_', '.' or '-'");
        }
        return id;
    }
}
