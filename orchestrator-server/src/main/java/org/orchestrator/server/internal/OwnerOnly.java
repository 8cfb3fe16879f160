package org.orchestrator.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a home private to the OS user running the server: the home, {@code db/} and
 * {@code logs/} are created {@code 0700}, secret files {@code 0600}, and anything looser found on
 * start is tightened with a log line. The home holds the database, task logs, DAG sources, run
 * confs and XComs, so a home other users can enter leaks all of them. On a file system without
 * POSIX permissions nothing is changed.
 */
public final class OwnerOnly {

    /** The generated password of the embedded H2 database's user. */
    public static final String DB_PASSWORD_FILE = "db.password";

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** Files in the home that hold a secret (the admin password file, the key of the encrypted connections). */
    private static final List<String> SECRET_FILES = List.of(DB_PASSWORD_FILE, "secret.key", "standalone_admin_password.txt");

    private OwnerOnly() {
    }

    /**
     * Creates the home, its {@code db/} and {@code logs/} folders owner-only, and tightens them and
     * the home's secret files when they are looser.
     *
     * @param home the server's home
     */
    public static void secureHome(Path home) {
        for (Path folder : List.of(home, home.resolve("db"), home.resolve("logs"))) {
            folder(folder);
        }
        for (String secret : SECRET_FILES) {
            tighten(home.resolve(secret), FILE);
        }
    }

    /**
     * Reads a secret file, or generates a random secret into it ({@code 0600}) when it does not exist.
     *
     * @param file the secret's file
     * @return the secret
     */
    public static String readOrCreateSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file, randomSecret());
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret file " + file, e);
        }
    }

    /**
     * Writes a new owner-only file: written beside it and hard-linked into place, so it is never
     * readable by others for a moment, and two processes creating it at once agree on the first one's.
     *
     * @param file    the file, which must not exist yet
     * @param content its content
     */
    public static void create(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".secret", ".tmp", fileAttributes(file, FILE));
        try {
            Files.writeString(temp, content + "\n", StandardCharsets.US_ASCII);
            Files.createLink(file, temp);
        } catch (UnsupportedOperationException noHardLinks) {
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another process won the race: its secret stands
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** @return 24 random bytes, URL-safe base64 (32 characters) */
    public static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void folder(Path folder) {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, fileAttributes(folder, FOLDER));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
        tighten(folder, FOLDER);
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted) {
        if (!Files.exists(path) || !posix(path)) {
            return;
        }
        try {
            Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
            if (!wanted.containsAll(actual)) {
                Files.setPosixFilePermissions(path, wanted);
                LOG.warn("{} was open to other users ({}); tightened it to {}", path,
                        PosixFilePermissions.toString(actual), PosixFilePermissions.toString(wanted));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + path + " to its owner", e);
        }
    }

    private static FileAttribute<?>[] fileAttributes(Path path, Set<PosixFilePermission> permissions) {
        Path existing = path.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && posix(existing)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
