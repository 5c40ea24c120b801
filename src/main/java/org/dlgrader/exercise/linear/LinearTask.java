package org.dlgrader.exercise.linear;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.exercise.Task;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.plot.Charts;
import org.dlgrader.plot.Figure;
import org.dlgrader.plot.Png;

/**
 * Reads w and b by probing the model, whatever its format: b = f(0), w = f(1) − f(0); and its MSE
 * on fresh noisy points of the lesson's distribution drawn from the assignment's seed.
 */
public final class LinearTask implements Task {

    @Override
    public int inputFeatures() {
        return 1;
    }

    @Override
    public int outputWidth() {
        return 1;
    }

    @Override
    public Evaluation evaluate(LoadedModel model, long seed) throws ModelRejected {
        LoadedModel.Output probe = model.predict(new float[] {0f, 1f}, 2, 1);
        if (probe.width() != 1) {
            return Evaluation.wrongShape(model, "the model gives " + probe.width() + " outputs per x; y = wx + b needs 1");
        }
        LinearData fresh = LinearData.generate(seed, 1000, LinearReference.Config.lesson().noiseScale());
        LoadedModel.Output out = model.predict(fresh.x(), fresh.size(), 1);
        double mse = 0;
        boolean finite = Float.isFinite(probe.values()[0]) && Float.isFinite(probe.values()[1]);
        for (int i = 0; i < fresh.size(); i++) {
            double error = out.values()[i] - fresh.y()[i];
            finite &= Double.isFinite(error);
            mse += error * error;
        }
        if (!finite) {
            return Evaluation.notFinite(model);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("w", (double) probe.values()[1] - probe.values()[0]);
        metrics.put("b", (double) probe.values()[0]);
        metrics.put("mse", mse / fresh.size());
        double w = metrics.get("w");
        double b = metrics.get("b");
        // The picture shows 256 of the points, as many as the lesson plots; the MSE uses all of them.
        float[] shownX = java.util.Arrays.copyOf(fresh.x(), 256);
        float[] shownY = java.util.Arrays.copyOf(fresh.y(), 256);
        Figure fit = Figure.png("Your line", String.format(java.util.Locale.ROOT,
                "256 fresh points, the true line y = 5x + 7 and yours, y = %.3fx + %.3f", w, b),
                () -> Png.encode(Charts.linearFit(shownX, shownY, LinearData.TRUE_W, LinearData.TRUE_B, w, b)
                        .createBufferedImage(640, 420)));
        return new Evaluation(metrics, Task.withModelNotes(model, List.of()), true, null, List.of(fit), null);
    }
}
