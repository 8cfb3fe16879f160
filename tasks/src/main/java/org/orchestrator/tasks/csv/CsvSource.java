package org.orchestrator.tasks.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.orchestrator.api.OrchestratorException;

/**
 * Where one try's CSV comes from: a file, or a resource shipped in a DAG bundle's jar.
 *
 * @param name what the dead-letter table records as the source file
 * @param path the file, or null for a resource
 * @param url  the resource, or null for a file
 */
record CsvSource(String name, Path path, URL url) {

    static CsvSource file(Path path) {
        return new CsvSource(path.toString(), path, null);
    }

    static CsvSource resource(Class<?> anchor, String resource) {
        URL url = anchor.getResource(resource);
        if (url == null) {
            throw new OrchestratorException("CSV resource " + resource + " not found next to " + anchor.getName());
        }
        return new CsvSource(resource, null, url);
    }

    /** @return a UTF-8 reader; a missing file fails the try naming it */
    Reader open() throws IOException {
        if (path == null) {
            InputStream in = url.openStream();
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        if (!Files.isRegularFile(path)) {
            throw new OrchestratorException("CSV file " + path + " does not exist or is not a file");
        }
        return Files.newBufferedReader(path, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name;
    }
}
