package org.dlgrader.plot;

import static org.dlgrader.i18n.Messages.tr;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The lesson's line and scatter charts, built with JFreeChart. */
public final class Charts {

    private Charts() {
    }

    /** Training points, the true line and the fitted line, as the lesson's linear-regression plot. */
    public static JFreeChart linearFit(float[] x, float[] y, double trueW, double trueB, double w, double b) {
        XYSeries data = new XYSeries(tr("plot.linear.data"));
        for (int i = 0; i < x.length; i++) {
            data.add(x[i], y[i]);
        }
        XYSeries truth = new XYSeries(tr("plot.linear.truth", trueW, trueB));
        XYSeries fit = new XYSeries(tr("plot.linear.fit", w, b));
        for (double t : new double[] {0, 1}) {
            truth.add(t, trueW * t + trueB);
            fit.add(t, w * t + b);
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(data);
        dataset.addSeries(truth);
        dataset.addSeries(fit);
        JFreeChart chart = ChartFactory.createXYLineChart(tr("plot.linear.title"), "x", "y", dataset,
                PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesShapesVisible(0, true);
        renderer.setSeriesPaint(0, new Color(0, 128, 0, 90));
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesPaint(1, Color.GRAY);
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        renderer.setSeriesShapesVisible(2, false);
        renderer.setSeriesPaint(2, Color.BLUE);
        renderer.setSeriesStroke(2, new BasicStroke(2f));
        style(chart).getXYPlot().setRenderer(renderer);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        return chart;
    }

    /** Mean training loss per epoch; a log scale where the loss spans decades. */
    public static JFreeChart loss(String title, List<Double> losses) {
        XYSeries series = new XYSeries(tr("plot.loss.series"));
        for (int i = 0; i < losses.size(); i++) {
            series.add(i + 1, losses.get(i));
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, tr("plot.loss.epoch"), tr("plot.loss.axis"),
                new XYSeriesCollection(series), PlotOrientation.VERTICAL, false, false, false);
        double min = losses.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = losses.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (min > 0 && max / min > 50) {
            org.jfree.chart.axis.LogAxis axis = new org.jfree.chart.axis.LogAxis(tr("plot.loss.logAxis"));
            axis.setSmallestValue(min / 2);
            chart.getXYPlot().setRangeAxis(axis);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, losses.size() <= 30);
        renderer.setSeriesPaint(0, new Color(200, 60, 20));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        style(chart).getXYPlot().setRenderer(renderer);
        return chart;
    }

    /** ReLU and sigmoid on [-8, 8], the two activation functions the lesson draws. */
    public static JFreeChart activations() {
        XYSeries relu = new XYSeries("ReLU(x) = max(0, x)");
        XYSeries sigmoid = new XYSeries("sigmoid(x) = 1 / (1 + e^-x)");
        for (int i = -160; i <= 160; i++) {
            double x = i / 20.0;
            relu.add(x, Math.max(0, x));
            sigmoid.add(x, 1 / (1 + Math.exp(-x)));
        }
        XYSeriesCollection dataset = new XYSeriesCollection();
        dataset.addSeries(relu);
        dataset.addSeries(sigmoid);
        JFreeChart chart = ChartFactory.createXYLineChart(tr("plot.activations.title"), "x", "f(x)", dataset,
                PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        style(chart).getXYPlot().setRenderer(renderer);
        return chart;
    }

    /**
     * A heat map of {@code values} on a {@code size} x {@code size} grid over [lo, hi]^2, such as
     * the absolute error of the homework MLP.
     */
    public static JFreeChart heatMap(String title, String valueLabel, double[][] values, double lo, double hi) {
        int size = values.length;
        double step = (hi - lo) / (size - 1);
        double[][] xyz = new double[3][size * size];
        double max = 1e-12;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                int k = i * size + j;
                xyz[0][k] = lo + i * step;
                xyz[1][k] = lo + j * step;
                xyz[2][k] = values[i][j];
                max = Math.max(max, values[i][j]);
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries(valueLabel, xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(step);
        renderer.setBlockHeight(step);
        PaintScale scale = new HeatScale(0, max);
        renderer.setPaintScale(scale);
        NumberAxis xAxis = new NumberAxis("x1");
        NumberAxis yAxis = new NumberAxis("x2");
        xAxis.setRange(lo - step / 2, hi + step / 2);
        yAxis.setRange(lo - step / 2, hi + step / 2);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        PaintScaleLegend legend = new PaintScaleLegend(scale, new NumberAxis(valueLabel));
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        return chart;
    }

    /** White through yellow to dark red: small errors fade out, large ones stand out. */
    private record HeatScale(double lower, double upper) implements PaintScale {
        @Override
        public double getLowerBound() {
            return lower;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public java.awt.Paint getPaint(double value) {
            double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower)));
            float hue = (float) (0.16 * (1 - t));
            float saturation = (float) Math.min(1, t * 1.5);
            float brightness = (float) (1 - 0.45 * t);
            return Color.getHSBColor(hue, saturation, brightness);
        }
    }
}
