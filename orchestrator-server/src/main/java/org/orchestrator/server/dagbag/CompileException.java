package org.orchestrator.server.dagbag;

import java.util.List;
import java.util.stream.Collectors;

/** DAG sources that do not compile; the message lists each error as javac would. */
final class CompileException extends BundleException {

    CompileException(String bundle, List<CompileError> errors) {
        super("compilation of " + bundle + " failed with " + errors.size() + " error(s):\n"
                + errors.stream().map(CompileError::format).collect(Collectors.joining("\n")));
    }
}
