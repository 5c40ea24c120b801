package org.dlgrader.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistLocatorTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(FashionMnistLocator.PROPERTY);
        System.clearProperty("fashion.mnist.download");
        System.clearProperty("user.home.backup");
    }

    @Test
    void aFolderNamedByThePropertyComesFirst() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        System.setProperty(FashionMnistLocator.PROPERTY, dir.toString());

        assertThat(FashionMnistLocator.candidates().get(0)).isEqualTo(dir);
        assertThat(FashionMnistLocator.locate()).isEqualTo(dir);
        assertThat(FashionMnist.load(FashionMnist.Split.TEST).size()).isEqualTo(10);
    }

    @Test
    void theDebianFolderComesBeforeTheCache() {
        assertThat(FashionMnistLocator.candidates())
                .containsSubsequence(FashionMnistLocator.DEBIAN, FashionMnistLocator.cacheDirectory());
    }

    @Test
    void anIncompleteFolderIsSkipped() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        java.nio.file.Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));

        assertThat(FashionMnistLocator.holdsAllFiles(dir)).isFalse();
    }

    /** A folder the teacher names is the only one searched: a wrong one is said, not papered over by another copy. */
    @Test
    void nothingFoundAndNoDownloadListsWhereItLooked() {
        String home = System.getProperty("user.home");
        System.setProperty(FashionMnistLocator.PROPERTY, dir.resolve("nowhere").toString());
        System.setProperty("fashion.mnist.download", "false");
        System.setProperty("user.home", dir.toString());
        try {
            assertThat(FashionMnistLocator.candidates()).containsExactly(dir.resolve("nowhere"));
            assertThatThrownBy(FashionMnistLocator::locate)
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("FashionMNIST was not found in any of")
                    .hasMessageContaining(dir.resolve("nowhere").toString())
                    .hasMessageContaining("apt-get install dataset-fashion-mnist");
        } finally {
            System.setProperty("user.home", home);
        }
    }
}
