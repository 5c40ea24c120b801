package org.dlgrader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dlgrader.data.FashionMnistLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student's self-check as they run it: {@code ./mvnw verify -Dsubmission=…} on a copy of this
 * project, read from the console. The block is in the class's language, the verdict is the last
 * line, the exit status is the verdict's, and none of Maven's help lines follow it. Run in a copy
 * because a build inside this build's own target/ would overwrite what the outer one is testing.
 */
@Tag("slow")
class SelfCheckBuildTest {

    @TempDir
    static Path copy;

    record Run(int exitCode, String output) {
        String lastLine() {
            List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
            return lines.get(lines.size() - 1);
        }
    }

    @BeforeAll
    static void copyTheProject() throws IOException {
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        Path project = Path.of("").toAbsolutePath();
        for (String name : List.of("pom.xml", "assignment.json", "mvnw", "mvnw.cmd", ".mvn", "src", "submissions")) {
            Path from = project.resolve(name);
            try (Stream<Path> all = Files.walk(from)) {
                for (Path path : (Iterable<Path>) all::iterator) {
                    Path to = copy.resolve(project.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(path, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }

    @Test
    void aFailedCheckEndsTheBuildOnTheVerdictInTheClassesLanguage() throws Exception {
        Run run = maven("-Dsubmission=submissions/2024002-李四");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output())
                .contains("2024002 李四 · 第四课：深度学习入门")
                .contains("✗ 权重 w")
                .contains("准确率为 0.4")
                .contains("fashion-keras · Keras FashionMNIST 图像分类  [未提交文件]")
                .contains("可接受的文件名：image_classify.h5")
                .contains("pytorch-example")
                .contains("你的报告页面：")
                .doesNotContain("[Help 1]", "MojoFailureException", "BUILD FAILURE", "GradeSubmissionsIT", "AssertionFailedError");
        assertThat(run.lastLine()).startsWith("✗ 自查未通过：有 8 项检查未通过");
    }

    @Test
    void oneExerciseInEnglishPasses() throws Exception {
        Run run = maven("-Dsubmission=submissions/2024001-张三", "-Dexercise=linear", "-Dgrader.lang=en");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("2024001 张三").contains("linear · ").contains("✓ weight w")
                .doesNotContain("fashion-mlp · ", "✗");
        assertThat(run.lastLine()).startsWith("✓ Self-check passed");
    }

    @Test
    void aGraderFaultIsNeverAPass() throws Exception {
        Run run = maven("-Dsubmission=submissions/2024001-张三", "-Dgrader.sandbox=bogus");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.lastLine()).isEqualTo("✗ -Dgrader.sandbox=bogus 不是 auto、on、off 中的一个");
    }

    private static synchronized Run maven(String... properties) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        List<String> command = new ArrayList<>(List.of(copy.resolve(windows ? "mvnw.cmd" : "mvnw").toString(), "-B", "-ntp", "-q", "verify"));
        command.addAll(List.of(properties));
        Path log = copy.resolve("maven.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("Maven did not finish in 5 minutes; see " + log);
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
