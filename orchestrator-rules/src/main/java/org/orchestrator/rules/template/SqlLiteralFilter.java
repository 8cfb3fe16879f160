package org.orchestrator.rules.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

/**
 * {@code {{ conf.region | sqlliteral }}}: the value as an SQL string literal, quotes doubled
 * ({@code O'Brien} → {@code 'O''Brien'}), {@code null} as {@code NULL}. For text that must go into
 * the statement itself; values that can be bound should stay {@code SqlParam}s.
 */
final class SqlLiteralFilter implements Filter {

    @Override
    public String getName() {
        return "sqlliteral";
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
        return value == null ? "NULL" : "'" + value.toString().replace("'", "''") + "'";
    }
}
