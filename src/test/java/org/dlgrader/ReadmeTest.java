package org.dlgrader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlgrader.grading.Assignment;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.dlgrader.model.ModelLoaders;
import org.dlgrader.report.HandinGuide;
import org.junit.jupiter.api.Test;

/**
 * The README's copies of generated texts: the table of model formats is the list of loaders (a new
 * format cannot be forgotten there), and the hand-in guide is the one the grader writes from the
 * lesson's assignment.json, in the class's language.
 */
class ReadmeTest {

    private static String section(String readme, String name) {
        String start = "<!-- " + name + ":start -->\n";
        return readme.substring(readme.indexOf(start) + start.length(), readme.indexOf("<!-- " + name + ":end -->"));
    }

    @Test
    void theHandInGuideIsTheOneTheGraderWrites() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String override = System.clearProperty(Language.PROPERTY);
        try {
            String guide = HandinGuide.markdown(Assignment.load(Assignment.DEFAULT));
            // On a mismatch, the text to paste between the markers is here.
            Files.writeString(Files.createDirectories(Path.of("target")).resolve("readme-handin.md"), guide, StandardCharsets.UTF_8);
            assertThat(section(readme, "handin")).isEqualTo(guide);
        } finally {
            if (override != null) {
                System.setProperty(Language.PROPERTY, override);
            }
            Messages.use(Language.EN);
        }
    }

    @Test
    void theFormatsTableIsTheLoadersList() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertThat(section(readme, "formats")).isEqualTo(ModelLoaders.formatsTable());
    }
}
