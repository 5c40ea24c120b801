package org.dlgrader.train;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress bar: epoch, batch, running loss and time left.
 *
 * <p>On a terminal it redraws in place at most five times a second; in a log (CI, redirected
 * output) it prints one line per epoch so logs stay readable.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String label;
    private final int epochs;
    private final int batchesPerEpoch;
    private final PrintStream out;
    private final boolean interactive;
    private final boolean enabled;
    private final int logEvery;
    private final long start = System.nanoTime();
    private long lastDraw;

    public ProgressBar(String label, int epochs, int batchesPerEpoch, boolean enabled) {
        this(label, epochs, batchesPerEpoch, enabled, 1);
    }

    /** @param logEvery print only every n-th epoch line (the lesson prints every 100th of 3000) */
    public ProgressBar(String label, int epochs, int batchesPerEpoch, boolean enabled, int logEvery) {
        this(label, epochs, batchesPerEpoch, enabled, logEvery, System.err, System.console() != null);
    }

    ProgressBar(String label, int epochs, int batchesPerEpoch, boolean enabled, int logEvery, PrintStream out,
            boolean interactive) {
        this.logEvery = Math.max(1, logEvery);
        this.label = label;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.enabled = enabled;
        this.out = out;
        this.interactive = interactive;
    }

    /** After batch {@code batch} (1-based) of epoch {@code epoch} (1-based). */
    public void batch(int epoch, int batch, double loss) {
        if (!enabled || !interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && batch != batchesPerEpoch) {
            return;
        }
        lastDraw = now;
        out.print('\r' + line(epoch, batch, loss, now));
        out.flush();
    }

    /** At the end of an epoch, with its mean training loss and anything else worth a column. */
    public void epoch(int epoch, double meanLoss, String extra) {
        if (!enabled) {
            return;
        }
        if (epoch % logEvery != 0 && epoch != epochs && epoch != 1) {
            batch(epoch, batchesPerEpoch, meanLoss);
            return;
        }
        String text = line(epoch, batchesPerEpoch, meanLoss, System.nanoTime()) + (extra.isEmpty() ? "" : "  " + extra);
        out.print(interactive ? '\r' + text + System.lineSeparator() : text + System.lineSeparator());
        out.flush();
    }

    String line(int epoch, int batch, double loss, long now) {
        long done = (long) (epoch - 1) * batchesPerEpoch + batch;
        long total = (long) epochs * batchesPerEpoch;
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double elapsed = (now - start) / 1e9;
        double left = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
        return String.format("%-13s epoch %d/%d [%s%s] batch %d/%d loss %.4f  %s left",
                label, epoch, epochs, "=".repeat(filled), " ".repeat(WIDTH - filled),
                batch, batchesPerEpoch, loss, format(Duration.ofSeconds(Math.round(left))));
    }

    private static String format(Duration d) {
        return d.toHours() > 0
                ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}
