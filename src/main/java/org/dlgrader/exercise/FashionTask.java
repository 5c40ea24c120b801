package org.dlgrader.exercise;

import static org.dlgrader.i18n.Messages.tr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlgrader.data.FashionMnist;
import org.dlgrader.model.InputRows;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.plot.Figure;
import org.dlgrader.plot.ImageGrids;

/**
 * Examines a FashionMNIST classifier on the official test set (10,000 images, pixels in [0, 1]).
 * Outputs may be logits or probabilities (a softmax at the end, as Keras files have): accuracy
 * is taken by argmax either way, and the loss is not taken through a second softmax. The labels
 * never leave this process.
 */
public final class FashionTask implements Task {

    /** The classes' names in label order, as pages show them: "T-shirt/top", "T恤/上衣". */
    private static final List<String> CLASS_KEYS = List.of("exercise.fashion.class.tShirtTop", "exercise.fashion.class.trouser",
            "exercise.fashion.class.pullover", "exercise.fashion.class.dress", "exercise.fashion.class.coat",
            "exercise.fashion.class.sandal", "exercise.fashion.class.shirt", "exercise.fashion.class.sneaker",
            "exercise.fashion.class.bag", "exercise.fashion.class.ankleBoot");
    /** The report's prediction grid: the test script's first 15 images. */
    static final int SAMPLE = 15;
    private static volatile FashionMnist testSet;
    private static volatile InputRows testRows;

    /** The test set, decoded once per process and shared by every student. */
    public static FashionMnist testSet() {
        FashionMnist local = testSet;
        if (local == null) {
            synchronized (FashionTask.class) {
                if (testSet == null) {
                    FashionMnist loaded = FashionMnist.load(FashionMnist.Split.TEST);
                    testRows = new InputRows("fashion-mnist-test", loaded.pixels(), loaded.size(), FashionMnist.PIXELS);
                    testSet = loaded;
                }
                local = testSet;
            }
        }
        return local;
    }

    @Override
    public int features() {
        return FashionMnist.PIXELS;
    }

    @Override
    public int outputs() {
        return FashionMnist.CLASSES;
    }

    @Override
    public List<long[]> layouts() {
        return org.dlgrader.model.InputLayouts.greyImage(FashionMnist.ROWS, FashionMnist.COLUMNS);
    }

    @Override
    public Set<String> metrics() {
        return Set.of("accuracy", "loss");
    }

    /** {@link FashionMnist#CLASS_NAMES} in the run's language, for pages and pictures; files keep the English ones. */
    @Override
    public List<String> classNames() {
        return shownClassNames();
    }

    /** {@link FashionMnist#CLASS_NAMES} in the run's language, for pages and pictures; files keep the English ones. */
    public static List<String> shownClassNames() {
        return CLASS_KEYS.stream().map(key -> tr(key)).toList();
    }

    @Override
    public List<InputRows> inputs(long seed) {
        testSet();
        return List.of(testRows);
    }

