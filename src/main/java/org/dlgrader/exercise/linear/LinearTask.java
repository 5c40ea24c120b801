package org.dlgrader.exercise.linear;

import static org.dlgrader.i18n.Messages.tr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.exercise.Task;
import org.dlgrader.model.InputRows;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.plot.Charts;
import org.dlgrader.plot.Figure;
import org.dlgrader.plot.Png;

/**
 * Reads w and b by probing the model, whatever its format: b = f(0), w = f(1) − f(0); and its MSE
 * on fresh noisy points of the lesson's distribution drawn from the assignment's seed.
 */
public final class LinearTask implements Task {

    static final int FRESH = 1000;
    /** As many points as the lesson plots. */
    static final int SHOWN = 256;

    @Override
    public int features() {
        return 1;
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public Set<String> metrics() {
        return Set.of("w", "b", "mse");
    }

    private static LinearData fresh(long seed) {
        return LinearData.generate(seed, FRESH, LinearReference.Config.lesson().noiseScale());
    }

    @Override
    public List<InputRows> inputs(long seed) {
        return List.of(new InputRows("linear-probe", new float[] {0f, 1f}, 2, 1),
                new InputRows("linear-fresh-" + seed, fresh(seed).x(), FRESH, 1));
    }

    @Override
    public Evaluation evaluate(List<LoadedModel.Output> outputs, boolean declaresSoftmax, long seed) {
        LoadedModel.Output probe = outputs.get(0);
        if (probe.width() != 1) {
            return Evaluation.wrongShape(tr("exercise.linear.wrongShape", probe.width()));
        }
        LinearData fresh = fresh(seed);
        float[] predicted = outputs.get(1).values();
        boolean finite = Float.isFinite(probe.values()[0]) && Float.isFinite(probe.values()[1]);
        double mse = 0;
        for (int i = 0; i < fresh.size(); i++) {
            double error = predicted[i] - fresh.y()[i];
            finite &= Double.isFinite(error);
            mse += error * error;
        }
        if (!finite) {
            return Evaluation.notFinite();
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("w", (double) probe.values()[1] - probe.values()[0]);
        metrics.put("b", (double) probe.values()[0]);
        metrics.put("mse", mse / fresh.size());
        return new Evaluation(metrics, List.of(), null, true, Map.of());
    }

    @Override
    public List<Figure> figures(Evaluation evaluation, long seed) {
        if (!evaluation.measured() || !evaluation.metrics().containsKey("w") || !evaluation.metrics().containsKey("b")) {
            return List.of();
        }
        double w = evaluation.metrics().get("w");
        double b = evaluation.metrics().get("b");
        LinearData fresh = fresh(seed);
        float[] shownX = java.util.Arrays.copyOf(fresh.x(), SHOWN);
        float[] shownY = java.util.Arrays.copyOf(fresh.y(), SHOWN);
        return List.of(Figure.png(tr("exercise.linear.figure.title"), tr("exercise.linear.figure.caption", w, b),
                () -> Png.encode(Charts.linearFit(shownX, shownY, LinearData.TRUE_W, LinearData.TRUE_B, w, b)
                        .createBufferedImage(640, 420))));
    }
}
