package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubmissionsTest {

    @TempDir
    Path work;
    /** submissions/ one level down, so links can point beside it, outside the class. */
    private Path root;

    @BeforeEach
    void makeTheClassFolder() throws IOException {
        root = Files.createDirectories(work.resolve("submissions"));
    }

    private Path student(String folder) throws IOException {
        Path dir = Files.createDirectories(root.resolve(folder));
        Files.write(dir.resolve("model.pth"), new byte[] {1});
        return dir;
    }

    @Test
    void folderNameGivesIdAndChineseNameWithSpaces() throws IOException {
        student("2024001-张三");
        student("2024003-王 小明");

        Submissions.Found found = Submissions.discover(root);

        assertThat(found.students()).extracting(Submission::studentId).containsExactly("2024001", "2024003");
        assertThat(found.students()).extracting(Submission::name).containsExactly("张三", "王 小明");
        assertThat(found.problems()).isEmpty();
    }

    @Test
    void submissionPropertiesGivesTheIdOfAFolderWhoseNameHasNone() throws IOException {
        Path dir = student("homework-final");
        Files.writeString(dir.resolve("submission.properties"), "id=2024009\nname=李 四\nemail=li@example.edu\n", StandardCharsets.UTF_8);

        Submissions.Found found = Submissions.discover(root);

        assertThat(found.students()).containsExactly(new Submission("2024009", "李 四", "li@example.edu", dir));
        assertThat(found.problems()).isEmpty();
    }

    @Test
    void submissionPropertiesSetsTheNameAndEmailOfANumberedFolder() throws IOException {
        Path dir = student("2024003-wang");
        Files.writeString(dir.resolve("submission.properties"), "id=2024003\nname=王 小明\nemail=xm@example.edu\n", StandardCharsets.UTF_8);

        Submissions.Found found = Submissions.discover(root);

        assertThat(found.students()).containsExactly(new Submission("2024003", "王 小明", "xm@example.edu", dir));
        assertThat(found.problems()).isEmpty();
    }

    /** The attack: a student's properties claim a classmate's number, and the classmate was dropped as a duplicate. */
    @Test
    void submissionPropertiesCannotTakeAnotherStudentsId() throws IOException {
        Path impostor = student("2024001-赵六");
        Files.writeString(impostor.resolve("submission.properties"), "id=2024005\nname=孙八\n", StandardCharsets.UTF_8);
        Path real = student("2024005-孙八");

        Submissions.Found found = Submissions.discover(root);

        assertThat(found.students()).extracting(Submission::studentId, Submission::folder)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2024001", impostor), org.assertj.core.groups.Tuple.tuple("2024005", real));
        assertThat(found.problems()).containsExactly("the folder 2024001-赵六 is student 2024001, but its submission.properties "
                + "says id=2024005; it was graded as 2024001: submission.properties may set the name and email, never another "
                + "student number (remove its id line, or rename the folder if 2024001 is wrong)");
    }

    /** The attack: a link in submissions/ graded another student's (or any) folder under a second name. */
    @Test
    void aStudentFolderThatIsASymbolicLinkIsReportedNotGraded() throws IOException {
        Path real = student("2024001-张三");
        Path outside = Files.createDirectories(work.resolve("outside").resolve("2024010-x"));
        Files.write(outside.resolve("model.pth"), new byte[] {1});
        Files.createSymbolicLink(root.resolve("2024009-copy"), real);
        Files.createSymbolicLink(root.resolve("2024010-outside"), outside);

        Submissions.Found found = Submissions.discover(root);

        assertThat(found.students()).extracting(Submission::studentId).containsExactly("2024001");
        assertThat(found.problems()).containsExactly(
                "the folder 2024009-copy is a symbolic link (to " + real + "); it was not graded: a student's folder must be a "
                        + "real folder inside " + root.getFileName() + "/, so replace the link with a copy of the student's own files",
                "the folder 2024010-outside is a symbolic link (to " + outside + "); it was not graded: a student's folder must "
                        + "be a real folder inside " + root.getFileName() + "/, so replace the link with a copy of the student's own files");
    }

    @Test
    void aSelfCheckOfALinkGradesNothing() throws IOException {
        Path real = student("2024001-张三");
        Path link = Files.createSymbolicLink(work.resolve("2024001-link"), real);

        Submissions.Found found = Submissions.discover(link);

        assertThat(found.students()).isEmpty();
        assertThat(found.oneStudent()).isTrue();
        assertThat(found.problems()).containsExactly("the folder " + link.getFileName() + " is a symbolic link (to " + real
                + "); nothing was graded: check the real folder, not a link to it");
    }

    /** The attack: one id that cannot be a folder name (too long, reports/' own names) stopped the whole run. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "index.html      | its submission.properties gives the student id \"index.html\", which cannot name the student's folder in reports/, as it is index.html, a name the reports folder uses for itself; fix the id line (a student number such as 2024001), or remove it and rename the folder to <student-id>-<name>",
        "gradebook.csv   | as it is gradebook.csv, a name the reports folder uses for itself",
        ".cache          | as it is .cache, a name the reports folder uses for itself",
        ".hidden         | as it holds '.', and a student id may only hold the letters A-Z and a-z, digits, '-' and '_'",
        "COM1            | as it is COM1, a device name Windows does not allow as a folder name",
        "nul             | as it is nul, a device name Windows does not allow as a folder name",
        "2024/001        | as it holds '/', and a student id",
        "..              | as it holds '.', and a student id",
        "张三             | as it holds '张', and a student id",
        "2024 001        | as it holds a space, and a student id",
        "-rf             | as it starts with '-', and a student id starts with a letter or digit"})
    void anIdThatCannotBeAFolderNameSkipsThatFolderAlone(String id, String problem) throws IOException {
        student("2024001-张三");
        Files.writeString(student("homework-final").resolve("submission.properties"), "id=" + id + "\n", StandardCharsets.UTF_8);
        student("2024002-李四");

        Submissions.Found found = Submissions.discover(root);

        assertThat(found.students()).extracting(Submission::studentId).containsExactly("2024001", "2024002");
        assertThat(found.problems()).singleElement().asString().startsWith("the folder homework-final was not graded: ").contains(problem);
    }

    @Test
    void anIdOf300CharactersIsReportedShortly() throws IOException {
        Files.writeString(student("homework-final").resolve("submission.properties"), "id=" + "9".repeat(300) + "\n");
        student("2024002-李四");

        Submissions.Found found = Submissions.discover(root);

        assertThat(found.students()).extracting(Submission::studentId).containsExactly("2024002");
        assertThat(found.problems()).containsExactly("the folder homework-final was not graded: its submission.properties gives "
                + "the student id \"99999999999999999999… (300 characters)\", which cannot name the student's folder in reports/, "
                + "as it is 300 characters long, more than the 64 a student id may have; fix the id line (a student number such "
                + "as 2024001), or remove it and rename the folder to <student-id>-<name>");
    }

    @Test
    void aFolderNamedLikeAReportsFileIsReported() throws IOException {
        student("index.html-x");
        student("2024002-李四");

        Submissions.Found found = Submissions.discover(root);

        assertThat(found.students()).extracting(Submission::studentId).containsExactly("2024002");
        assertThat(found.problems()).containsExactly("the folder index.html-x was not graded: its name gives the student id "
                + "\"index.html-x\", which cannot name the student's folder in reports/, as it holds '.', and a student id may "
                + "only hold the letters A-Z and a-z, digits, '-' and '_'; rename the folder to <student-id>-<name>, e.g. 2024001-张三");
    }

    @ParameterizedTest
    @CsvSource({"2024001-张三, 2024001", "s12345-Li Lei, s12345", "2024001, 2024001", "A1_b, A1", "u2024-x_y, u2024"})
    void plainStudentNumbersAndLoginsAreIds(String folder, String id) throws IOException {
        student(folder);

        assertThat(Submissions.discover(root).students()).extracting(Submission::studentId).containsExactly(id);
        assertThat(Submission.idProblem(id)).isEmpty();
        assertThat(Submission.safeName(id)).isEqualTo(id);
    }

    @Test
    void idsDifferingOnlyInCaseAreOneStudent() throws IOException {
        student("s123-Li");
        student("S123-Li");

        Submissions.Found found = Submissions.discover(root);

        assertThat(found.students()).hasSize(1);
        assertThat(found.problems()).singleElement().asString().contains("has two folders, S123-Li and s123-Li");
    }

    @Test
    void aPropertiesFileThatIsALinkOrUnreadableIsIgnoredAndReported() throws IOException {
        Path secret = Files.writeString(work.resolve("secret.properties"), "id=2024001\nname=x\n");
        Files.createSymbolicLink(student("homework-a").resolve("submission.properties"), secret);
        Files.write(student("2024002-李四").resolve("submission.properties"), new byte[] {'n', 'a', 'm', 'e', '=', (byte) 0xC0});

        Submissions.Found found = Submissions.discover(root);

        // The link's id=2024001 is not read: homework-a keeps what its name says.
        assertThat(found.students()).extracting(Submission::studentId, Submission::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2024002", "李四"), org.assertj.core.groups.Tuple.tuple("homework", "a"));
        assertThat(found.problems()).containsExactly(
                "the folder 2024002-李四 has a submission.properties that could not be read (it is not UTF-8); it was "
                        + "ignored: save it as UTF-8 with lines such as name=张三",
                "the folder homework-a has a submission.properties that is a symbolic link; it was ignored (the folder name "
                        + "gives the id and name): replace it with a real file");
    }

    @Test
    void twoFoldersWithOneIdAreReportedNotMerged() throws IOException {
        student("2024001-张三");
        student("2024001-张三-resubmitted");

        Submissions.Found found = Submissions.discover(root);

        assertThat(found.students()).hasSize(1);
        assertThat(found.problems()).containsExactly("student id 2024001 has two folders, 2024001-张三 and "
                + "2024001-张三-resubmitted; the second was not graded: merge them or fix the id");
    }

    @Test
    void aFolderNameThatIsNotUtf8IsReportedNotGraded() throws IOException, InterruptedException {
        student("2024001-张三");
        // Latin-1 "é": what an old zip tool leaves; made by the shell because Java cannot spell it.
        new ProcessBuilder("/bin/sh", "-c", "mkdir \"$1/2024009-caf$(printf '\\351')\" && printf x > \"$1/2024009-caf$(printf '\\351')/model.pth\"",
                "sh", root.toString()).inheritIO().start().waitFor();

        Submissions.Found found = Submissions.discover(root);

        assertThat(found.students()).extracting(Submission::studentId).containsExactly("2024001");
        assertThat(found.problems()).singleElement().asString()
                .contains("has a name that is not UTF-8").contains("it was not graded: rename it");
    }

    @Test
    void oneStudentsFolderIsGradedAlone() throws IOException {
        Path dir = student("2024001-张三");
        student("2024002-李四");

        Submissions.Found found = Submissions.discover(dir);
        assertThat(found.students()).extracting(Submission::studentId).containsExactly("2024001");
        assertThat(found.oneStudent()).isTrue();
        assertThat(Submissions.discover(root).oneStudent()).isFalse();
    }
}
