package org.dlgrader.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void lineShowsEpochBatchLossAndAHalfFullBar() {
        ProgressBar bar = new ProgressBar("fashion-mlp", 2, 10, true, 1, System.err, false);

        String line = bar.line(2, 0, 0.1234, System.nanoTime());

        assertThat(line).contains("epoch 2/2").contains("batch 0/10").contains("loss 0.1234")
                .contains("[" + "=".repeat(15) + " ".repeat(15) + "]").contains("left");
    }

    @Test
    void inALogEveryNthEpochIsOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("linear", 300, 1, true, 100, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        for (int epoch = 1; epoch <= 300; epoch++) {
            bar.batch(epoch, 1, 1.0);
            bar.epoch(epoch, 1.0, "");
        }

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(4); // epochs 1, 100, 200, 300
        assertThat(lines[3]).contains("epoch 300/300");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void disabledPrintsNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("x", 1, 1, false, 1, new PrintStream(bytes), true);
        bar.batch(1, 1, 0);
        bar.epoch(1, 0, "");
        assertThat(bytes.size()).isZero();
    }
}
