package org.dlgrader.exercise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.data.FashionMnist;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.NativeRows;
import org.dlgrader.plot.Figure;
import org.dlgrader.plot.ImageGrids;

/**
 * Scores a FashionMNIST classifier on the official test set (10,000 images, pixels in [0, 1]).
 * Outputs may be logits or probabilities (a softmax at the end, as Keras files have): accuracy
 * is taken by argmax either way, and the loss is not taken through a second softmax.
 */
public final class FashionTask implements Task {

    private static final int BATCH = 2000;
    private static volatile FashionMnist testSet;

    /** The test set, decoded once per process and shared by every student, in Java and in native memory. */
    static FashionMnist testSet() {
        FashionMnist local = testSet;
        if (local == null) {
            synchronized (FashionTask.class) {
                if (testSet == null) {
                    FashionMnist loaded = FashionMnist.load(FashionMnist.Split.TEST);
                    NativeRows.share(loaded.pixels(), FashionMnist.PIXELS);
                    testSet = loaded;
                }
                local = testSet;
            }
        }
        return local;
    }

    /** Decodes the test set now rather than on the first model. */
    public static void preload() {
        testSet();
    }

    @Override
    public int inputFeatures() {
        return FashionMnist.PIXELS;
    }

    @Override
    public int outputWidth() {
        return FashionMnist.CLASSES;
    }

    @Override
    public Evaluation evaluate(LoadedModel model, long seed) throws ModelRejected {
        FashionMnist test = testSet();
        int n = test.size();
        List<String> notes = new ArrayList<>();
        float[] outputs = new float[n * FashionMnist.CLASSES];
        for (int from = 0; from < n; from += BATCH) {
            int count = Math.min(BATCH, n - from);
            LoadedModel.Output out = model.predict(test.pixels(), from, count, FashionMnist.PIXELS);
            if (out.width() != FashionMnist.CLASSES) {
                return Evaluation.wrongShape(model, "the model gives " + out.width() + " outputs per image; FashionMNIST has 10 classes, so it must give 10");
            }
            System.arraycopy(out.values(), 0, outputs, from * FashionMnist.CLASSES, out.values().length);
        }
        boolean finite = true;
        for (float v : outputs) {
            if (!Float.isFinite(v)) {
                finite = false;
                break;
            }
        }
        if (!finite) {
            return Evaluation.notFinite(model);
        }
        boolean asProbabilities = model.declaresSoftmax() || looksLikeProbabilities(outputs);
        if (asProbabilities) {
            notes.add("outputs already sum to 1: softmax detected, scored as probabilities");
        }
        long correct = 0;
        double loss = 0;
        int[] labels = test.labels();
        int[][] confusion = new int[FashionMnist.CLASSES][FashionMnist.CLASSES];
        for (int i = 0; i < n; i++) {
            int base = i * FashionMnist.CLASSES;
            int best = 0;
            double max = outputs[base];
            for (int c = 1; c < FashionMnist.CLASSES; c++) {
                if (outputs[base + c] > outputs[base + best]) {
                    best = c;
                }
                max = Math.max(max, outputs[base + c]);
            }
            confusion[labels[i]][best]++;
            if (best == labels[i]) {
                correct++;
            }
            if (asProbabilities) {
                // Keras clips probabilities to [1e-7, 1 - 1e-7] before the log; so do we.
                loss -= Math.log(Math.min(1 - 1e-7, Math.max(1e-7, outputs[base + labels[i]])));
            } else {
                double sum = 0;
                for (int c = 0; c < FashionMnist.CLASSES; c++) {
                    sum += Math.exp(outputs[base + c] - max);
                }
                loss -= outputs[base + labels[i]] - max - Math.log(sum);
            }
        }
        double accuracy = (double) correct / n;
        if (accuracy < 0.2) {
            notes.add(String.format("accuracy %.3f is near chance (0.100): were your inputs scaled to [0, 1] "
                    + "(ToTensor() or images / 255.0) and was the model trained on FashionMNIST?", accuracy));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", accuracy);
        metrics.put("loss", loss / n);
        float[] sample = probabilities(outputs, SAMPLE, asProbabilities);
        Figure grid = Figure.svg("Your predictions", "the first " + SAMPLE + " test images as the lesson's test script "
                + "draws them: predicted class, confidence and (true class), blue when right, red when wrong",
                () -> ImageGrids.predictions(test.pixels(), labels, sample, FashionMnist.CLASSES, FashionMnist.CLASS_NAMES, 5, 3));
        return new Evaluation(metrics, Task.withModelNotes(model, notes), true, null, List.of(grid), confusion);
    }

    /** The fixed sample of the report's prediction grid: the test script's first 15 images. */
    static final int SAMPLE = 15;


    /** Probabilities of the first {@code rows} images: the outputs themselves, or their softmax. */
    private static float[] probabilities(float[] outputs, int rows, boolean alreadyProbabilities) {
        float[] p = java.util.Arrays.copyOf(outputs, rows * FashionMnist.CLASSES);
        if (alreadyProbabilities) {
            return p;
        }
        for (int i = 0; i < rows; i++) {
            int base = i * FashionMnist.CLASSES;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < FashionMnist.CLASSES; c++) {
                max = Math.max(max, p[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < FashionMnist.CLASSES; c++) {
                sum += Math.exp(p[base + c] - max);
            }
            for (int c = 0; c < FashionMnist.CLASSES; c++) {
                p[base + c] = (float) (Math.exp(p[base + c] - max) / sum);
            }
        }
        return p;
    }

    /** Non-negative rows that sum to 1 within float rounding, on the first 100 images. */
    static boolean looksLikeProbabilities(float[] outputs) {
        int rows = Math.min(100, outputs.length / FashionMnist.CLASSES);
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int c = 0; c < FashionMnist.CLASSES; c++) {
                float v = outputs[i * FashionMnist.CLASSES + c];
                if (v < 0) {
                    return false;
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                return false;
            }
        }
        return rows > 0;
    }
}
