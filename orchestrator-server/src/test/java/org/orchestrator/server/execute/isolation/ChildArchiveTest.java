package org.orchestrator.server.execute.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildArchiveTest {

    private static final List<String> BUILT = List.of("-XX:SharedArchiveFile=/opt/orchestrator.jsa");

    @Test
    void the_first_child_trains_while_the_others_use_the_builds_archive_and_after_a_clean_exit_all_map_the_childs(
            @TempDir Path dir) throws IOException {
        ChildArchive archive = new ChildArchive(dir);

        ChildArchive.Use first = archive.next(BUILT);
        ChildArchive.Use meanwhile = archive.next(BUILT);
        assertThat(first.trains()).isTrue();
        assertThat(first.options()).contains("-XX:ArchiveClassesAtExit=" + dir.resolve("child.jsa.part"));
        assertThat(meanwhile.trains()).isFalse();
        assertThat(meanwhile.options()).isEqualTo(BUILT);

        Files.writeString(dir.resolve("child.jsa.part"), "archive");  // what the training JVM writes at exit
        archive.trained(0);

        ChildArchive.Use later = archive.next(BUILT);
        assertThat(later.trains()).isFalse();
        assertThat(later.options()).contains("-XX:SharedArchiveFile=" + dir.resolve("child.jsa"));
        assertThat(dir.resolve("child.jsa.part")).doesNotExist();
    }

    @Test
    void a_training_child_that_failed_leaves_no_archive_and_the_next_child_trains_again(@TempDir Path dir) throws IOException {
        ChildArchive archive = new ChildArchive(dir);
        assertThat(archive.next(BUILT).trains()).isTrue();
        Files.writeString(dir.resolve("child.jsa.part"), "half an archive");

        archive.trained(137);

        assertThat(dir.resolve("child.jsa")).doesNotExist();
        assertThat(dir.resolve("child.jsa.part")).doesNotExist();
        assertThat(archive.next(BUILT).trains()).isTrue();
    }
}
