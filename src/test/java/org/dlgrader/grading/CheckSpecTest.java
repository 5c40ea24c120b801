package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckSpecTest {

    private static CheckSpec atLeast(double bar, Double partialFrom) {
        return new CheckSpec("test accuracy", "accuracy", 10, bar, partialFrom, null, null, null, null, null, 0.652);
    }

    @Test
    void atOrAboveTheBarIsFullPoints() {
        Score score = atLeast(0.64, 0.3).score("fashion-mlp", 0.64);
        assertThat(score.passed()).isTrue();
        assertThat(score.points()).isEqualTo(10);
        assertThat(score.message()).isEqualTo("accuracy 0.640 reaches the required 0.640 (reference 0.652)");
    }

    @Test
    void belowTheBarTheMessageSaysByHowMuchAndPartialCreditIsLinear() {
        Score score = atLeast(0.64, 0.30).score("fashion-mlp", 0.612);
        assertThat(score.passed()).isFalse();
        assertThat(score.message()).isEqualTo("accuracy 0.612 is below the required 0.640 (reference 0.652)");
        assertThat(score.points()).isEqualTo(9.18); // 10 * (0.612 - 0.30) / (0.64 - 0.30)
        assertThat(atLeast(0.64, 0.30).score("x", 0.2).points()).isZero();
        assertThat(atLeast(0.64, null).score("x", 0.63).points()).isZero();
    }

    @Test
    void atMostWithPartialCredit() {
        CheckSpec mse = new CheckSpec("test MSE", "mse", 10, null, null, 0.001, 0.05, null, null, null, null);
        assertThat(mse.score("square", 0.0005).points()).isEqualTo(10);
        Score over = mse.score("square", 0.0255);
        assertThat(over.points()).isEqualTo(5);
        assertThat(over.message()).isEqualTo("mse 0.026 is above the allowed 0.001");
        assertThat(mse.score("square", 0.2).points()).isZero();
    }

    @Test
    void targetWithToleranceForTheWeight() {
        CheckSpec w = new CheckSpec("weight w", "w", 5, null, null, null, null, 5.0, 0.15, 1.0, null);
        assertThat(w.score("linear", 4.9).passed()).isTrue();
        Score off = w.score("linear", 4.0);
        assertThat(off.passed()).isFalse();
        assertThat(off.points()).isZero();
        assertThat(off.message()).isEqualTo("w = 4.000 is 1.000 away from 5.000; it must be within 0.150");
        assertThat(w.score("linear", 5.575).points()).isEqualTo(2.5);
    }

    @Test
    void aCheckNeedsExactlyOneRule() {
        CheckSpec both = new CheckSpec("bad", "mse", 1, 0.5, null, 0.5, null, null, null, null, null);
        assertThatThrownBy(() -> both.validate("square"))
                .hasMessage("assignment: check 'bad' of exercise 'square' must have exactly one of atLeast, atMost or target+tolerance");
        CheckSpec noTolerance = new CheckSpec("w", "w", 1, null, null, null, null, 5.0, null, null, null);
        assertThatThrownBy(() -> noTolerance.validate("linear")).hasMessageContaining("has a target but no tolerance");
    }
}
