package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionsTest {

    @TempDir
    Path root;

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
    void submissionPropertiesOverridesTheFolderName() throws IOException {
        Path dir = student("homework-final");
        Files.writeString(dir.resolve("submission.properties"), "id=2024009\nname=李 四\nemail=li@example.edu\n", StandardCharsets.UTF_8);

        Submission submission = Submissions.discover(root).students().get(0);

        assertThat(submission).isEqualTo(new Submission("2024009", "李 四", "li@example.edu", dir));
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
