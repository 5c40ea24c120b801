package org.dlgrader.exercise.square;

import static org.dlgrader.i18n.Messages.tr;

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

/** MSE of y = x1² + x2² on 10,000 fresh points of [-1, 1]² drawn from the assignment's seed. */
public final class SquareTask implements Task {

    static final int POINTS = 10_000;
    /** The error heat map's grid: GRID × GRID points over the domain. */
    static final int GRID = 41;
    private static final float[] GRID_POINTS = SquareData.grid(GRID);

    @Override
    public int features() {
        return 2;
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public Set<String> metrics() {
        return Set.of("mse");
    }

    @Override
    public List<InputRows> inputs(long seed) {
        return List.of(new InputRows("square-fresh-" + seed, SquareData.generate(seed, POINTS).x(), POINTS, 2),
                new InputRows("square-grid", GRID_POINTS, GRID * GRID, 2));
    }

    @Override
    public float[] targets(long seed) {
        return SquareData.generate(seed, POINTS).y();
    }

    @Override
    public Evaluation evaluate(List<LoadedModel.Output> outputs, boolean declaresSoftmax, long seed) {
        LoadedModel.Output out = outputs.get(0);
        if (out.width() != 1) {
            return Evaluation.wrongShape(tr("exercise.square.wrongShape", out.width()));
        }
        SquareData fresh = SquareData.generate(seed, POINTS);
        double mse = 0;
        for (int i = 0; i < fresh.size(); i++) {
            double error = out.values()[i] - fresh.y()[i];
            if (!Double.isFinite(error)) {
                return Evaluation.notFinite();
            }
            mse += error * error;
        }
        double[][] grid = SquareData.errorGrid(GRID_POINTS, outputs.get(1).values(), GRID);
        double[] flat = new double[GRID * GRID];
        for (int i = 0; i < GRID; i++) {
            System.arraycopy(grid[i], 0, flat, i * GRID, GRID);
        }
        return new Evaluation(Map.of("mse", mse / fresh.size()), List.of(), null, true, Map.of("errorGrid", flat));
    }

    @Override
    public List<Figure> figures(Evaluation evaluation, long seed) {
        double[] flat = evaluation.evidence().get("errorGrid");
        if (!evaluation.measured() || flat == null || flat.length != GRID * GRID || !evaluation.metrics().containsKey("mse")) {
            return List.of();
        }
        double[][] error = new double[GRID][GRID];
        for (int i = 0; i < GRID; i++) {
            System.arraycopy(flat, i * GRID, error[i], 0, GRID);
        }
        double mse = evaluation.metrics().get("mse");
        String chartTitle = tr("exercise.square.figure.chartTitle");
        String legend = tr("exercise.square.figure.legend");
        return List.of(Figure.png(tr("exercise.square.figure.title"), tr("exercise.square.figure.caption", mse),
                () -> Png.encode(Charts.heatMap(chartTitle, legend, error, SquareData.LOW, SquareData.HIGH)
                        .createBufferedImage(560, 460))));
    }
}
