package org.dlgrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Screenshots, notebooks and scripts attached beside the models are kept in the student's folder,
 * where the student page shows them; within the same limits as the models.
 */
class ShownAttachmentsTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/handed-in");

    @TempDir
    Path work;
    private Path inbox;
    private Path into;

    @BeforeEach
    void folders() throws Exception {
        inbox = Files.createDirectories(work.resolve("inbox"));
        into = work.resolve("submissions");
    }

    @Test
    void screenshotsNotebooksAndScriptsAreKeptBesideTheModels() throws Exception {
        Emails.email().subject("作业 2024001 张三").attach("model.pth", new byte[] {1, 2, 3})
                .attach("截图1.png", Files.readAllBytes(FIXTURES.resolve("screenshot.png")))
                .attach("quickstart.ipynb", Files.readAllBytes(FIXTURES.resolve("quickstart.ipynb")))
                .attach("square_mlp.py", Files.readAllBytes(FIXTURES.resolve("square_mlp.py")))
                .attach("photo.JPG", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})
                .attach("setup.exe", new byte[] {'M', 'Z'})
                .writeTo(inbox.resolve("a.eml"));

        List<Intake.Entry> log = new Intake(into, 200, 50L << 20).run(inbox);

        assertThat(log).containsExactly(new Intake.Entry("a.eml", "taken", "2024001", "5 file(s) into 2024001-张三", Emails.SAVED_TIME));
        Path folder = into.resolve("2024001-张三");
        assertThat(folder.resolve("截图1.png")).hasSameBinaryContentAs(FIXTURES.resolve("screenshot.png"));
        assertThat(folder.resolve("quickstart.ipynb")).exists();
        assertThat(folder.resolve("square_mlp.py")).exists();
        assertThat(folder.resolve("photo.JPG")).exists();
        assertThat(folder.resolve("setup.exe")).doesNotExist();
    }

    /** Sent after the models, an email of screenshots alone would replace them as the newest submission. */
    @Test
    void anEmailOfScreenshotsAloneIsNotTakenAndSaysWhy() throws Exception {
        Emails.email().subject("作业 2024001 张三").attach("截图1.png", Files.readAllBytes(FIXTURES.resolve("screenshot.png")))
                .writeTo(inbox.resolve("b.eml"));

        List<Intake.Entry> log = new Intake(into, 200, 50L << 20).run(inbox);

        assertThat(log).containsExactly(new Intake.Entry("b.eml", "refused", "", "the email has only screenshots, notebooks or "
                + "scripts attached, no .zip or model file: not taken, so that it does not replace the student's models; ask the "
                + "student to send everything in one email"));
        assertThat(into.resolve("2024001-张三")).doesNotExist();
    }

    @Test
    void screenshotsCountAgainstTheEmailsBudget() throws Exception {
        Emails.email().subject("作业 2024001 张三").attach("model.pth", new byte[] {1})
                .attach("huge.png", new byte[2 << 20]).writeTo(inbox.resolve("c.eml"));

        List<Intake.Entry> log = new Intake(into, 200, 1L << 20).run(inbox);

        assertThat(log).hasSize(1);
        assertThat(log.get(0).outcome()).isEqualTo("refused");
        assertThat(log.get(0).detail()).contains("1 MB");
        assertThat(into.resolve("2024001-张三")).doesNotExist();
    }
}
