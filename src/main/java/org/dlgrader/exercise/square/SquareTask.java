package org.dlgrader.exercise.square;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.exercise.Task;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.plot.Charts;
import org.dlgrader.plot.Figure;
import org.dlgrader.plot.Png;

/** MSE of y = x1² + x2² on 10,000 fresh points of [-1, 1]² drawn from the assignment's seed. */
public final class SquareTask implements Task {

    static final int POINTS = 10_000;

    @Override
    public int inputFeatures() {
        return 2;
    }

    @Override
    public int outputWidth() {
        return 1;
    }

    @Override
    public Evaluation evaluate(LoadedModel model, long seed) throws ModelRejected {
        SquareData fresh = SquareData.generate(seed, POINTS);
        LoadedModel.Output out = model.predict(fresh.x(), fresh.size(), 2);
        if (out.width() != 1) {
            return Evaluation.wrongShape(model, "the model gives " + out.width() + " outputs per point; y = x1² + x2² needs 1");
        }
        double mse = 0;
        for (int i = 0; i < fresh.size(); i++) {
            double error = out.values()[i] - fresh.y()[i];
            if (!Double.isFinite(error)) {
                return Evaluation.notFinite(model);
            }
            mse += error * error;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mse", mse / fresh.size());
        double[][] error = errorGrid(model, GRID);
        Figure heatMap = Figure.png("Where your model is wrong", String.format(java.util.Locale.ROOT,
                "|f(x) − (x1² + x2²)| over [-1, 1]²; test MSE %.2e", mse / fresh.size()),
                () -> Png.encode(Charts.heatMap("absolute error of your model", "|error|", error, SquareData.LOW, SquareData.HIGH)
                        .createBufferedImage(560, 460)));
        return new Evaluation(metrics, Task.withModelNotes(model, List.of()), true, null, List.of(heatMap), null);
    }

    static final int GRID = 41;

    /** |f − target| on a size × size grid, evaluated once so the picture needs no model. */
    static double[][] errorGrid(LoadedModel model, int size) throws ModelRejected {
        float[] points = SquareData.grid(size);
        return SquareData.errorGrid(points, model.predict(points, size * size, 2).values(), size);
    }
}
