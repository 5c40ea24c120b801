package org.dlgrader.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;

/** Writes PNG files atomically, so an interrupted run never leaves half a picture behind. */
public final class Png {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Png() {
    }

    /** PNG bytes of {@code image}. */
    public static byte[] encode(BufferedImage image) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static void write(JFreeChart chart, int width, int height, Path target) {
        write(chart.createBufferedImage(width, height), target);
    }

    public static void write(BufferedImage image, Path target) {
        try {
            Path directory = target.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, target.getFileName().toString(), ".part");
            try {
                ImageIO.write(image, "png", partial.toFile());
                if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + target, e);
        }
    }
}
