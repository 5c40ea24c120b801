package org.dlgrader.grading;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dlgrader.model.InputRows;
import org.dlgrader.model.LoadedModel;

/**
 * The order in which a run feeds its rows to models, drawn from a secret made afresh for every run:
 * the official test set is public and its labels are in a known order, so a model must not be able
 * to tell which image it is given from when it is given it. Outputs are put back in the
 * original order before anything is measured.
 */
final class InputOrder {

    private final long secret = new SecureRandom().nextLong();
    private final Map<String, Shuffled> shuffled = new ConcurrentHashMap<>();

    /** {@code rows} in this run's order, and where each row came from: {@code rows[i] = original[from[i]]}. */
    record Shuffled(InputRows rows, int[] from) {
    }

    /** The same array for the same rows all run long: workers keep them, and the test set is 31 MB. */
    Shuffled of(InputRows original) {
        return shuffled.computeIfAbsent(original.name(), name -> shuffle(original));
    }

    private Shuffled shuffle(InputRows original) {
        int n = original.count();
        int f = original.features();
        int[] from = new int[n];
        for (int i = 0; i < n; i++) {
            from[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(secret ^ original.name().hashCode());
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = from[i];
            from[i] = from[j];
            from[j] = t;
        }
        float[] rows = new float[n * f];
        for (int i = 0; i < n; i++) {
            System.arraycopy(original.rows(), from[i] * f, rows, i * f, f);
        }
        return new Shuffled(new InputRows(original.name() + "@" + Long.toHexString(secret), rows, n, f), from);
    }

    /** Outputs in the original order; outputs cut short (a wrong width, one batch only) stay as they are. */
    static LoadedModel.Output restore(LoadedModel.Output out, int[] from) {
        if (out.count() != from.length) {
            return out;
        }
        int w = out.width();
        float[] values = new float[out.values().length];
        for (int i = 0; i < from.length; i++) {
            System.arraycopy(out.values(), i * w, values, from[i] * w, w);
        }
        return new LoadedModel.Output(values, out.count(), w);
    }
}
