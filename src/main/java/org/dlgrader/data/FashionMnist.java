package org.dlgrader.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;

/**
 * FashionMNIST held in memory: pixels as floats in [0, 1] in one row-major array, labels as ints.
 *
 * <p>One flat array rather than DJL's per-sample data set: batches are sliced from it in one
 * native copy, which is what makes a training epoch cost seconds rather than minutes.
 */
public final class FashionMnist {

    public static final int ROWS = 28;
    public static final int COLUMNS = 28;
    public static final int PIXELS = ROWS * COLUMNS;
    public static final int CLASSES = 10;
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final String HOW_TO_GET = "Get the four official files with `apt-get install dataset-fashion-mnist` "
            + "(Debian/Ubuntu) or download them from https://github.com/zalandoresearch/fashion-mnist "
            + "(data/fashion) into a folder named by -Dfashion.mnist.dir or $FASHION_MNIST_DIR.";

    public enum Split {
        TRAIN("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 60_000),
        TEST("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", 10_000);

        public final String imagesFile;
        public final String labelsFile;
        public final int size;

        Split(String imagesFile, String labelsFile, int size) {
            this.imagesFile = imagesFile;
            this.labelsFile = labelsFile;
            this.size = size;
        }
    }

    private final float[] pixels;
    private final int[] labels;

    private FashionMnist(float[] pixels, int[] labels) {
        this.pixels = pixels;
        this.labels = labels;
    }

    /** Loads one split from the folder the {@link FashionMnistLocator} finds. */
    public static FashionMnist load(Split split) {
        return load(FashionMnistLocator.locate(), split);
    }

    /** Loads one split from {@code directory}, checking that images and labels agree. */
    public static FashionMnist load(Path directory, Split split) {
        IdxFile images = IdxFile.read(directory.resolve(split.imagesFile), 3);
        IdxFile labels = IdxFile.read(directory.resolve(split.labelsFile), 1);
        if (images.dimensions()[1] != ROWS || images.dimensions()[2] != COLUMNS) {
            throw new DatasetException(images.path() + " holds images of " + images.dimensions()[1] + "x"
                    + images.dimensions()[2] + " pixels; FashionMNIST images are 28x28. " + HOW_TO_GET);
        }
        if (images.count() != labels.count()) {
            throw new DatasetException(images.path() + " holds " + images.count() + " images but "
                    + labels.path() + " holds " + labels.count() + " labels; they must match. " + HOW_TO_GET);
        }
        byte[] rawLabels = labels.data();
        int[] intLabels = new int[rawLabels.length];
        for (int i = 0; i < rawLabels.length; i++) {
            intLabels[i] = rawLabels[i] & 0xFF;
            if (intLabels[i] >= CLASSES) {
                throw new DatasetException(labels.path() + " has label " + intLabels[i] + " at index " + i
                        + "; FashionMNIST labels are 0 to 9. " + HOW_TO_GET);
            }
        }
        byte[] raw = images.data();
        float[] scaled = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            scaled[i] = (raw[i] & 0xFF) / 255f;
        }
        return new FashionMnist(scaled, intLabels);
    }

    /** A view of the first {@code n} examples, for quick runs. */
    public FashionMnist head(int n) {
        int m = Math.min(n, size());
        float[] p = java.util.Arrays.copyOf(pixels, m * PIXELS);
        int[] l = java.util.Arrays.copyOf(labels, m);
        return new FashionMnist(p, l);
    }

    public int size() {
        return labels.length;
    }

    /** Row-major pixels, {@code size() * 784} floats in [0, 1]; shared, do not modify. */
    public float[] pixels() {
        return pixels;
    }

    /** Labels 0..9; shared, do not modify. */
    public int[] labels() {
        return labels;
    }

    /** The images as one (n, 784) float array in {@code manager}. */
    public NDArray features(NDManager manager) {
        return manager.create(pixels, new Shape(size(), PIXELS));
    }

    /** The labels as an (n) int64 array in {@code manager}, the type cross-entropy indexes with. */
    public NDArray labelArray(NDManager manager) {
        long[] wide = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            wide[i] = labels[i];
        }
        return manager.create(wide);
    }

    public int[] labelHistogram() {
        int[] counts = new int[CLASSES];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