    /** One sample per size and seed for the whole run: every student is run on the same images. */
    private static final java.util.Map<String, java.util.Optional<Probe>> PROBES = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public java.util.Optional<Probe> trainingSample(int size, long seed) {
        return PROBES.computeIfAbsent("train-" + size + "-" + seed, name -> {
            // A probe never downloads: a student's self-check needs only the 4.4 MB test set, not 26 MB
            // of training images for a check whose finding only the teacher sees (the class run says so).
            if (!org.dlgrader.data.FashionMnistLocator.isInstalled(FashionMnist.Split.TRAIN)) {
                return java.util.Optional.empty();
            }
            FashionMnist sample;
            try {
                // The 60,000 images (188 MB as floats) are dropped once the sample is taken.
                sample = FashionMnist.load(FashionMnist.Split.TRAIN).sample(size, seed);
            } catch (org.dlgrader.data.DatasetException notThere) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Probe(Probe.TRAINING, new InputRows("fashion-mnist-" + name, sample.pixels(),
                    sample.size(), FashionMnist.PIXELS), sample.labels(), null));
        });
    }

    @Override
    public java.util.Optional<Probe> perturbedTestSet(int size, long secret) {
        // Named by a digest of the secret: the rows' name travels to the workers, the secret must not.
        String name = "fashion-mnist-private-" + size + "-" + Long.toHexString(org.apache.commons.codec.digest.MurmurHash3.hash128x64(
                java.nio.ByteBuffer.allocate(8).putLong(secret).array())[0]);
        return PROBES.computeIfAbsent(name, n -> {
            FashionMnist test = testSet();
            int[] chosen = FashionMnist.draw(size, test.size(), secret);
            FashionMnist perturbed = test.select(chosen).perturbed(~secret);
            return java.util.Optional.of(new Probe(Probe.PRIVATE, new InputRows(n, perturbed.pixels(), perturbed.size(),
                    FashionMnist.PIXELS), perturbed.labels(), chosen));
        });
    }

    @Override
    public int[] classLabels(long seed) {
        return testSet().labels();
    }

    @Override
    public Evaluation evaluate(List<LoadedModel.Output> outputs, boolean declaresSoftmax, long seed) {
        FashionMnist test = testSet();
        LoadedModel.Output out = outputs.get(0);
        int classes = FashionMnist.CLASSES;
        if (out.width() != classes) {
            return Evaluation.wrongShape(tr("exercise.fashion.wrongShape", out.width()));
        }
        float[] values = out.values();
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return Evaluation.notFinite();
            }
        }
        int n = test.size();
        boolean asProbabilities = declaresSoftmax || looksLikeProbabilities(values);
        List<String> notes = new java.util.ArrayList<>();
        if (asProbabilities) {
            notes.add(tr("exercise.fashion.softmax"));
        }
        long correct = 0;
        double loss = 0;
        int[] labels = test.labels();
        double[] confusion = new double[classes * classes];
        for (int i = 0; i < n; i++) {
            int base = i * classes;
            int best = 0;
            double max = values[base];
            for (int c = 1; c < classes; c++) {
                if (values[base + c] > values[base + best]) {
                    best = c;
                }
                max = Math.max(max, values[base + c]);
            }
            confusion[labels[i] * classes + best]++;
            if (best == labels[i]) {
                correct++;
            }
            if (asProbabilities) {
                // Keras clips probabilities to [1e-7, 1 - 1e-7] before the log; so do we.
                loss -= Math.log(Math.min(1 - 1e-7, Math.max(1e-7, values[base + labels[i]])));
            } else {
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += Math.exp(values[base + c] - max);
                }
                loss -= values[base + labels[i]] - max - Math.log(sum);
            }
        }
        double accuracy = (double) correct / n;
        if (accuracy < 0.2) {
            notes.add(tr("exercise.fashion.nearChance", accuracy));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", accuracy);
        metrics.put("loss", loss / n);
        Map<String, double[]> evidence = new LinkedHashMap<>();
        evidence.put("confusion", confusion);
        evidence.put("sample", probabilities(values, SAMPLE, asProbabilities));
        return new Evaluation(metrics, notes, null, true, evidence);
    }

    @Override
    public List<Figure> figures(Evaluation evaluation, long seed) {
        double[] sample = evaluation.evidence().get("sample");
        if (sample == null || sample.length != SAMPLE * FashionMnist.CLASSES) {
            return List.of();
        }
        FashionMnist test = testSet();
        float[] probabilities = new float[sample.length];
        for (int i = 0; i < sample.length; i++) {
            probabilities[i] = (float) sample[i];
        }
        List<String> names = shownClassNames();
        return List.of(Figure.svg(tr("exercise.fashion.figure.title"), tr("exercise.fashion.figure.caption", SAMPLE),
                () -> ImageGrids.predictions(test.pixels(), test.labels(), probabilities, FashionMnist.CLASSES, names, 5, 3)));
    }

    /** Probabilities of the first {@code rows} images: the outputs themselves, or their softmax. */
    private static double[] probabilities(float[] outputs, int rows, boolean alreadyProbabilities) {
        int classes = FashionMnist.CLASSES;
        double[] p = new double[rows * classes];
        for (int i = 0; i < rows; i++) {
            int base = i * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, outputs[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += alreadyProbabilities ? outputs[base + c] : Math.exp(outputs[base + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                p[base + c] = alreadyProbabilities ? outputs[base + c] : Math.exp(outputs[base + c] - max) / sum;
            }
        }
        return p;
    }

    /** Non-negative rows that sum to 1 within float rounding, on the first 100 images. */
    static boolean looksLikeProbabilities(float[] outputs) {
        int classes = FashionMnist.CLASSES;
        int rows = Math.min(100, outputs.length / classes);
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                float v = outputs[i * classes + c];
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
