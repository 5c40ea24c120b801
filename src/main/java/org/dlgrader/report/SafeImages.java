package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.dlgrader.plot.Png;

/**
 * A picture a student handed in, made fit for a page: only PNG and JPEG, told by their first bytes
 * (never by the name: an SVG, which can carry a script, stays out however it is named), sized from
 * the header before anything is decoded (a 100,000 × 100,000 PNG of a few KB is refused unread),
 * then decoded and drawn afresh at a capped size. What reaches the page is the grader's own
 * encoding: no chunk, comment or EXIF tag of the student's file (a phone's GPS position among them)
 * survives.
 */
final class SafeImages {

    /** A decoded picture, encoded again: a thumbnail and a capped full-size copy of one media type. */
    record Picture(String mediaType, byte[] thumbnail, byte[] full, int width, int height) {
        long bytes() {
            return thumbnail.length + (long) full.length;
        }
    }

    /** Why a file is not shown, as a sentence for the student. */
    static final class NotShown extends Exception {
        NotShown(String message) {
            super(message);
        }
    }

    /** Longest side of a thumbnail, in pixels. */
    static final int THUMBNAIL_SIDE = 240;
    /** Longest side of the full-size copy: a screenshot of a 4K screen stays readable, a page stays small. */
    static final int FULL_SIDE = 1600;
    /** Pixels decoded at most (a 4K screenshot is 8.3 M): bounds the time and memory one picture costs. */
    static final long MAX_PIXELS = 40_000_000L;

    /**
     * Scans of one JPEG at most: a progressive photo has about ten, and each scan is a pass over the
     * whole picture, however few bytes it takes (a 330 KB file of 2,000 scans took 133 s to decode).
     */
    static final int MAX_SCANS = 100;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    static {
        // No temporary files for the student's bytes: they are in memory already.
        ImageIO.setUseCache(false);
    }

    private SafeImages() {
    }

    static Picture picture(byte[] bytes) throws NotShown {
        String format;
        if (startsWith(bytes, PNG)) {
            format = "png";
        } else if (startsWith(bytes, JPEG)) {
            format = "jpeg";
            int scans = scans(bytes);
            if (scans > MAX_SCANS) {
                throw new NotShown(tr("report.handedIn.tooManyScans", scans, MAX_SCANS));
            }
        } else {
            throw new NotShown(tr("report.handedIn.notAPicture"));
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new NotShown(tr("report.handedIn.undecodable"));
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                throw new NotShown(tr("report.handedIn.tooManyPixels", width, height, MAX_PIXELS / 1_000_000));
            }
            ImageReadParam param = reader.getDefaultReadParam();
            // Decode no more pixels than the full-size copy keeps: a 6000-pixel photo costs a fraction of its memory.
            int step = Math.max(1, Math.max(width, height) / FULL_SIDE);
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage decoded = reader.read(0, param);
            BufferedImage full = scaled(decoded, FULL_SIDE);
            BufferedImage thumbnail = scaled(decoded, THUMBNAIL_SIDE);
            return new Picture(format.equals("png") ? "image/png" : "image/jpeg", encode(thumbnail, format), encode(full, format), width, height);
        } catch (IOException | RuntimeException e) {
            // A cut-off or crafted file: the decoders throw all sorts (IIOException, index errors).
            throw new NotShown(tr("report.handedIn.undecodable"));
        } finally {
            reader.dispose();
        }
    }

    /**
     * Start-of-scan markers: in coded data a 0xFF byte is always followed by 0 or a restart marker,
     * so each 0xFF 0xDA is a scan (or one of an embedded thumbnail's, a few at most).
     */
    private static int scans(byte[] bytes) {
        int scans = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xff && bytes[i + 1] == (byte) 0xda) {
                scans++;
            }
        }
        return scans;
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Drawn afresh into an opaque image of our own, at most {@code side} pixels on its longest side;
     * transparent parts on white, as a page shows them.
     */
    private static BufferedImage scaled(BufferedImage image, int side) {
        double factor = Math.min(1.0, (double) side / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        if (format.equals("png")) {
            // The project's encoder: ImageIO's tries every row filter at maximum compression, several times slower.
            return Png.encode(image);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.85f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
