package org.dlgrader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.data.FashionMnistLocator;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;
import org.dlgrader.grading.Submissions;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pages in a real browser (Debian's headless Chromium): no console errors, every picture
 * decodes, Chinese names survive; screenshots are kept in target/browser-screenshots/.
 */
@Tag("slow")
class ReportsInBrowserTest {

    private static final Path OUT = Path.of("target", "browser-reports");
    private static final Path SHOTS = Path.of("target", "browser-screenshots");
    private static Assignment assignment;
    private static List<StudentResult> example;

    @BeforeAll
    static void gradeTheExampleClass() throws IOException {
        assumeTrue(Chromium.installed(), "apt-get install chromium to run the browser test");
        assumeTrue(FashionMnistLocator.isInstalled(), "FashionMNIST is not installed");
        EngineSettings.applyDefaults();
        assignment = Assignment.load(Assignment.DEFAULT);
        Grader grader = new Grader(assignment, new org.dlgrader.model.LocalRunner(), null);
        example = Submissions.discover(Path.of("submissions")).students().stream().map(grader::grade).toList();
        Files.createDirectories(SHOTS);
    }

    @Test
    void exampleClassPagesLoadCleanly() throws Exception {
        Reports reports = new Reports(OUT.resolve("example"), assignment);
        for (StudentResult result : example) {
            reports.student(result);
        }
        reports.wholeClass(example, List.of(), List.of());

        Chromium.Page index = load(OUT.resolve("example/index.html"), "example-class");
        assertThat(index.dom()).contains("张三", "李四", "王 小明").contains("refused").contains("missing");
        for (StudentResult result : example) {
            String id = result.submission().studentId();
            Chromium.Page page = load(OUT.resolve("example").resolve(id).resolve("index.html"), "student-" + id);
            assertThat(page.dom()).contains(result.submission().name());
        }
        assertThat(load(OUT.resolve("example/2024001/index.html"), "student-2024001").dom())
                .contains("Confusion matrix").contains("Your predictions").contains("Where your model is wrong");
    }

    /**
     * 2024001 handed in a screenshot: its thumbnail decodes (the page's own check, which the
     * Content-Security-Policy lets run by its hash), and a script slipped into the page is refused.
     */
    @Test
    void aHandedInScreenshotShowsAndNoOtherScriptRuns() throws Exception {
        StudentResult zhang = example.stream().filter(r -> r.submission().studentId().equals("2024001")).findFirst().orElseThrow();
        String page = StudentPage.render("t", zhang);
        assertThat(page).contains("screenshot-quickstart.png").contains("href=\"#picture-1\"");
        Path file = OUT.resolve("handed-in/index.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, page.replace("</body>", "<script>document.body.setAttribute('data-injected', 'ran');</script></body>"),
                StandardCharsets.UTF_8);

        Chromium.screenshot(file, SHOTS.resolve("handed-in.png").toAbsolutePath());
        Chromium.Page loaded = Chromium.load(file);
        assertThat(loaded.dom()).contains("data-images=\"ok\"").contains("screenshot-quickstart.png").doesNotContain("data-injected=\"ran\"");
        assertThat(loaded.console()).contains("Content Security Policy");
    }

    /** The lesson's class is Chinese: the same pages, graded and written in zh-CN, and the hand-in guide. */
    @Test
    void theExampleClassInChinese() throws Exception {
        String override = System.setProperty(Language.PROPERTY, "zh-CN");
        try {
            Assignment chinese = Assignment.load(Assignment.DEFAULT);
            Grader grader = new Grader(chinese, new org.dlgrader.model.LocalRunner(), null);
            List<StudentResult> results = Submissions.discover(Path.of("submissions")).students().stream().map(grader::grade).toList();
            Reports reports = new Reports(OUT.resolve("example-zh"), chinese);
            for (StudentResult result : results) {
                reports.student(result);
            }
            reports.wholeClass(results, List.of(), List.of());
            reports.handinGuide();

            assertThat(load(OUT.resolve("example-zh/index.html"), "example-class-zh").dom())
                    .contains("lang=\"zh-CN\"", "成绩表", "未能评分", "未提交", "被拒绝", "第四课：深度学习入门", "张三");
            assertThat(load(OUT.resolve("example-zh/2024001/index.html"), "student-2024001-zh").dom())
                    .contains("混淆矩阵", "测试集准确率", "通过").doesNotContain("Confusion matrix");
            assertThat(load(OUT.resolve("example-zh/2024002/index.html"), "student-2024002-zh").dom())
                    .contains("未通过", "href=\"../handin.html#fashion-keras\"", "每个文件怎么保存");
            assertThat(load(OUT.resolve("example-zh/handin.html"), "handin-zh").dom())
                    .contains("提交指南", "torch.save(model.state_dict(), \"model.pth\")", "model.save(\"image_classify.h5\")",
                            "id=\"square\"");
        } finally {
            System.setProperty(Language.PROPERTY, override == null ? "en" : override);
            Messages.use(Language.EN);
        }
    }

    @Test
    void aClassOfOne() throws Exception {
        Reports reports = new Reports(OUT.resolve("one"), assignment);
        reports.student(example.get(0));
        reports.wholeClass(List.of(example.get(0)), List.of(), List.of());

        assertThat(load(OUT.resolve("one/index.html"), "class-of-1").dom()).contains("1 students").contains("张三");
    }

    @Test
    void aClassOfThreeHundredWithChineseNames() throws Exception {
        List<StudentResult> many = new ArrayList<>();
        String[] family = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
        for (int i = 0; i < 300; i++) {
            StudentResult template = example.get(i % example.size());
            Submission who = new Submission(String.format("2025%03d", i), family[i % 10] + " 同学" + i, "",
                    template.submission().folder());
            many.add(new StudentResult(who, template.exercises()));
        }
        Reports reports = new Reports(OUT.resolve("three-hundred"), assignment);
        reports.wholeClass(many, List.of("student id 2025007 has two folders, a and b; the second was not graded"), List.of());

        Chromium.Page index = load(OUT.resolve("three-hundred/index.html"), "class-of-300");
        assertThat(index.dom()).contains("300 students").contains("2025299").contains("刘 同学3").contains("has two folders");
    }

    @Test
    void theCheckItselfCatchesABrokenPictureAndAScriptError() throws Exception {
        String page = StudentPage.render("t", example.get(0))
                .replaceFirst("src=\"data:image/png;base64,", "src=\"data:image/png;base64,AAAA")
                .replace("</body>", "<script>undefinedFunction();</script></body>");
        Path broken = OUT.resolve("broken/index.html");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, page, StandardCharsets.UTF_8);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load(broken, "broken"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("console output of");
    }

    private static Chromium.Page load(Path file, String name) throws IOException, InterruptedException {
        Path shot = SHOTS.resolve(name + ".png").toAbsolutePath();
        Chromium.screenshot(file, shot);
        assertThat(shot).as("screenshot of " + file).exists();
        Chromium.Page page = Chromium.load(file);
        List<String> problems = page.console().lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList();
        assertThat(problems).as("console output of " + file).isEmpty();
        assertThat(page.dom()).as("pictures of " + file).contains("data-images=\"ok\"");
        return page;
    }
}
