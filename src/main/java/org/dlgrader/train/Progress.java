package org.dlgrader.train;

import static org.dlgrader.i18n.Messages.tr;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A training run's progress: a bar over all the batches of all the epochs, with the epoch and the
 * running loss beside it. On a terminal it redraws in place; in a log (CI, redirected output) it
 * writes a line every few seconds, so logs stay readable. Made with me.tongfei:progressbar.
 */
public final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private final int epochs;

    private Progress(ProgressBar bar, int epochs) {
        this.bar = bar;
        this.epochs = epochs;
    }

    /** @param enabled false for a quiet run (tests, --quiet): nothing is printed */
    public static Progress of(String name, int epochs, int batchesPerEpoch, boolean enabled) {
        if (!enabled) {
            return new Progress(null, epochs);
        }
        boolean terminal = System.console() != null;
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax((long) epochs * batchesPerEpoch)
                .setStyle(ProgressBarStyle.ASCII)
                .setMaxRenderedLength(110)
                .setUpdateIntervalMillis(terminal ? 200 : 5000)
                .setConsumer(terminal ? new ConsoleProgressBarConsumer(System.err)
                        : new DelegatingProgressBarConsumer(System.err::println));
        return new Progress(builder.build(), epochs);
    }

    /** After a batch of epoch {@code epoch} (1-based), with that batch's loss. */
    public void batch(int epoch, double loss) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(tr("train.progress.batch", epoch, epochs, loss));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
