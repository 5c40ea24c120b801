package org.dlgrader.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, correct or deliberately broken. */
final class IdxFiles {

    private IdxFiles() {
    }

    static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        return bytes.toByteArray();
    }

    static Path gzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    static byte[] images(int count, int seed) {
        byte[] data = new byte[count * 28 * 28];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ((i * 31 + seed) & 0xFF);
        }
        return data;
    }

    static byte[] labels(int count) {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            data[i] = (byte) (i % 10);
        }
        return data;
    }

    /** A complete, valid folder with {@code train} and {@code test} examples. */
    static void writeDataset(Path dir, int train, int test) throws IOException {
        gzip(dir.resolve("train-images-idx3-ubyte.gz"), idx(0x803, new int[] {train, 28, 28}, images(train, 1)));
        gzip(dir.resolve("train-labels-idx1-ubyte.gz"), idx(0x801, new int[] {train}, labels(train)));
        gzip(dir.resolve("t10k-images-idx3-ubyte.gz"), idx(0x803, new int[] {test, 28, 28}, images(test, 2)));
        gzip(dir.resolve("t10k-labels-idx1-ubyte.gz"), idx(0x801, new int[] {test}, labels(test)));
    }
}
