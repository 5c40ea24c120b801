package org.dlgrader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlgrader.model.ModelLoaders;
import org.junit.jupiter.api.Test;

/** The README's table of model formats is the list of loaders: a new format cannot be forgotten there. */
class ReadmeTest {

    @Test
    void theFormatsTableIsTheLoadersList() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String start = "<!-- formats:start -->\n";
        String table = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf("<!-- formats:end -->"));
        assertThat(table).isEqualTo(ModelLoaders.formatsTable());
    }
}
