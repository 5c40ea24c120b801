package org.dlgrader.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Limits;

/** Builds a class of students in a folder: copies of the good example student, each with one file swapped. */
final class HostileClass {

    static final Path GOOD = Path.of("submissions", "2024001-张三");
    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

    private HostileClass() {
    }

    /** A copy of the good student as {@code folderName}. */
    static Path goodStudent(Path root, String folderName) throws IOException {
        Path folder = Files.createDirectories(root.resolve(folderName));
        try (Stream<Path> files = Files.list(GOOD)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return folder;
    }

    /** A good student whose model for one exercise is replaced by {@code fixture} saved as {@code name}. */
    static Path studentWith(Path root, String folderName, String fixture, String name, List<String> remove) throws IOException {
        Path folder = goodStudent(root, folderName);
        for (String old : remove) {
            Files.deleteIfExists(folder.resolve(old));
        }
        Files.copy(FIXTURES.resolve(fixture), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        return folder;
    }

    /** The example assignment with tighter limits, written where worker processes can read it. */
    static Path assignment(Path folder, Limits limits) throws IOException {
        return Assignment.copyWithLimits(Assignment.DEFAULT, limits, folder.resolve("assignment.json"));
    }
}
