package org.orchestrator.server.dagbag;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sources of one bundle as read once: what is compiled, hashed into its version and stored as
 * the version's source are the same text, even if a file changes while the scan runs.
 *
 * @param files each source file → its text
 * @param text  the whole bundle as one text: the file itself, or each file under a header line
 * @param hash  content hash of the text
 */
record SourceSnapshot(Map<Path, String> files, String text, String hash) {

    private static final Pattern HEADER = Pattern.compile("// ---- (.+\\.java) ----");

    static SourceSnapshot read(Path folder, BundleFiles bundle) {
        Map<Path, String> files = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        for (Path file : bundle.files()) {
            String content = readUtf8(file);
            files.put(file, content);
            if (bundle.files().size() > 1 || !file.equals(bundle.path())) {
                text.append("// ---- ").append(folder.relativize(file)).append(" ----\n");
            }
            text.append(content);
            if (!content.endsWith("\n")) {
                text.append('\n');
            }
        }
        return new SourceSnapshot(files, text.toString(), Hashes.sha256(text.toString()));
    }

    /**
     * The snapshot a stored version's text came from: split at the header lines {@link #read}
     * writes, or the bundle's single file when there are none.
     *
     * @param folder the dags folder
     * @param bundle the bundle's path
     * @param text   the stored text
     */
    static SourceSnapshot parse(Path folder, Path bundle, String text) {
        Map<Path, StringBuilder> files = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : text.lines().toList()) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                current = files.computeIfAbsent(folder.resolve(header.group(1)), f -> new StringBuilder());
                continue;
            }
            if (current == null) {
                current = files.computeIfAbsent(bundle, f -> new StringBuilder());
            }
            current.append(line).append('\n');
        }
        Map<Path, String> contents = new LinkedHashMap<>();
        files.forEach((file, content) -> contents.put(file, content.toString()));
        return new SourceSnapshot(contents, text, Hashes.sha256(text));
    }

    private static String readUtf8(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new BundleException(file.getFileName() + " is not UTF-8 text; save DAG sources as UTF-8");
        } catch (IOException e) {
            throw new BundleException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
