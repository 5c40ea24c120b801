package org.dlgrader.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts rows of inputs into native memory for a model. A data set that every student's model reads
 * (the FashionMNIST test set, 31 MB) is copied there once per process and handed out as views:
 * copying it for every model was three passes over 31 MB per model (zeroing a direct buffer,
 * filling it, libtorch's own copy), about a tenth of a class's grading time.
 */
public final class NativeRows {

    /** Lives as long as the process: the shared copies are what every later model reads. */
    private static final NDManager SHARED = NDManager.newBaseManager(Device.cpu());
    private static final Map<float[], NDArray> COPIES = new ConcurrentHashMap<>();

    private NativeRows() {
    }

    /**
     * Keeps one native copy of {@code data} ({@code features} floats per row) for the process. Only
     * for data that is never changed afterwards: views of it are handed to models.
     */
    public static void share(float[] data, int features) {
        COPIES.computeIfAbsent(data, d -> SHARED.create(FloatBuffer.wrap(d), new Shape(d.length / features, features)));
    }

    /**
     * Rows {@code firstRow .. firstRow + count} of {@code data} as a {@code count x features} array
     * owned by {@code batch}: a view of the shared copy when there is one, else a fresh copy.
     *
     * @param writable the model runs code we did not write (TorchScript), which could change its
     *     input in place and so every later student's test set: give it a copy of its own
     */
    public static NDArray rows(NDManager batch, float[] data, int firstRow, int count, int features, boolean writable) {
        NDArray shared = COPIES.get(data);
        if (shared == null || shared.getShape().get(1) != features) {
            return batch.create(FloatBuffer.wrap(data, firstRow * features, count * features), new Shape(count, features));
        }
        NDArray view = shared.get(new NDIndex("{}:{}", firstRow, firstRow + count));
        view.attach(batch);
        // duplicate() belongs to the view's manager, the batch, like the view.
        return writable ? view.duplicate() : view;
    }
}
