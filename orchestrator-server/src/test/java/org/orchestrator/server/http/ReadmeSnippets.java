package org.orchestrator.server.http;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's shell snippets that tests run as written, each between {@code <!-- readme-test:NAME -->} markers. */
final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    /** @return the bash code block between the README's {@code <!-- marker -->} and {@code <!-- /marker -->} */
    static String bash(String readme, String marker) {
        Matcher m = Pattern.compile("<!-- " + Pattern.quote(marker) + " -->\\s*```bash\\n(.*?)```\\s*<!-- /" + Pattern.quote(marker)
                + " -->", Pattern.DOTALL).matcher(readme);
        if (!m.find()) {
            throw new AssertionError("README.md has no ```bash block between <!-- " + marker + " --> and <!-- /" + marker + " -->");
        }
        return m.group(1);
    }

    /** Ends the shell and whatever it started ({@code curl}, {@code sleep}, Maven), children first. */
    static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("bash " + process.pid() + " did not end");
        }
    }
}
