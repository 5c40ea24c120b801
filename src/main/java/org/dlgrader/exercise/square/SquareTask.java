package org.dlgrader.exercise.square;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.exercise.Task;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelRejected;

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
        List<String> notes = new ArrayList<>();
        SquareData fresh = SquareData.generate(seed, POINTS);
        LoadedModel.Output out = model.predict(fresh.x(), fresh.size(), 2);
        if (out.width() != 1) {
            return new Evaluation(Map.of(), Task.withModelNotes(model, notes), true, "the model gives " + out.width() + " outputs per point; y = x1² + x2² needs 1");
        }
        double mse = 0;
        for (int i = 0; i < fresh.size(); i++) {
            double error = out.values()[i] - fresh.y()[i];
            if (!Double.isFinite(error)) {
                return new Evaluation(Map.of(), Task.withModelNotes(model, notes), false, null);
            }
            mse += error * error;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mse", mse / fresh.size());
        return new Evaluation(metrics, Task.withModelNotes(model, notes), true, null);
    }
}
