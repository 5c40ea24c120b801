package org.dlgrader.exercise.example;

import static org.dlgrader.i18n.Messages.tr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.dlgrader.exercise.Evaluation;
import org.dlgrader.exercise.Task;
import org.dlgrader.model.InputRows;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelShape;
import org.dlgrader.plot.Figure;

/**
 * The free exercise: any model the student found or built (a PyTorch-site example), fed seeded
 * random input of the shape it declares in submission.properties ({@code input.shape=1,1,28,28}) or
 * of the first common shape it runs on. There is no answer key: it earns its points by loading,
 * running and giving finite outputs, and the report says what it is (layers, parameters, output
 * shape). No reference trainer: the lesson has no network of its own for it.
 */
public final class ExampleTask implements Task {

    /** The key of submission.properties that declares the model's input shape, batch first. */
    public static final String SHAPE_PROPERTY = "input.shape";

    /** 1 when the model loaded, ran and gave finite outputs: what a check gives points for. */
    public static final String RUNS = "runs";
    /** Outputs per example the model gave. */
    public static final String OUTPUTS = "outputs";
    /** The model's parameter count, where its format shows it. */
    public static final String PARAMETERS = "parameters";

    /** Shapes a model is tried on when its student declared none: MNIST, CIFAR, ImageNet, flat MNIST, the lesson's regressions. */
    public static final List<long[]> COMMON_SHAPES = List.of(new long[] {1, 1, 28, 28}, new long[] {1, 3, 32, 32},
            new long[] {1, 3, 224, 224}, new long[] {1, 784}, new long[] {1, 2}, new long[] {1, 1});

    /** Bounds on a declared shape: a batch a sandbox runs in a blink, and no more values than an ImageNet batch of 64. */
    public static final int MAX_DIMENSIONS = 6;
    public static final long MAX_BATCH = 64;
    public static final long MAX_VALUES = 64L * 3 * 224 * 224;

    @Override
    public int features() {
        return features(COMMON_SHAPES.get(0));
    }

    /** Any width is an answer here; 1 is only what a job expects before it sees the model's. */
    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public Set<String> metrics() {
        return Set.of(RUNS, OUTPUTS, PARAMETERS);
    }

    @Override
    public boolean plausible(String metric, double value) {
        return Double.isFinite(value) && (!metric.equals(RUNS) || value == 0 || value == 1)
                && (!metric.equals(OUTPUTS) || value >= 1) && (!metric.equals(PARAMETERS) || value >= 0);
    }

    /** The first common shape's rows: what a grading run prepares before any student is read. */
    @Override
    public List<InputRows> inputs(long seed) {
        return List.of(inputs(COMMON_SHAPES.get(0), seed));
    }

