package org.dlgrader.model;

import java.util.List;

/**
 * A student's model, loaded and ready to run. Implementations own native memory: close them.
 *
 * <p>Inputs are always given as flat rows ({@code count x features} floats); each implementation
 * feeds them in the layout its model accepts (784, 1x28x28, 28x28, ...).
 */
public interface LoadedModel extends AutoCloseable {

    /** Outputs for {@code count} rows of {@code features} floats, row-major. */
    default Output predict(float[] rows, int count, int features) throws ModelRejected {
        return predict(rows, 0, count, features);
    }

    /**
     * Outputs for {@code count} rows starting at row {@code firstRow} of {@code data}: batches of a
     * shared data set go to native memory without a copy of their own on the Java side.
     */
    Output predict(float[] data, int firstRow, int count, int features) throws ModelRejected;

    /** Observations for the student's report ("loaded a state_dict saved on cuda:0"). */
    List<String> notes();

    /** What was loaded, in words ("TorchScript", "Keras HDF5 Flatten-Dense(128,relu)-Dense(10,softmax)"). */
    String description();

    /**
     * The layers and parameter count as far as the format shows them: what an exercise's
     * architecture rule is checked against. Unknown unless a loader says.
     */
    default ModelShape shape() {
        return ModelShape.UNKNOWN;
    }

    /** Whether the last layer already applies a softmax, when the file says so. */
    default boolean declaresSoftmax() {
        return false;
    }

    @Override
    void close();

    /** A batch of outputs: {@code values.length == count * width}. */
    record Output(float[] values, int count, int width) {

        /** The class a classifier gives row {@code row}: its largest output, the first of equals. */
        public int predictedClass(int row) {
            int base = row * width;
            int best = 0;
            for (int c = 1; c < width; c++) {
                if (values[base + c] > values[base + best]) {
                    best = c;
                }
            }
            return best;
        }
    }
}
