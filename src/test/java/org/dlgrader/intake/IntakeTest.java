package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dlgrader.grading.SubmissionTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The inbox made by python/make_fixtures.py with Python's zipfile and email packages. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "inbox");

    @TempDir
    static Path work;
    private Path inbox;
    private Path into;
    private Map<String, Intake.Entry> log;

    @BeforeAll
    void takeTheInbox() throws IOException {
        // The fixture emails have no Received header (Python wrote them, no server delivered them), so
        // their files' times say which came last: a copy of the inbox gives them the times they would have.
        inbox = Files.createDirectories(work.resolve("inbox"));
        try (Stream<Path> files = Files.list(FIXTURES)) {
            for (Path file : files.toList()) {
                Files.copy(file, inbox.resolve(file.getFileName()));
            }
        }
        Files.setLastModifiedTime(inbox.resolve("2024106-v1.eml"), FileTime.from(Instant.parse("2026-11-27T13:25:50Z")));
        Files.setLastModifiedTime(inbox.resolve("2024106-v2.eml"), FileTime.from(Instant.parse("2026-11-28T13:25:50Z")));
        // The class-level temp folder: submissions/ sits one level down, so a path that escapes shows up.
        into = work.resolve("class").resolve("submissions");
        List<Intake.Entry> entries = new Intake(into, 50, 50L << 20).run(inbox);
        log = entries.stream().collect(Collectors.toMap(Intake.Entry::source, e -> e, (a, b) -> a));
    }

    private List<String> folders() throws IOException {
        try (Stream<Path> list = Files.list(into)) {
            // The key intake signs hand-in times with lies beside the folders; it is not a student's.
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.equals(SubmissionTime.KEY_FILE)).sorted().toList();
        }
    }

    @Test
    void studentsAreTakenIntoIdNameFolders() throws IOException {
        assertThat(folders()).containsExactly("2024101-赵六", "2024102-钱七", "2024106-孙八");
    }

    @Test
    void aZippedFolderIsHoistedAndMacJunkDropped() {
        Path student = into.resolve("2024101-赵六");
        assertThat(student.resolve("square.pth")).isRegularFile();
        assertThat(student.resolve("__MACOSX")).doesNotExist();
    }

    @Test
    void gbkNamesFromAWindowsZipAreDecoded() throws IOException {
        Path note = into.resolve("2024102-钱七").resolve("说明.txt");
        assertThat(note).isRegularFile();
        assertThat(into.resolve("2024102-钱七").resolve("square.pth")).isRegularFile();
    }

    @Test
    void theNewestEmailOfAStudentWins() {
        assertThat(log.get("2024106-v2.eml").outcome()).isEqualTo("taken");
        assertThat(log.get("2024106-v1.eml").outcome()).isEqualTo("superseded");
        assertThat(log.get("2024106-v1.eml").detail()).contains("2024106-v2.eml");
        assertThat(into.resolve("2024106-孙八").resolve("linear.pth")).isRegularFile();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024103-traversal.zip | ../../evil.pth, which points outside the folder it unpacks into; refused",
        "2024104-link.zip | square.pth, a symbolic link; refused",
        "2024105-bomb.zip | 2024105-bomb.zip unpacks to more than 50 MB (the limit for one submission, --max-mb 50); refused",
        "homework.zip | no student number in the file name"})
    void badZipsAreRefusedAndLogged(String source, String reason) throws IOException {
        assertThat(log.get(source).outcome()).isEqualTo("refused");
        assertThat(log.get(source).detail()).contains(reason);
    }

    @Test
    void nothingIsWrittenOutsideAndRefusedStudentsLeaveNoFolder() throws IOException {
        try (Stream<Path> everything = Files.walk(work)) {
            assertThat(everything.filter(p -> p.getFileName().toString().equals("evil.pth"))).isEmpty();
        }
        assertThat(folders()).noneMatch(f -> f.startsWith("2024103") || f.startsWith("2024104") || f.startsWith("2024105"));
        // Neither the staging folders in submissions/ nor the attachments' spool beside it are left behind.
        try (Stream<Path> hidden = Files.walk(into.getParent())) {
            assertThat(hidden.filter(p -> p.getFileName().toString().startsWith(".intake-"))).isEmpty();
        }
    }

    @Test
    void otherFilesAreIgnoredAndTheLogIsACsv() {
        assertThat(log.get("notes.txt").outcome()).isEqualTo("ignored");
        String csv = Intake.csv(List.copyOf(log.values()));
        assertThat(csv).startsWith("\uFEFFsource,outcome,student_id,detail,submitted_at,time_source").contains("\"2024105-bomb.zip\",refused");
    }

    @Test
    void aSecondIntakeReplacesTheStudentsFolder() throws IOException {
        Files.writeString(into.resolve("2024101-赵六").resolve("stale.txt"), "from last time");
        new Intake(into, 50, 50L << 20).run(inbox);
        assertThat(into.resolve("2024101-赵六").resolve("stale.txt")).doesNotExist();
        assertThat(into.resolve("2024101-赵六").resolve("square.pth")).isRegularFile();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024001-张三.zip | 2024001 | 张三",
        "张三_2024001_作业.zip | 2024001 | 张三",
        "深度学习作业 2024106 孙八 第二版 | 2024106 | 孙八",
        "Lesson04 homework 20240077 Li Lei.zip | 20240077 | Li Lei"})
    void identityFromNamesStudentsWrite(String text, String id, String name) {
        assertThat(Identity.parse(text)).contains(new Identity(id, name));
    }
}