    /** Seeded standard-normal values of {@code shape} (batch first): one row per example. */
    public InputRows inputs(long[] shape, long seed) {
        int count = (int) shape[0];
        int features = features(shape);
        float[] values = new float[count * features];
        SplittableRandom random = new SplittableRandom(seed ^ Arrays.hashCode(shape));
        for (int i = 0; i < values.length; i++) {
            // Box-Muller: SplittableRandom has no nextGaussian in Java 17.
            double u = 1 - random.nextDouble();
            values[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return new InputRows("example-" + describe(shape) + "-" + seed, values, count, features);
    }

    /** What a model of {@code shape} (batch first) is fed: one per-example layout, no network of its own. */
    public InputSpec spec(long[] shape) {
        long[] perExample = Arrays.copyOfRange(shape, 1, shape.length);
        return new InputSpec(features(shape), outputs(), List.of(perExample), null);
    }

    /** Values per example of {@code shape} (batch first). */
    public static int features(long[] shape) {
        long size = 1;
        for (int i = 1; i < shape.length; i++) {
            size *= shape[i];
        }
        return (int) size;
    }

    /** "1×1×28×28". */
    public static String describe(long[] shape) {
        StringBuilder text = new StringBuilder();
        for (long d : shape) {
            text.append(text.length() == 0 ? "" : "×").append(d);
        }
        return text.toString();
    }

    /**
     * The shapes a model is tried on when its student declared none: the one its own file declares
     * first, when that is within the bounds a declared shape has, then the common ones.
     */
    public static List<long[]> shapesToTry(Optional<long[]> fileDeclares) {
        List<long[]> shapes = new ArrayList<>();
        fileDeclares.filter(ExampleTask::withinBounds).ifPresent(shapes::add);
        for (long[] common : COMMON_SHAPES) {
            if (shapes.stream().noneMatch(s -> Arrays.equals(s, common))) {
                shapes.add(common);
            }
        }
        return shapes;
    }

    private static boolean withinBounds(long[] shape) {
        if (shape.length < 2 || shape.length > MAX_DIMENSIONS || shape[0] < 1 || shape[0] > MAX_BATCH) {
            return false;
        }
        long values = 1;
        for (long d : shape) {
            if (d < 1 || d > MAX_VALUES) {
                return false;
            }
            values *= d;
            if (values > MAX_VALUES) {
                return false;
            }
        }
        return true;
    }

    /**
     * The shape {@code text} declares ("1,1,28,28", "1x3x32x32", "[1, 784]"), batch first; null when it
     * is none or beyond the bounds, for the caller to tell the student.
     */
    public static long[] parseShape(String text) {
        String inner = text.trim().replaceAll("^[\\[(]|[\\])]$", "");
        String[] parts = inner.split("\\s*[,x×*]\\s*");
        if (parts.length < 2 || parts.length > MAX_DIMENSIONS) {
            return null;
        }
        long[] shape = new long[parts.length];
        long values = 1;
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].trim().matches("[0-9]{1,7}")) {
                return null;
            }
            shape[i] = Long.parseLong(parts[i].trim());
            values *= Math.max(shape[i], 1);
            if (shape[i] < 1 || values > MAX_VALUES) {
                return null;
            }
        }
        return shape[0] <= MAX_BATCH ? shape : null;
    }

    /** Without the model's layers: what {@link Task#evaluate} can say from outputs alone. */
    @Override
    public Evaluation evaluate(List<LoadedModel.Output> outputs, boolean declaresSoftmax, long seed) {
        return evaluate(outputs.get(0), ModelShape.UNKNOWN, COMMON_SHAPES.get(0), false);
    }

    /**
     * What the run showed: that it ran on {@code shape} (declared by the student or found by trying),
     * its output shape, and its layers and parameters as far as its format shows them.
     */
    public Evaluation evaluate(LoadedModel.Output output, ModelShape model, long[] shape, boolean declared) {
        List<String> notes = new ArrayList<>();
        notes.add(tr(declared ? "exercise.example.note.declared" : "exercise.example.note.found", describe(shape)));
        notes.add(tr("exercise.example.note.output", "[" + output.count() + ", " + output.width() + "]"));
        notes.add(tr("exercise.example.note.layers", model.describeLayers()));
        if (model.parameters() >= 0) {
            notes.add(tr("exercise.example.note.parameters", model.parameters()));
        }
        for (float v : output.values()) {
            if (!Float.isFinite(v)) {
                Evaluation notFinite = Evaluation.notFinite();
                for (String note : notes) {
                    notFinite = notFinite.withNote(note);
                }
                return notFinite;
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(RUNS, 1.0);
        metrics.put(OUTPUTS, (double) output.width());
        if (model.parameters() >= 0) {
            metrics.put(PARAMETERS, (double) model.parameters());
        }
        return new Evaluation(metrics, notes, null, true, Map.of());
    }

    @Override
    public int outputsOf(Evaluation evaluation) {
        Double width = evaluation.metrics().get(OUTPUTS);
        return width == null ? outputs() : width.intValue();
    }

    @Override
    public List<Figure> figures(Evaluation evaluation, long seed) {
        return List.of();
    }
}
