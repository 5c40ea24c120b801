package org.dlgrader.grading.integrity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * What one student's model for one exercise is, in a few kilobytes, for comparing it with every
 * classmate's without the files: the file's fingerprint, the class the model predicts for each test
 * image and which of those are wrong (classifiers only), and its hidden units' codes
 * ({@link UnitCodes}; formats the grading process reads only). Written by the grader when it grades
 * the student, read back like any file in {@code reports/}: bounded and checked, else ignored.
 *
 * @param fingerprint the file's length and 128-bit Murmur3 hash, as the measurement cache keys it
 * @param predicted the predicted class per test image, or null
 * @param wrong bit i set when image i is predicted wrongly; null when {@code predicted} is
 * @param errors a regression's errors (output − target) on its first fresh points, or null
 * @param units {@code [layer][band][unit]}, each band sorted; empty when weights were not read
 */
public record Signature(String fingerprint, byte[] predicted, long[] wrong, float[] errors, int[][][] units) {

    private static final int MAGIC = 0x444c4753; // "DLGS"
    private static final int VERSION = 1;
    /** More than any signature the grader writes: 10,000 images, 2 × 512 units in 4 bands. */
    public static final int MAX_BYTES = 4 << 20;
    private static final int MAX_ROWS = 1 << 20;
    private static final int MAX_LAYERS = 64;
    private static final int MAX_UNITS = 1 << 16;
    private static final int MAX_FINGERPRINT = 200;

    public Signature {
        units = units == null ? new int[0][][] : units;
        if ((predicted == null) != (wrong == null)) {
            throw new IllegalArgumentException("predictions and mistakes come together");
        }
    }

    public boolean hasPredictions() {
        return predicted != null;
    }

    public static Signature of(String fingerprint, Predictions predictions, int[][][] units) {
        return predictions == null ? new Signature(fingerprint, null, null, null, units)
                : new Signature(fingerprint, predictions.classes(), predictions.wrong(), predictions.errors(), units);
    }

    public byte[] bytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(fingerprint);
            out.writeInt(predicted == null ? -1 : predicted.length);
            if (predicted != null) {
                out.write(predicted);
                for (long word : wrong) {
                    out.writeLong(word);
                }
            }
            out.writeInt(errors == null ? -1 : errors.length);
            if (errors != null) {
                for (float error : errors) {
                    out.writeFloat(error);
                }
            }
            out.writeInt(units.length);
            for (int[][] layer : units) {
                out.writeInt(layer[0].length);
                for (int[] band : layer) {
                    for (int code : band) {
                        out.writeInt(code);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return buffer.toByteArray();
    }

    /**
     * Reads what {@link #bytes} wrote, believing no size it finds beyond the limits and the bytes there
     * are; bands are sorted again, so a doctored file can only compare as what it claims.
     *
     * @throws IOException when the bytes are not a signature
     */
    public static Signature parse(byte[] bytes) throws IOException {
        if (bytes.length > MAX_BYTES) {
            throw new IOException("signature of " + bytes.length + " bytes");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a signature");
        }
        String fingerprint = in.readUTF();
        if (fingerprint.length() > MAX_FINGERPRINT) {
            throw new IOException("fingerprint too long");
        }
        int rows = in.readInt();
        byte[] predicted = null;
        long[] wrong = null;
        if (rows != -1) {
            if (rows < 0 || rows > MAX_ROWS || rows > in.available()) {
                throw new IOException("bad prediction count " + rows);
            }
            predicted = in.readNBytes(rows);
            wrong = new long[(rows + 63) / 64];
            if ((long) wrong.length * 8 > in.available()) {
                throw new IOException("mistakes cut short");
            }
            for (int i = 0; i < wrong.length; i++) {
                wrong[i] = in.readLong();
            }
            if (rows % 64 != 0 && wrong.length > 0 && (wrong[wrong.length - 1] >>> (rows % 64)) != 0) {
                throw new IOException("mistakes beyond the last image");
            }
        }
        int count = in.readInt();
        float[] errors = null;
        if (count != -1) {
            if (count < 0 || count > MAX_ROWS || (long) count * 4 > in.available()) {
                throw new IOException("bad error count " + count);
            }
            errors = new float[count];
            for (int i = 0; i < count; i++) {
                errors[i] = in.readFloat();
                if (!Float.isFinite(errors[i])) {
                    throw new IOException("error not finite");
                }
            }
        }
        int layers = in.readInt();
        if (layers < 0 || layers > MAX_LAYERS) {
            throw new IOException("bad layer count " + layers);
        }
        int[][][] units = new int[layers][UnitCodes.BANDS][];
        for (int l = 0; l < layers; l++) {
            count = in.readInt();
            if (count < 0 || count > MAX_UNITS || (long) count * 4 * UnitCodes.BANDS > in.available()) {
                throw new IOException("bad unit count " + count);
            }
            for (int b = 0; b < UnitCodes.BANDS; b++) {
                int[] band = new int[count];
                for (int u = 0; u < count; u++) {
                    band[u] = in.readInt();
                }
                Arrays.sort(band);
                units[l][b] = band;
            }
        }
        if (in.available() != 0) {
            throw new IOException("trailing bytes");
        }
        return new Signature(fingerprint, predicted, wrong, errors, units);
    }
}
