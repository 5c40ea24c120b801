package org.dlgrader.data;

import static org.dlgrader.i18n.Messages.tr;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One IDX file (the format of MNIST and FashionMNIST), read whole into memory.
 *
 * <p>Only unsigned-byte IDX is supported because that is all the official files use. Every
 * structural fact is checked, because a half-downloaded file otherwise shows up much later as a
 * model that mysteriously trains to chance level.
 */
public record IdxFile(Path path, int[] dimensions, byte[] data) {

    private static final int UNSIGNED_BYTE = 0x08;

    /** Reads {@code path}, gunzipping it when its name ends in {@code .gz}. */
    public static IdxFile read(Path path, int expectedRank) {
        if (!Files.isRegularFile(path)) {
            throw new DatasetException(tr("data.idx.missing", path, FashionMnist.howToGet()));
        }
        try (InputStream raw = Files.newInputStream(path);
                InputStream in = path.toString().endsWith(".gz")
                        ? new GZIPInputStream(new BufferedInputStream(raw), 1 << 16)
                        : new BufferedInputStream(raw, 1 << 16);
                DataInputStream data = new DataInputStream(in)) {
            int magic = readHeaderInt(data, path);
            int type = (magic >>> 8) & 0xFF;
            int rank = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank != expectedRank) {
                throw new DatasetException(tr("data.idx.notIdx", path, expectedRank, magic,
                        (UNSIGNED_BYTE << 8) | expectedRank, FashionMnist.howToGet()));
            }
            int[] dims = new int[rank];
            long size = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = readHeaderInt(data, path);
                if (dims[i] <= 0) {
                    throw new DatasetException(tr("data.idx.badDimension", path, i, dims[i], FashionMnist.howToGet()));
                }
                size *= dims[i];
            }
            if (size > Integer.MAX_VALUE - 16) {
                throw new DatasetException(tr("data.idx.tooLarge", path, size));
            }
            byte[] bytes = new byte[(int) size];
            int read = data.readNBytes(bytes, 0, bytes.length);
            if (read < bytes.length) {
                throw new DatasetException(tr("data.idx.truncated", path, Arrays.toString(dims), size, read,
                        FashionMnist.howToGet()));
            }
            if (data.read() != -1) {
                throw new DatasetException(tr("data.idx.trailing", path, size, Arrays.toString(dims),
                        FashionMnist.howToGet()));
            }
            return new IdxFile(path, dims, bytes);
        } catch (ZipException | EOFException e) {
            throw new DatasetException(tr("data.idx.notGzip", path, e.getMessage(), FashionMnist.howToGet()), e);
        } catch (IOException e) {
            throw new DatasetException(tr("data.idx.unreadable", path, e.getMessage()), e);
        }
    }

    private static int readHeaderInt(DataInputStream in, Path path) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(tr("data.idx.tooShort", path, FashionMnist.howToGet()), e);
        }
    }

    public int count() {
        return dimensions[0];
    }
}
