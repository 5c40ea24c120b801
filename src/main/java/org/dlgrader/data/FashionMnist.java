package org.dlgrader.data;

import static org.dlgrader.i18n.Messages.tr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
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

    /** The sentence that ends every message about a missing or damaged file. */
    static String howToGet() {
        return tr("data.howToGet");
    }

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

    /**
     * Loads one split from the folder the {@link FashionMnistLocator} finds for it (downloading its
     * two files when no folder has them and downloads are on).
     */
    public static FashionMnist load(Split split) {
        return load(FashionMnistLocator.locate(split), split);
    }

    /** Loads one split from {@code directory}, checking that images and labels agree. */
    public static FashionMnist load(Path directory, Split split) {
        IdxFile images = IdxFile.read(file(directory, split.imagesFile), 3);
        IdxFile labels = IdxFile.read(file(directory, split.labelsFile), 1);
        if (images.dimensions()[1] != ROWS || images.dimensions()[2] != COLUMNS) {
            throw new DatasetException(tr("data.fashionMnist.imageSize", images.path(), images.dimensions()[1],
                    images.dimensions()[2], howToGet()));
        }
        if (images.count() != labels.count()) {
            throw new DatasetException(tr("data.fashionMnist.countsDiffer", images.path(), images.count(),
                    labels.path(), labels.count(), howToGet()));
        }
        byte[] rawLabels = labels.data();
        int[] intLabels = new int[rawLabels.length];
        for (int i = 0; i < rawLabels.length; i++) {
            intLabels[i] = rawLabels[i] & 0xFF;
            if (intLabels[i] >= CLASSES) {
                throw new DatasetException(tr("data.fashionMnist.labelRange", labels.path(), intLabels[i], i, howToGet()));
            }
        }
        byte[] raw = images.data();
        float[] scaled = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            scaled[i] = (raw[i] & 0xFF) / 255f;
        }
        return new FashionMnist(scaled, intLabels);
    }

    /**
     * The official {@code .gz} file, or the unpacked one torchvision leaves beside it when only that
     * is there; the {@code .gz} name when neither is, so that the message names the official file.
     */
    static Path file(Path directory, String gzName) {
        Path gz = directory.resolve(gzName);
        Path unpacked = directory.resolve(gzName.substring(0, gzName.length() - ".gz".length()));
        return !Files.isRegularFile(gz) && Files.isRegularFile(unpacked) ? unpacked : gz;
    }

    /**
     * {@code n} examples drawn without replacement by {@code seed}, in the order drawn: the same
     * seed gives the same examples on every machine.
     */
    public FashionMnist sample(int n, long seed) {
        return select(draw(n, size(), seed));
    }

    /** {@code n} distinct indices below {@code total}, drawn by {@code seed}. */
    public static int[] draw(int n, int total, long seed) {
        int m = Math.min(n, total);
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(total - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return java.util.Arrays.copyOf(order, m);
    }

    /** The examples at {@code indices}, in that order. */
    public FashionMnist select(int[] indices) {
        float[] p = new float[indices.length * PIXELS];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * PIXELS, p, i * PIXELS, PIXELS);
            l[i] = labels[indices[i]];
        }
        return new FashionMnist(p, l);
    }

    /**
     * Every image moved by one pixel (up, down, left or right, the edge filled with background) and
     * made slightly brighter or darker (×0.9 to ×1.1, kept in [0, 1]), each drawn from {@code seed}:
     * a copy of the data that looks the same to a model that learnt clothes, and new to one that
     * learnt these exact images.
     */
    public FashionMnist perturbed(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] p = new float[pixels.length];
        int[][] moves = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
        for (int i = 0; i < size(); i++) {
            int[] move = moves[random.nextInt(moves.length)];
            float brightness = (float) (0.9 + 0.2 * random.nextDouble());
            int base = i * PIXELS;
            for (int r = 0; r < ROWS; r++) {
                int from = r - move[0];
                if (from < 0 || from >= ROWS) {
                    continue;
                }
                for (int c = 0; c < COLUMNS; c++) {
                    int fromColumn = c - move[1];
                    if (fromColumn >= 0 && fromColumn < COLUMNS) {
                        p[base + r * COLUMNS + c] = Math.min(1f, pixels[base + from * COLUMNS + fromColumn] * brightness);
                    }
                }
            }
        }
        return new FashionMnist(p, labels.clone());
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
