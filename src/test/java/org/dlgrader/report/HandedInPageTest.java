package org.dlgrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.HandedInLimits;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.dlgrader.i18n.RestoresLanguage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student page's "handed in" section on real files: a Chromium screenshot, PNGs written by
 * Python's zlib and by javax.imageio, a JPEG from javax.imageio, a notebook and a script
 * ({@code python/make_handed_in.py}), and the attacks a student could hand in instead.
 */
@ExtendWith(RestoresLanguage.class)
class HandedInPageTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/handed-in");
    private static final Pattern DATA_URI = Pattern.compile("src=\"data:(image/[a-z]+);base64,([A-Za-z0-9+/=]+)\"");

    @TempDir
    Path work;

    private Path student() throws IOException {
        Path folder = Files.createDirectories(work.resolve("2024009-赵六"));
        return folder;
    }

    private static String page(Path folder) {
        return StudentPage.render("Lesson 4", new StudentResult(new Submission("2024009", "赵六", "", folder), List.of()));
    }

    private static byte[] png(int width, int height) throws IOException {
        return encoded(width, height, "png");
    }

    private static byte[] encoded(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.drawLine(0, 0, width - 1, height - 1);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** Every picture the page embeds, decoded as the browser would. */
    private static List<BufferedImage> pictures(String html) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        Matcher m = DATA_URI.matcher(html);
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
            assertThat(image).as("an embedded %s decodes", m.group(1)).isNotNull();
            images.add(image);
        }
        return images;
    }

    @Test
    void screenshotsNotebooksAndScriptsAreShownAsPicturesAndText() throws IOException {
        Path folder = student();
        Files.copy(FIXTURES.resolve("screenshot.png"), folder.resolve("screenshot.png"));
        Files.copy(FIXTURES.resolve("quickstart.ipynb"), folder.resolve("quickstart.ipynb"));
        Files.createDirectories(folder.resolve("code"));
        Files.copy(FIXTURES.resolve("square_mlp.py"), folder.resolve("code/square_mlp.py"));
        Files.write(folder.resolve("phone.jpg"), encoded(1200, 900, "jpeg"));
        Files.write(folder.resolve("wide.png"), png(3000, 2000));

        String html = page(folder);

        assertThat(html).contains("id=\"handed-in\"").contains("screenshot.png").contains("phone.jpg").contains("wide.png")
                .contains("3000 × 2000").contains("data:image/jpeg;base64,");
        // Three pictures and the notebook's plot: a thumbnail and a full-size copy each.
        List<BufferedImage> pictures = pictures(html);
        assertThat(pictures).hasSize(8);
        assertThat(pictures).allSatisfy(p -> assertThat(Math.max(p.getWidth(), p.getHeight())).isLessThanOrEqualTo(SafeImages.FULL_SIDE));
        assertThat(pictures.stream().filter(p -> p.getWidth() == 1600 && p.getHeight() == 1067)).as("wide.png's full size").hasSize(1);
        assertThat(pictures.stream().filter(p -> p.getWidth() == 240 && p.getHeight() == 160)).as("wide.png's thumbnail").hasSize(1);
        assertThat(html).contains("href=\"#picture-1\"").contains("class=\"lightbox\" id=\"picture-1\"");
        // The notebook: sources and text outputs, the traceback without its colour codes, the plot as a picture.
        assertThat(html).contains("Notebook quickstart.ipynb").contains("loss: 2.303541  [   64/60000]").contains("In [4]:")
                .contains("RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x3 and 784x512)")
                .doesNotContain("\u001b").doesNotContain("[0;31m").contains("第四课");
        assertThat(html).contains("Script code/square_mlp.py").contains("nn.Linear(2, 64)");
    }

    @Test
    void scriptsAndNotebookOutputsAreTextNeverMarkup() throws IOException {
        Path folder = student();
        Files.copy(FIXTURES.resolve("quickstart.ipynb"), folder.resolve("quickstart.ipynb"));
        Files.copy(FIXTURES.resolve("square_mlp.py"), folder.resolve("square_mlp.py"));
        Files.write(folder.resolve("<img src=x onerror=alert(1)>.png"), png(40, 30));

        String html = page(folder);

        // One script on the page, the grader's own; the students' </pre><script> is text.
        assertThat(html.split("<script", -1)).hasSize(2);
        assertThat(html).doesNotContain("<script>alert").doesNotContain("</pre><script>").doesNotContain("<img src=x")
                .doesNotContain("<div onmouseover").doesNotContain("<b>for 5 epochs</b>")
                .contains("&lt;/pre&gt;&lt;script&gt;alert(").contains("&lt;img src&#61;x onerror&#61;alert(1)&gt;.png")
                .contains("text/html output, shown as its source text").contains("&lt;div onmouseover");
    }

    @Test
    void thePageLetsNoScriptRunButItsOwn() throws Exception {
        String html = page(student());
        Matcher policy = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">").matcher(html);
        assertThat(policy.find()).isTrue();
        String csp = policy.group(1).replace("&#39;", "'").replace("&#61;", "=");
        assertThat(csp).contains("default-src 'none'").contains("img-src data:").contains("base-uri 'none'").doesNotContain("unsafe-eval");
        String scripts = csp.substring(csp.indexOf("script-src"));
        assertThat(scripts.substring(0, scripts.indexOf(';'))).doesNotContain("unsafe-inline").doesNotContain("*");
        String script = html.substring(html.indexOf("<script>") + 8, html.indexOf("</script>"));
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        assertThat(csp).contains("script-src 'sha256-" + hash + "'");
    }

    @Test
    void picturesThatAreNotWhatTheySayAreLeftOutWithTheReason() throws IOException {
        Path folder = student();
        Files.copy(FIXTURES.resolve("svg-named.png"), folder.resolve("diagram.png"));
        Files.copy(FIXTURES.resolve("bomb.png"), folder.resolve("bomb.png"));
        byte[] cut = png(200, 100);
        Files.write(folder.resolve("cut.png"), Arrays.copyOf(cut, 60));
        byte[] big = new byte[11 << 20];
        System.arraycopy(cut, 0, big, 0, cut.length);
        Files.write(folder.resolve("huge.png"), big);

        String html = page(folder);

        assertThat(html).contains("diagram.png: not a PNG or JPEG picture").doesNotContain("<svg").doesNotContain("image/svg")
                .contains("bomb.png: 100000 × 100000 pixels, more than the 40 million shown")
                .contains("cut.png: a PNG or JPEG that could not be decoded")
                .contains("huge.png: larger than 10 MB");
        assertThat(pictures(html)).isEmpty();
    }

    @Test
    void linksAreNeverFollowedOutOfTheFolder() throws IOException {
        Path folder = student();
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.writeString(outside.resolve("secret.py"), "TEACHERS_KEY = 'hunter2'\n");
        Files.createSymbolicLink(folder.resolve("shot.png"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(folder.resolve("notes.py"), outside.resolve("secret.py"));
        Files.createSymbolicLink(folder.resolve("more"), outside);

        String html = page(folder);

        assertThat(html).contains("shot.png: a link, not a file").contains("notes.py: a link, not a file")
                .doesNotContain("root:").doesNotContain("hunter2").doesNotContain("secret.py");
    }

    @Test
    void aFolderOfManyPicturesShowsTheFirstAndNamesTheRest() throws IOException {
        Path folder = student();
        for (int i = 10; i < 10 + HandedInLimits.DEFAULTS.maxPictures() + 2; i++) {
            Files.write(folder.resolve("shot-" + i + ".png"), png(64, 48));
        }
        String html = page(folder);
        assertThat(pictures(html)).hasSize(2 * HandedInLimits.DEFAULTS.maxPictures());
        assertThat(html).contains("shot-22.png: more than 12 pictures").contains("shot-23.png: more than 12 pictures");
    }

    /** A teacher's "handedIn" in assignment.json reaches the page the grading run writes (Assignment → Reports → StudentPage). */
    @Test
    void theAssignmentsLimitsDecideWhatThePageShows() throws IOException {
        Path folder = student();
        for (int i = 1; i <= 3; i++) {
            Files.write(folder.resolve("shot-" + i + ".png"), png(64, 48));
        }
        Files.copy(FIXTURES.resolve("square_mlp.py"), folder.resolve("square_mlp.py"));
        Files.copy(FIXTURES.resolve("quickstart.ipynb"), folder.resolve("quickstart.ipynb"));
        String lesson = Files.readString(Assignment.DEFAULT, StandardCharsets.UTF_8).replaceFirst("(?s)\"handedIn\": \\{.*?\n  \\},", "");
        Path file = Files.writeString(work.resolve("assignment.json"), lesson.replace("\"seed\": 20261129,",
                "\"seed\": 20261129, \"handedIn\": {\"maxPictures\": 2, \"maxNotebookCells\": 1, \"maxScriptChars\": 40},"),
                StandardCharsets.UTF_8);
        Assignment assignment = Assignment.load(file);
        Messages.use(Language.EN);
        assertThat(assignment.handedIn()).isEqualTo(new HandedInLimits(2, 10, 8, 5, 5, 1, 10_000, 200_000, 10, 200, 40));

        new Reports(work.resolve("reports"), assignment).student(new StudentResult(new Submission("2024009", "赵六", "", folder), List.of()));

        String html = Files.readString(work.resolve("reports/2024009/index.html"), StandardCharsets.UTF_8);
        assertThat(pictures(html)).hasSize(2 * 2);
        assertThat(html).contains("shot-3.png: more than 2 pictures").contains("(At most 2 pictures of up to 10 MB each")
                .containsPattern("Only the first 1 of \\d+ cells are shown.").contains("(cut after 40 characters)");
        assertThat(StudentPage.render("Lesson 4", new StudentResult(new Submission("2024009", "赵六", "", folder), List.of())))
                .as("without the assignment: the defaults").doesNotContain("more than 2 pictures").doesNotContain("(cut after 40 characters)");
    }

    @Test
    void aFolderWithNothingToShowHasNoSection() throws IOException {
        Path folder = student();
        Files.write(folder.resolve("model.pth"), new byte[] {1, 2, 3});
        assertThat(page(folder)).doesNotContain("handed-in");
        assertThat(page(work.resolve("gone"))).doesNotContain("handed-in");
    }

    @Test
    void aBrokenNotebookSaysSoInTheClassLanguage() throws IOException {
        Path folder = student();
        Files.writeString(folder.resolve("broken.ipynb"), "{\"cells\": [ {\"cell_type\": \"code\", \"source\": \"print(1)\"");
        System.setProperty(Language.PROPERTY, "zh-CN");
        Messages.use(Language.ZH_CN);
        assertThat(page(folder)).contains("你提交的截图、笔记本和脚本").contains("不是评分程序能读取的 Jupyter 笔记本");
    }

    /** A notebook of 300 cells, one with a 30,000-character output, written by Jackson in nbformat 4's layout. */
    @Test
    void aLongNotebookIsCutAndSaysWhere() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode notebook = json.createObjectNode().put("nbformat", 4).put("nbformat_minor", 5);
        com.fasterxml.jackson.databind.node.ArrayNode cells = notebook.putArray("cells");
        for (int i = 0; i < 300; i++) {
            com.fasterxml.jackson.databind.node.ObjectNode cell = cells.addObject().put("cell_type", "code").put("execution_count", i + 1)
                    .put("source", "print(" + i + ")");
            cell.putArray("outputs").addObject().put("output_type", "stream").put("name", "stdout")
                    .put("text", i == 0 ? "x".repeat(30_000) : "line " + i + "\n");
        }
        Path folder = student();
        json.writeValue(folder.resolve("long.ipynb").toFile(), notebook);

        String html = page(folder);

        assertThat(html).contains("Only the first 200 of 300 cells are shown.").contains("(cut after 10000 characters)")
                .contains("In [200]:").doesNotContain("In [201]:").doesNotContain("x".repeat(10_001));
    }

    /** A PNG's text chunk (where a phone or an editor writes location and names) does not reach the page. */
    @Test
    void whatThePictureFileCarriesBesideItsPixelsIsDropped() throws IOException {
        byte[] plain = png(120, 80);
        byte[] text = "Comment\0GPS 31.2304N 121.4737E, owner 张三".getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(12 + text.length);
        chunk.putInt(text.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(text);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(chunk.array(), 4, 4 + text.length);
        chunk.putInt((int) crc.getValue());
        // After the signature (8 bytes) and IHDR (25 bytes), where the PNG specification allows tEXt.
        java.io.ByteArrayOutputStream tagged = new java.io.ByteArrayOutputStream();
        tagged.write(plain, 0, 33);
        tagged.write(chunk.array());
        tagged.write(plain, 33, plain.length - 33);
        assertThat(ImageIO.read(new ByteArrayInputStream(tagged.toByteArray()))).as("a valid PNG").isNotNull();
        Path folder = student();
        Files.write(folder.resolve("tagged.png"), tagged.toByteArray());

        String html = page(folder);

        assertThat(pictures(html)).hasSize(2);
        Matcher m = DATA_URI.matcher(html);
        while (m.find()) {
            assertThat(new String(Base64.getDecoder().decode(m.group(2)), StandardCharsets.ISO_8859_1)).doesNotContain("GPS").doesNotContain("tEXt");
        }
    }
}
