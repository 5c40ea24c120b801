package org.dlgrader.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The lesson's image figures: a grid of training images with class names, and the test script's
 * grid of predictions with probability bars.
 *
 * <p>The 28x28 tiles are drawn with Java2D: a charting library has no notion of an image grid,
 * and scaling a bitmap is one call. The probability bars are JFreeChart bar charts.
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
     */
    public static BufferedImage predictions(float[] pixels, int[] labels, float[] probabilities, int classes,
            List<String> classNames, int rows, int cols) {
        int tile = 140;
        int barWidth = 200;
        int margin = 40;
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
            JFreeChart bars = probabilityBars(probabilities, i, classes, predicted, labels[i]);
            bars.draw(g, new Rectangle2D.Double(x + tile + 10, y, barWidth, tile + 10));
        }
        g.dispose();
        return image;
    }

    static JFreeChart probabilityBars(float[] probabilities, int row, int classes, int predicted, int truth) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (int c = 0; c < classes; c++) {
            dataset.addValue(probabilities[row * classes + c], "p", Integer.toString(c));
        }
        JFreeChart chart = ChartFactory.createBarChart(null, null, null, dataset, PlotOrientation.VERTICAL,
                false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinesVisible(false);
        plot.getRangeAxis().setRange(0, 1);
        plot.getRangeAxis().setTickLabelsVisible(false);
        plot.getRangeAxis().setTickMarksVisible(false);
        CategoryAxis axis = plot.getDomainAxis();
        axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        axis.setCategoryMargin(0.15);
        BarRenderer renderer = new BarRenderer() {
            @Override
            public java.awt.Paint getItemPaint(int series, int column) {
                return column == truth ? RIGHT : column == predicted ? WRONG : BAR;
            }
        };
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        plot.setRenderer(renderer);
        return chart;
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

    /** matplotlib's "binary" colour map: 0 white, 1 black. */
    private static void drawDigit(Graphics2D g, float[] pixels, int index, int x, int y, int size) {
        BufferedImage digit = new BufferedImage(PIXELS, PIXELS, BufferedImage.TYPE_INT_RGB);
        int offset = index * PIXELS * PIXELS;
        for (int r = 0; r < PIXELS; r++) {
            for (int c = 0; c < PIXELS; c++) {
                int v = 255 - Math.round(255 * Math.max(0, Math.min(1, pixels[offset + r * PIXELS + c])));
                digit.setRGB(c, r, (v << 16) | (v << 8) | v);
            }
        }
        g.drawImage(digit, x, y, size, size, null);
        g.setColor(new Color(200, 200, 200));
        g.drawRect(x, y, size, size);
    }

    private static void centered(Graphics2D g, String text, int x, int baseline, int width, Color color) {
        FontMetrics metrics = g.getFontMetrics();
        g.setColor(color);
        g.drawString(text, x + (width - metrics.stringWidth(text)) / 2, baseline);
    }
}
