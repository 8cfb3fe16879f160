package org.orchestrator.server.dagbag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * DAG sources that do not compile; the message lists each error as javac would, counting each
 * distinct error once and showing a source line once however many errors it has.
 */
final class CompileException extends BundleException {

    CompileException(String bundle, List<CompileError> errors) {
        super(summary(bundle, errors));
    }

    static String summary(String bundle, List<CompileError> errors) {
        List<CompileError> distinct = errors.stream().distinct().toList();
        var byLine = distinct.stream().collect(Collectors.groupingBy(e -> e.file() + ":" + e.line(), LinkedHashMap::new,
                Collectors.toList()));
        String count = distinct.size() == 1 ? "1 error" : distinct.size() + " errors";
        return "compilation of " + bundle + " failed with " + count + ":\n"
                + byLine.values().stream().map(CompileError::format).collect(Collectors.joining("\n"));
    }
}
