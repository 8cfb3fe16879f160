package org.orchestrator.rules.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.TemplateFilter;

/** A DAG's own filter, as the template engine calls filters. */
final class UserFilter implements Filter {

    private final String name;
    private final TemplateFilter body;

    UserFilter(String name, TemplateFilter body) {
        this.name = name;
        this.body = body;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        return body.apply(value, args == null ? List.of() : Arrays.asList(args));
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
        return body.apply(value, List.of((Object[]) args));
    }
}
