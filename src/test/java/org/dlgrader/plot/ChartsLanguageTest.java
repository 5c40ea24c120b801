package org.dlgrader.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The words on a chart a student sees are the class's language; the formulas and numbers are not. */
class ChartsLanguageTest {

    @AfterEach
    void english() {
        Messages.use(Language.EN);
    }

    private static JFreeChart linear() {
        return Charts.linearFit(new float[] {0, 1}, new float[] {1, 3}, 2, 1, 2.0014, 0.9996);
    }

    @Test
    void theLinearRegressionChartInEnglish() {
        JFreeChart chart = linear();
        assertThat(chart.getTitle().getText()).isEqualTo("Linear regression");
        assertThat(chart.getXYPlot().getDataset().getSeriesKey(1)).isEqualTo("true  y = 2x + 1");
        assertThat(chart.getXYPlot().getDataset().getSeriesKey(2)).isEqualTo("fitted y = 2.001x + 1.000");
    }

    @Test
    void theLinearRegressionAndLossChartsInChinese() {
        Messages.use(Language.ZH_CN);
        JFreeChart chart = linear();
        assertThat(chart.getTitle().getText()).isEqualTo("线性回归");
        assertThat(chart.getXYPlot().getDataset().getSeriesKey(2)).isEqualTo("拟合值 y = 2.001x + 1.000");
        JFreeChart loss = Charts.loss("MSE", List.of(1000.0, 1.0));
        assertThat(loss.getXYPlot().getDomainAxis().getLabel()).isEqualTo("轮次（epoch）");
        assertThat(loss.getXYPlot().getRangeAxis().getLabel()).isEqualTo("损失（对数刻度）");
    }
}
