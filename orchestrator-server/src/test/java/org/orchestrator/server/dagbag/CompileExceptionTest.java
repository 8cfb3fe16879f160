package org.orchestrator.server.dagbag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompileExceptionTest {

    private static final String CODE = "        return List.of(x)";

    @Test
    void an_error_reported_twice_is_counted_and_listed_once() {
        CompileError error = new CompileError("a.java", 3, 26, "';' expected", CODE);

        String message = new CompileException("a.java", List.of(error, error)).getMessage();

        assertThat(message).isEqualTo("compilation of a.java failed with 1 error:\n"
                + "a.java:3:26: error: ';' expected\n" + CODE + "\n" + " ".repeat(25) + "^");
    }

    @Test
    void errors_on_different_lines_and_files_each_show_their_line_and_positionless_ones_show_none() {
        String message = new CompileException("pkg", List.of(
                new CompileError("a.java", 3, 9, "first", CODE),
                new CompileError("b.java", 3, 9, "second", "int y"),
                new CompileError("?", 0, 0, "no position", ""))).getMessage();

        assertThat(message).isEqualTo("compilation of pkg failed with 3 errors:\n"
                + "a.java:3:9: error: first\n" + CODE + "\n        ^\n"
                + "b.java:3:9: error: second\nint y\n        ^\n"
                + "?:0:0: error: no position");
    }
}
