package org.dlgrader.model.keras;

import static org.dlgrader.i18n.Messages.tr;

import io.jhdf.api.Dataset;
import java.util.Arrays;
import org.dlgrader.model.ModelRejected;

/** One saved variable of a layer (a kernel, a bias, a moving mean), widened to float, with Keras's shape. */
record SavedArray(float[] values, int[] shape) {

    /**
     * The bytes a file's weights may declare in all: the HDF5 file's own size. Keras writes weights
     * uncompressed, so a real save holds every byte it declares; a compressed dataset of zeros can
     * declare gigabytes in a few MB, read in the grading process, which has no memory limit.
     */
    static final class Allowance {
        private final String file;
        private final long fileBytes;
        private long left;

        Allowance(String file, long fileBytes) {
            this.file = file;
            this.fileBytes = fileBytes;
            this.left = fileBytes;
        }

        void take(Dataset dataset) throws ModelRejected {
            long bytes = dataset.getSizeInBytes();
            if (bytes < 0 || bytes > left) {
                throw new ModelRejected(tr("model.keras.weightsLargerThanFile", file, dataset.getPath(), bytes, fileBytes));
            }
            left -= bytes;
        }
    }

    /** The dataset's values, or null when they are not floating point (a Keras file never saves integer weights). */
    static SavedArray of(Dataset dataset, Allowance allowance) throws ModelRejected {
        allowance.take(dataset);
        Object flat = dataset.getDataFlat();
        int[] shape = dataset.getDimensions();
        if (flat instanceof float[] floats) {
            return new SavedArray(floats, shape);
        }
        if (flat instanceof double[] doubles) {
            float[] floats = new float[doubles.length];
            for (int i = 0; i < doubles.length; i++) {
                floats[i] = (float) doubles[i];
            }
            return new SavedArray(floats, shape);
        }
        return null;
    }

    int rank() {
        return shape.length;
    }

    String shapeText() {
        return Arrays.toString(shape);
    }
}
