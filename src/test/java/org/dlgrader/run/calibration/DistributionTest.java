package org.dlgrader.run.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spread of real calibration runs, checked against NumPy on the same values
 * ({@code numpy.percentile(v, [0, 25, 50, 75, 100])}, {@code numpy.std(v, ddof=1)}).
 */
class DistributionTest {

    /** w of the linear reference, seeds 42, 43 and 44, as calibrate measured it. */
    static final List<Double> LINEAR_W = List.of(5.013543128967285, 5.001447677612305, 4.983980178833008);

    @Test
    void quartilesInterpolateBetweenRunsAsNumPyDoes() {
        Distribution w = Distribution.of(LINEAR_W);

        assertThat(w.n()).isEqualTo(3);
        assertThat(w.min()).isEqualTo(4.983980178833008);
        assertThat(w.q1()).isCloseTo(4.99271393, within(1e-8));
        assertThat(w.median()).isEqualTo(5.001447677612305);
        assertThat(w.q3()).isCloseTo(5.0074954, within(1e-7));
        assertThat(w.max()).isEqualTo(5.013543128967285);
        assertThat(w.mean()).isCloseTo(4.999656995137532, within(1e-12));
        assertThat(w.sd()).as("sample standard deviation, n - 1").isCloseTo(0.014862601150355016, within(1e-12));
    }

    @Test
    void anEvenNumberOfRunsHasTheMedianBetweenTheMiddleTwo() {
        Distribution d = Distribution.of(List.of(0.6452, 0.6388, 0.6415, 0.6437));

        assertThat(d.median()).isCloseTo((0.6415 + 0.6437) / 2, within(1e-12));
        // numpy.percentile([0.6388, 0.6415, 0.6437, 0.6452], 25) = 0.640825
        assertThat(d.q1()).isCloseTo(0.640825, within(1e-12));
        assertThat(d.q3()).isCloseTo(0.644075, within(1e-12));
    }

    @Test
    void theOrderOfTheRunsDoesNotMatter() {
        assertThat(Distribution.of(List.of(3.0, 1.0, 2.0))).isEqualTo(Distribution.of(List.of(1.0, 2.0, 3.0)));
    }

    @Test
    void oneRunIsNoSpreadAndANaNIsNoMeasurement() {
        assertThatThrownBy(() -> Distribution.of(List.of(0.64))).hasMessageContaining("two values at least");
        assertThatThrownBy(() -> Distribution.of(List.of(0.64, Double.NaN))).hasMessageContaining("NaN");
    }
}
