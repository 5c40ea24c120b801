package org.dlgrader.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The lesson's image figures: a grid of training images with class names, and the test script's
 * grid of predictions with probability bars.
 *
 * <p>Drawn by hand: a charting library has no notion of an image grid, scaling a bitmap is one
 * call, and the probability bars are ten rectangles. Fifteen JFreeChart charts per grid were a
 * quarter of a class's grading time for a picture that has no axes to lay out.
 */
public final class ImageGrids {

    private static final int PIXELS = 28;
    private static final Color RIGHT = new Color(0x1F, 0x4E, 0xD8);
    private static final Color WRONG = new Color(0xD0, 0x1C, 0x1C);
    private static final Color BAR = new Color(0x77, 0x77, 0x77);
    private static final Color FRAME = new Color(200, 200, 200);
    private static final Color AXES = new Color(0xCC, 0xCC, 0xCC);

    private ImageGrids() {
    }

    /** The first {@code rows*cols} images with their class names, in the lesson's binary colour map. */
    public static BufferedImage labelledImages(float[] pixels, int[] labels, List<String> classNames, int rows, int cols) {
        int tile = 112;
        int caption = 22;
        BufferedImage image = new BufferedImage(cols * (tile + 12) + 12, rows * (tile + caption + 10) + 10,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        for (int i = 0; i < rows * cols && i < labels.length; i++) {
            int x = 12 + (i % cols) * (tile + 12);
            int y = 10 + (i / cols) * (tile + caption + 10);
            drawDigit(g, pixels, i, x, y, tile);
            centered(g, classNames.get(labels[i]), x, y + tile + 16, tile, Color.BLACK);
        }
        g.dispose();
        return image;
    }

    /**
     * The test script's figure: for each of the first {@code rows*cols} images, the image captioned
     * "predicted confidence% (true)" in blue when right and red when wrong, and beside it the ten
     * class probabilities with the predicted bar red and the true bar blue.
     *
     * <p>An SVG, not a bitmap: every student's grid shows the same fifteen test images, so they are
     * encoded once per process and only the captions and bars are new. Drawn and compressed as a
     * 1062x740 PNG, two grids per student were a tenth of a class's grading time.
     *
     * @return the SVG document, UTF-8
     */
    public static byte[] predictions(float[] pixels, int[] labels, float[] probabilities, int classes,
            List<String> classNames, int rows, int cols) {
        int tile = 112;
        int barWidth = 170;
        int margin = 36;
        int cellWidth = tile + barWidth + 2 * margin;
        int cellHeight = tile + 34;
        Svg svg = new Svg(cols * cellWidth, rows * cellHeight + 10);
        for (int i = 0; i < rows * cols && i < labels.length; i++) {
            int x = margin + (i % cols) * cellWidth;
            int y = 10 + (i / cols) * cellHeight;
            int predicted = argmax(probabilities, i, classes);
            float confidence = probabilities[i * classes + predicted];
            Color color = predicted == labels[i] ? RIGHT : WRONG;
            svg.image(x, y, tile, tileUri(pixels, i));
            svg.rect(x, y, tile, tile, null, FRAME);
            String text = String.format(java.util.Locale.ROOT, "%s %2.0f%% (%s)", classNames.get(predicted), 100 * confidence,
                    classNames.get(labels[i]));
            svg.text(x + tile / 2.0, y + tile + 18, 12, color, text);
            bars(svg, probabilities, i, classes, predicted, labels[i], x + tile + 14, y, barWidth, tile);
        }
        return svg.bytes();
    }

    /** Ten bars on [0, 1] with class numbers under them, as matplotlib's bar() in the lesson. */
    private static void bars(Svg svg, float[] probabilities, int row, int classes, int predicted, int truth,
            int x, int y, int width, int height) {
        int axis = y + height - 14;
        int plotHeight = axis - y - 4;
        svg.rect(x, y, width, axis - y, null, AXES);
        double slot = (double) width / classes;
        for (int c = 0; c < classes; c++) {
            float p = Math.max(0, Math.min(1, probabilities[row * classes + c]));
            int barHeight = Math.round(p * plotHeight);
            int left = (int) Math.round(x + c * slot + slot * 0.15);
            int barWidth = (int) Math.max(1, Math.round(slot * 0.7));
            svg.rect(left, axis - barHeight, barWidth, barHeight, c == truth ? RIGHT : c == predicted ? WRONG : BAR, null);
            svg.text(left + barWidth / 2.0, axis + 11, 9, Color.DARK_GRAY, Integer.toString(c));
        }
    }

    private static int argmax(float[] values, int row, int width) {
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (values[row * width + c] > values[row * width + best]) {
                best = c;
            }
        }
        return best;
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    /**
     * Encoded images every student's grid shows, made once per pixel array (arrays compare by
     * identity; the test set is one shared array) and forgotten with it.
     */
    private static final java.util.Map<float[], java.util.Map<Integer, String>> TILES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Image {@code index} as a 28x28 PNG data URI, for an SVG to scale up. */
    private static String tileUri(float[] pixels, int index) {
        return TILES.computeIfAbsent(pixels, p -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(index, i -> "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(greyPng(pixels, i)));
    }

    private static byte[] greyPng(float[] pixels, int index) {
        byte[] grey = new byte[PIXELS * PIXELS];
        for (int k = 0; k < grey.length; k++) {
            grey[k] = (byte) binary(pixels[index * PIXELS * PIXELS + k]);
        }
        return Png.encodeGrey(PIXELS, PIXELS, grey);
    }

    /** matplotlib's "binary" colour map: 0 white, 1 black. */
    private static int binary(float value) {
        return 255 - Math.round(255 * Math.max(0, Math.min(1, value)));
    }

    private static void drawDigit(Graphics2D g, float[] pixels, int index, int x, int y, int size) {
        g.drawImage(digit(pixels, index), x, y, size, size, null);
        g.setColor(FRAME);
        g.drawRect(x, y, size, size);
    }

    private static BufferedImage digit(float[] pixels, int index) {
        BufferedImage digit = new BufferedImage(PIXELS, PIXELS, BufferedImage.TYPE_INT_RGB);
        int offset = index * PIXELS * PIXELS;
        for (int r = 0; r < PIXELS; r++) {
            for (int c = 0; c < PIXELS; c++) {
                int v = binary(pixels[offset + r * PIXELS + c]);
                digit.setRGB(c, r, (v << 16) | (v << 8) | v);
            }
        }
        return digit;
    }

    private static void centered(Graphics2D g, String text, int x, int baseline, int width, Color color) {
        FontMetrics metrics = g.getFontMetrics();
        g.setColor(color);
        g.drawString(text, x + (width - metrics.stringWidth(text)) / 2, baseline);
    }
}
