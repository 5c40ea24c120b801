package org.dlgrader.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @TempDir
    Path dir;

    @Test
    void readsValidFilesScaledToUnitRange() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);

        FashionMnist test = FashionMnist.load(dir, FashionMnist.Split.TEST);

        assertThat(test.size()).isEqualTo(10);
        assertThat(test.pixels()).hasSize(10 * 784);
        assertThat(test.pixels()[0]).isEqualTo(2 / 255f);
        assertThat(test.pixels()[1]).isEqualTo(33 / 255f);
        assertThat(test.labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(test.labelHistogram()).containsOnly(1);
        for (float p : test.pixels()) {
            assertThat(p).isBetween(0f, 1f);
        }
    }

    @Test
    void headKeepsTheFirstExamples() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        FashionMnist train = FashionMnist.load(dir, FashionMnist.Split.TRAIN);

        FashionMnist head = train.head(3);

        assertThat(head.labels()).containsExactly(0, 1, 2);
        assertThat(head.pixels()).isEqualTo(Arrays.copyOf(train.pixels(), 3 * 784));
    }

    @Test
    void truncatedImageFileNamesTheFileAndTheShortfall() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        byte[] full = IdxFiles.idx(0x803, new int[] {10, 28, 28}, IdxFiles.images(10, 2));
        IdxFiles.gzip(dir.resolve("t10k-images-idx3-ubyte.gz"), Arrays.copyOf(full, full.length - 100));

        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz is truncated")
                .hasMessageContaining("promises 7840 bytes of data but only 7740 are there")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void cutOffGzipSaysTheDownloadWasIncomplete() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] gz = Files.readAllBytes(labels);
        Files.write(labels, Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz is not a complete gzip file")
                .hasMessageContaining("cut off while downloading");
    }

    @Test
    void notGzipAtAllIsReported() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        Files.writeString(dir.resolve("t10k-images-idx3-ubyte.gz"), "<html>404 Not Found</html>");

        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz is not a complete gzip file");
    }

    @Test
    void wrongMagicNumberIsShownInHex() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        // A label file (rank 1) where an image file (rank 3) belongs.
        IdxFiles.gzip(dir.resolve("t10k-images-idx3-ubyte.gz"), IdxFiles.idx(0x801, new int[] {10}, IdxFiles.labels(10)));

        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz is not an IDX file of rank 3")
                .hasMessageContaining("magic number is 0x00000801, expected 0x00000803");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        IdxFiles.gzip(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.idx(0x801, new int[] {9}, IdxFiles.labels(9)));

        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("holds 10 images but")
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz holds 9 labels; they must match");
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        byte[] labels = IdxFiles.idx(0x801, new int[] {10}, IdxFiles.labels(10));
        IdxFiles.gzip(dir.resolve("t10k-labels-idx1-ubyte.gz"), Arrays.copyOf(labels, labels.length + 5));

        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST))
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz has data after the 10 bytes its header [10] promises");
    }

    @Test
    void labelOutsideTheTenClassesIsRefused() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        byte[] bad = IdxFiles.labels(10);
        bad[7] = 12;
        IdxFiles.gzip(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.idx(0x801, new int[] {10}, bad));

        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST))
                .hasMessageContaining("has label 12 at index 7; FashionMNIST labels are 0 to 9");
    }

    @Test
    void wrongImageSizeIsRefused() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        IdxFiles.gzip(dir.resolve("t10k-images-idx3-ubyte.gz"),
                IdxFiles.idx(0x803, new int[] {10, 32, 32}, new byte[10 * 32 * 32]));

        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST))
                .hasMessageContaining("holds images of 32x32 pixels; FashionMNIST images are 28x28");
    }

    @Test
    void emptyFileHasNoHeader() throws IOException {
        IdxFiles.writeDataset(dir, 20, 10);
        IdxFiles.gzip(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[2]);

        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST))
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz is too short to hold an IDX header");
    }

    @Test
    void missingFileSaysHowToGetIt() {
        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TRAIN))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz does not exist")
                .hasMessageContaining("-Dfashion.mnist.dir");
    }
}
