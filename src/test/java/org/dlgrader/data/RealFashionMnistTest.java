package org.dlgrader.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The official test set from the Debian package (`.ci/run` installs it). */
@Tag("slow")
class RealFashionMnistTest {

    @Test
    void officialTestSetHasTenThousandImagesAThousandPerClass() {
        assumeTrue(FashionMnistLocator.holdsAllFiles(FashionMnistLocator.DEBIAN),
                "apt-get install dataset-fashion-mnist to run this test");

        FashionMnist test = FashionMnist.load(FashionMnistLocator.DEBIAN, FashionMnist.Split.TEST);

        assertThat(test.size()).isEqualTo(10_000);
        assertThat(test.labelHistogram()).containsOnly(1000);
        // The first test image is an ankle boot, as the lesson's test script prints.
        assertThat(FashionMnist.CLASS_NAMES.get(test.labels()[0])).isEqualTo("Ankle boot");
        double mean = 0;
        for (float p : test.pixels()) {
            mean += p;
        }
        mean /= test.pixels().length;
        assertThat(mean).as("mean pixel of the official test set").isBetween(0.28, 0.29);
    }
}
