package org.orchestrator.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP ports a process listens on, read from {@code /proc} as {@code ss -ltnp} would: the
 * listening sockets of {@code /proc/<pid>/net/tcp} and {@code tcp6} whose inode is one of the
 * process's open file descriptors.
 */
public final class Listeners {

    /** @param address the local address as /proc prints it (hex) @param port the port */
    public record Listener(String address, int port) {

        /** @return whether only this machine can connect: 127.0.0.0/8, ::1 or ::ffff:127.x */
        public boolean loopback() {
            return address.length() == 8 ? address.endsWith("7F")
                    : address.equals("00000000000000000000000001000000")
                    || address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F");
        }
    }

    private static final String LISTEN = "0A";

    private Listeners() {
    }

    /** @param pid a process of this machine @return the TCP sockets it listens on */
    public static List<Listener> of(long pid) {
        Set<String> inodes = socketInodes(pid);
        List<Listener> listeners = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : lines(Path.of("/proc", Long.toString(pid), "net", table))) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length > 9 && fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    String[] local = fields[1].split(":");
                    listeners.add(new Listener(local[0], Integer.parseInt(local[1], 16)));
                }
            }
        }
        return listeners;
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while we listed them
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    private static List<String> lines(Path table) {
        try {
            List<String> lines = Files.readAllLines(table);
            return lines.subList(1, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
