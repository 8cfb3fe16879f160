package org.orchestrator.server.execute.isolation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: this node's JDK and class path (so the API, the built-in tasks
 * and the child's own main are there, and the class-data archive trained for the server jar
 * matches), the server's options, then the task's. Nothing secret: the try itself comes over the
 * channel.
 */
final class ChildCommand {

    private static final String ARCHIVE = "orchestrator.jsa";

    private ChildCommand() {
    }

    /** A child's command line but its socket, and whether this child trains the node's child archive. */
    record Line(List<String> beforeSocket, boolean trainsArchive) {

        /** @return the whole command line of a child that connects to this socket */
        List<String> command(Path socket) {
            List<String> command = new ArrayList<>(beforeSocket);
            command.add(socket.toString());
            return command;
        }
    }

    static Line of(List<String> serverOptions, List<String> taskOptions, ChildArchive childArchive) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ChildArchive.Use archive = archiveOptions(childArchive);
        command.addAll(archive.options());
        String h2Bind = System.getProperty("h2.bindAddress");
        if (h2Bind != null) {
            // An H2 database the task opens with AUTO_SERVER listens where the node's do: loopback.
            command.add("-Dh2.bindAddress=" + h2Bind);
        }
        command.addAll(serverOptions);
        command.addAll(taskOptions);
        command.addAll(List.of("-cp", classPath(), ChildMain.class.getName()));
        return new Line(command, archive.trains());
    }

    /**
     * Archives apply only to the self-contained jar: a JVM maps an archive for the exact class path
     * it was trained on, and archives only classes from jars.
     */
    private static ChildArchive.Use archiveOptions(ChildArchive childArchive) {
        Path jar = selfContainedJar();
        if (jar == null) {
            return new ChildArchive.Use(List.of(), false);
        }
        Path built = jar.resolveSibling(ARCHIVE);
        List<String> fallback = Files.isRegularFile(built) ? ChildArchive.mapping(built) : List.of();
        return childArchive.next(fallback);
    }

    /**
     * @return the server jar alone when the node runs from the self-contained one (it holds the API,
     *         the built-in tasks and their libraries, and the archive was trained on exactly that
     *         class path, which a JVM requires to use it); else the node's own class path (the thin
     *         library jar of an embedding host, or a build's classes folders)
     */
    private static String classPath() {
        Path jar = selfContainedJar();
        return jar != null ? jar.toString() : System.getProperty("java.class.path");
    }

    /** @return the jar this code came from when the libraries came from it too (Jackson stands for them), else null */
    private static Path selfContainedJar() {
        Path code = codeOf(ChildMain.class);
        return code != null && code.toString().endsWith(".jar") && code.equals(codeOf(ObjectMapper.class)) ? code : null;
    }

    private static Path codeOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
