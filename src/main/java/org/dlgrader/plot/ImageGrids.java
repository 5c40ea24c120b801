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
 * <p>Drawn with Java2D: a charting library has no notion of an image grid, scaling a bitmap is one
 * call, and the probability bars are ten rectangles (see {@link #predictions} for why not charts).
 */
public final class ImageGrids {

    private static final int PIXELS = 28;
    private static final Color RIGHT = new Color(0x1F, 0x4E, 0xD8);
    private static final Color WRONG = new Color(0xD0, 0x1C, 0x1C);
    private static final Color BAR = new Color(0x77, 0x77, 0x77);

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
     * <p>The bars are ten rectangles drawn here, not JFreeChart charts: a report has two of these
     * grids per student, and fifteen chart objects per grid were a quarter of a class's grading
     * time for a picture that has no axes to lay out.
     */
    public static BufferedImage predictions(float[] pixels, int[] labels, float[] probabilities, int classes,
            List<String> classNames, int rows, int cols) {
        int tile = 112;
        int barWidth = 170;
        int margin = 36;
        int cellWidth = tile + barWidth + 2 * margin;
        int cellHeight = tile + 34;
        BufferedImage image = new BufferedImage(cols * cellWidth, rows * cellHeight + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        for (int i = 0; i < rows * cols && i < labels.length; i++) {
            int x = margin + (i % cols) * cellWidth;
            int y = 10 + (i / cols) * cellHeight;
            int predicted = argmax(probabilities, i, classes);
            float confidence = probabilities[i * classes + predicted];
            Color color = predicted == labels[i] ? RIGHT : WRONG;
            drawDigit(g, pixels, i, x, y, tile);
            String text = String.format("%s %2.0f%% (%s)", classNames.get(predicted), 100 * confidence,
                    classNames.get(labels[i]));
            centered(g, text, x - margin, y + tile + 18, tile + 2 * margin, color);
            drawBars(g, probabilities, i, classes, predicted, labels[i], x + tile + 14, y, barWidth, tile);
        }
        g.dispose();
        return image;
    }

    /** Ten bars on [0, 1] with class numbers under them, as matplotlib's bar() in the lesson. */
    private static void drawBars(Graphics2D g, float[] probabilities, int row, int classes, int predicted, int truth,
            int x, int y, int width, int height) {
        int axis = y + height - 14;
        int plotHeight = axis - y - 4;
        g.setColor(new Color(0xCC, 0xCC, 0xCC));
        g.drawRect(x, y, width, axis - y);
        double slot = (double) width / classes;
        Font previous = g.getFont();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        FontMetrics metrics = g.getFontMetrics();
        for (int c = 0; c < classes; c++) {
            float p = Math.max(0, Math.min(1, probabilities[row * classes + c]));
            int barHeight = Math.round(p * plotHeight);
            int left = (int) Math.round(x + c * slot + slot * 0.15);
            int barWidth = (int) Math.max(1, Math.round(slot * 0.7));
            g.setColor(c == truth ? RIGHT : c == predicted ? WRONG : BAR);
            g.fillRect(left, axis - barHeight, barWidth, barHeight);
            g.setColor(Color.DARK_GRAY);
            String label = Integer.toString(c);
            g.drawString(label, left + (barWidth - metrics.stringWidth(label)) / 2, axis + 11);
        }
        g.setFont(previous);
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
     * The scaled tiles of the test images every student's grid shows, made once per pixel array
     * (arrays compare by identity; the test set is one shared array) and forgotten with it.
     */
    private static final java.util.Map<float[], java.util.Map<Long, BufferedImage>> TILES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** matplotlib's "binary" colour map: 0 white, 1 black. */
    private static void drawDigit(Graphics2D g, float[] pixels, int index, int x, int y, int size) {
        BufferedImage tile = TILES.computeIfAbsent(pixels, p -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent((long) index << 20 | size, k -> tile(pixels, index, size));
        g.drawImage(tile, x, y, null);
        g.setColor(new Color(200, 200, 200));
        g.drawRect(x, y, size, size);
    }

    private static BufferedImage tile(float[] pixels, int index, int size) {
        BufferedImage digit = new BufferedImage(PIXELS, PIXELS, BufferedImage.TYPE_INT_RGB);
        int offset = index * PIXELS * PIXELS;
        for (int r = 0; r < PIXELS; r++) {
            for (int c = 0; c < PIXELS; c++) {
                int v = 255 - Math.round(255 * Math.max(0, Math.min(1, pixels[offset + r * PIXELS + c])));
                digit.setRGB(c, r, (v << 16) | (v << 8) | v);
            }
        }
        BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.drawImage(digit, 0, 0, size, size, null);
        g.dispose();
        return scaled;
    }

    private static void centered(Graphics2D g, String text, int x, int baseline, int width, Color color) {
        FontMetrics metrics = g.getFontMetrics();
        g.setColor(color);
        g.drawString(text, x + (width - metrics.stringWidth(text)) / 2, baseline);
    }
}
