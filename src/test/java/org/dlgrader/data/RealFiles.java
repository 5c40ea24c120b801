package org.dlgrader.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * The real FashionMNIST files, from Debian's {@code dataset-fashion-mnist} (installed here and in CI),
 * and the official files rebuilt from them.
 *
 * <p>Debian's build normalised each gzip header: it dropped the file name and set the time to the
 * package's date. The compressed data is the official one, so putting the original header back
 * (FNAME, the time Zalando Research packed the files, XFL 0, OS 3 "Unix") gives the official files
 * byte for byte: {@link OfficialFilesTest} holds them to the README's MD5 sums.
 */
final class RealFiles {

    static final Path DEBIAN = FashionMnistLocator.DEBIAN;
    /** When the official files were packed, from their gzip headers: 2017-08-31 10:50:06 and 10:50:27 UTC. */
    private static final Map<OfficialFile, Integer> PACKED = Map.of(
            OfficialFile.TRAIN_IMAGES, 1_504_176_606, OfficialFile.TRAIN_LABELS, 1_504_176_606,
            OfficialFile.TEST_IMAGES, 1_504_176_627, OfficialFile.TEST_LABELS, 1_504_176_627);
    private static final Map<OfficialFile, byte[]> OFFICIAL = new ConcurrentHashMap<>();

    private RealFiles() {
    }

    /** Skips the calling test where the Debian package is not installed. */
    static void assumeInstalled() {
        assumeTrue(FashionMnistLocator.holdsAllFiles(DEBIAN), "apt-get install dataset-fashion-mnist to run this test");
    }

    static Path debian(OfficialFile file) {
        return DEBIAN.resolve(file.fileName);
    }

    /** Copies Debian's files of {@code split} into {@code folder}, as a download would leave them. */
    static Path copy(FashionMnist.Split split, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (OfficialFile file : OfficialFile.of(split)) {
            Files.copy(debian(file), folder.resolve(file.fileName));
        }
        return folder;
    }

    /** Writes {@code split}'s files unpacked (no .gz), as torchvision leaves them beside the archives. */
    static Path unpack(FashionMnist.Split split, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (OfficialFile file : OfficialFile.of(split)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(debian(file)));
                    OutputStream out = Files.newOutputStream(folder.resolve(file.unpackedName()))) {
                in.transferTo(out);
            }
        }
        return folder;
    }

    /** The official file, byte for byte as the Fashion-MNIST project serves it. */
    static byte[] official(OfficialFile file) {
        return OFFICIAL.computeIfAbsent(file, RealFiles::rebuild);
    }

    private static byte[] rebuild(OfficialFile file) {
        try {
            byte[] debian = Files.readAllBytes(debian(file));
            if (debian[3] != 0) {
                throw new IllegalStateException(file.fileName + ": Debian's gzip header has optional fields; not the normalised file");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(debian.length + 32);
            out.write(new byte[] {0x1f, (byte) 0x8b, 8, 8}); // gzip, deflate, FNAME
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(PACKED.get(file)).array());
            out.write(new byte[] {0, 3}); // XFL, OS: Unix
            out.write(file.unpackedName().getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
            out.write(debian, 10, debian.length - 10);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
