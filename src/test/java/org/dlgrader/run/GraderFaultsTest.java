package org.dlgrader.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.i18n.Language;
import org.dlgrader.isolation.ClassPath;
import org.dlgrader.isolation.Sandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults that are not a student's, met as a teacher meets them, by running the grade command: each
 * stops the run or marks the exercise "not graded" with one message that says what to do, nothing
 * wrong is cached, and a rerun after the fix grades exactly what the fault touched.
 */
@Tag("slow")
class GraderFaultsTest {

    @TempDir
    Path work;

    /** What one run of the grade command printed, and how it ended. */
    record Run(int exit, String output) {
        long count(String text) {
            return output.lines().filter(l -> l.contains(text)).count();
        }
    }

    private Run grade(Path folder, String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The child speaks this JVM's language (English in the build), not assignment.json's; a test's own -D comes later and wins.
        command.add("-D" + Language.PROPERTY + "=" + System.getProperty(Language.PROPERTY, "en"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", ClassPath.current(), "org.dlgrader.cli.Main", "grade", folder.toString(),
                "--reports", work.resolve("reports").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private Path student(String folder, String template) throws IOException {
        Path target = Files.createDirectories(work.resolve("submissions").resolve(folder));
        try (Stream<Path> files = Files.list(Path.of("submissions", template))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".properties")).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    private String gradebook() throws IOException {
        return Files.readString(work.resolve("reports/gradebook.csv"), StandardCharsets.UTF_8);
    }

    @Test
    void aMissingDataSetStopsTheRunOnceAndNothingIsKept() throws Exception {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        student("2024001-张三", "2024001-张三");
        student("2024002-李四", "2024002-李四");
        Path empty = Files.createDirectories(work.resolve("no-data"));

        Run missing = grade(work.resolve("submissions"), "-Dfashion.mnist.dir=" + empty, "-Dgrader.lang=en");

        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.count("Nothing was graded: the data exercise 'fashion-mlp' is examined on is not usable")).isEqualTo(1);
        assertThat(missing.output()).contains("FashionMNIST was not found in any of [" + empty + "]").contains("apt-get install dataset-fashion-mnist");
        assertThat(work.resolve("reports/.cache")).doesNotExist();
        assertThat(work.resolve("reports/gradebook.csv")).doesNotExist();

        Run fixed = grade(work.resolve("submissions"));
        assertThat(fixed.exit()).isZero();
        assertThat(gradebook()).contains("2024001,张三,10,10,10,10,5,not graded yet,45,55");
    }

    @Test
    void aWorkerThatCannotStartIsTheGradersErrorNotTheStudents() throws Exception {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        student("2024001-张三", "2024001-张三");
        student("2024003-王小明", "2024003-王 小明");

        Run broken = grade(work.resolve("submissions"), "-Dgrader.workerJvmArgs=-Xmx1k");

        assertThat(broken.exit()).isEqualTo(3);
        assertThat(broken.count("Nothing was graded: models cannot be run on this machine")).isEqualTo(1);
        assertThat(work.resolve("reports/.cache")).doesNotExist();
    }

    @Test
    void withoutASandboxTorchScriptIsNotGradedNotZeroAndTheRerunGradesExactlyThat() throws Exception {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        assumeTrue(Sandbox.status().available(), "no sandbox here");
        student("2024001-张三", "2024001-张三");
        student("2024003-王小明", "2024003-王 小明");

        Run noSandbox = grade(work.resolve("submissions"), "-Dgrader.bwrap=" + work.resolve("no-bwrap-here"));

        assertThat(noSandbox.exit()).isEqualTo(3);
        assertThat(noSandbox.count("NOT GRADED (a grader error, nobody's score): TorchScript files carry code")).isEqualTo(1);
        // 王小明's three TorchScript files are not graded, not zero; his Keras file is graded.
        assertThat(gradebook()).contains("2024003,王小明,not graded,not graded,10,not graded,not graded,not graded yet,,55");
        assertThat(Files.readString(work.resolve("reports/index.html"))).contains("not graded: grader error");
        try (Stream<Path> kept = Files.list(work.resolve("reports/.cache/_2024003"))) {
            assertThat(kept.map(p -> p.getFileName().toString())).containsExactly("fashion-keras.json");
        }

        Run fixed = grade(work.resolve("submissions"));
        assertThat(fixed.exit()).isZero();
        // Copied without his submission.properties, 王小明's LeNet has no declared shape and runs on none of the common ones.
        assertThat(gradebook()).contains("2024003,王小明,10,10,10,10,0,not graded yet,40,55");
    }

    @Test
    void aMistypedFolderNamesTheNearestOneAndAnEmptyFolderIsNoClass() throws Exception {
        student("2024100-赵六", "2024001-张三");

        Run typo = grade(work.resolve("submissions/2024100-赵"));
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.output()).contains("There is no folder " + work.resolve("submissions/2024100-赵") + " to grade (did you mean '2024100-赵六'?)");

        Run empty = grade(Files.createDirectories(work.resolve("empty")));
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.output()).contains("holds no student's folder and no model file: nothing to grade");

        // A Chinese class is told in Chinese (the "did you mean" of a near name is the grading package's text).
        Run chinese = grade(work.resolve("submissions/2024100-赵"), "-Dgrader.lang=zh-CN");
        assertThat(chinese.exit()).isEqualTo(2);
        assertThat(chinese.output()).contains("没有可评分的文件夹 " + work.resolve("submissions/2024100-赵"))
                .contains("。请给出班级文件夹（submissions）或某个学生的文件夹（submissions/<id>-<name>）。");
        Run chineseEmpty = grade(work.resolve("empty"), "-Dgrader.lang=zh-CN");
        assertThat(chineseEmpty.output()).contains(work.resolve("empty") + " 中既没有学生文件夹，也没有模型文件：没有可评分的内容。");
    }

    @Test
    void gradingOneStudentUpdatesTheClassFilesWithoutGradingTheOthers() throws Exception {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        student("2024001-张三", "2024001-张三");
        Path li = student("2024002-李四", "2024002-李四");
        assertThat(grade(work.resolve("submissions")).exit()).isZero();
        assertThat(gradebook()).contains("2024001,张三,10,10,10,10,5,not graded yet,45,55");
        String before = gradebook().lines().filter(l -> l.startsWith("2024002")).findFirst().orElseThrow();
        Path zhangCache = work.resolve("reports/.cache/_2024001/linear.json");
        long zhangCached = Files.getLastModifiedTime(zhangCache).toMillis();

        // 李四 trains the line for the lesson's 3000 epochs and hands it in again.
        Files.copy(Path.of("submissions/2024001-张三/linear.pth"), li.resolve("linear.pth"), StandardCopyOption.REPLACE_EXISTING);
        assertThat(grade(li).exit()).isZero();

        String after = gradebook().lines().filter(l -> l.startsWith("2024002")).findFirst().orElseThrow();
        assertThat(after).isNotEqualTo(before).startsWith("2024002,李四,10,");
        String total = after.split(",")[8];
        assertThat(Files.readString(work.resolve("reports/index.html"))).contains("<strong>" + total + "</strong>");
        assertThat(Files.readString(work.resolve("reports/2024002/results.json"))).contains("\"score\" : " + Double.parseDouble(total));
        assertThat(Files.readString(work.resolve("reports/class-results.json"))).contains("李四");
        assertThat(gradebook()).contains("2024001,张三,10,10,10,10,5,not graded yet,45,55");
        assertThat(Files.getLastModifiedTime(zhangCache).toMillis()).as("张三 was not graded again").isEqualTo(zhangCached);
    }
}
