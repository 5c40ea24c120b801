package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.dlgrader.grading.rules.AtLeast;
import org.dlgrader.grading.rules.AtMost;
import org.dlgrader.grading.rules.Within;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The three kinds of rule: their verdict, partial credit and sentence. */
class CheckTest {

    @AfterEach
    void english() {
        Messages.use(Language.EN);
    }

    private static Check atLeast(double bar, Double partialFrom) {
        return new Check("test accuracy", "accuracy", 10, new AtLeast(bar, partialFrom), 0.652);
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
        Check mse = new Check("test MSE", "mse", 10, new AtMost(0.001, 0.05), null);
        assertThat(mse.score("square", 0.0005).points()).isEqualTo(10);
        Score over = mse.score("square", 0.0255);
        assertThat(over.points()).isEqualTo(5);
        assertThat(over.message()).isEqualTo("MSE 0.026 is above the allowed 0.001");
        assertThat(mse.score("square", 0.2).points()).isZero();
    }

    @Test
    void targetWithToleranceForTheWeight() {
        Check w = new Check("weight w", "w", 5, new Within(5.0, 0.15, 1.0), null);
        assertThat(w.score("linear", 4.9).passed()).isTrue();
        Score off = w.score("linear", 4.0);
        assertThat(off.passed()).isFalse();
        assertThat(off.points()).isZero();
        assertThat(off.message()).isEqualTo("w = 4.000 is 1.000 away from 5.000; it must be within 0.150");
        assertThat(w.score("linear", 5.575).points()).isEqualTo(2.5);
    }

    @Test
    void requirementsInAFewSymbols() {
        assertThat(atLeast(0.62, null).requirement()).isEqualTo("≥ 0.620");
        assertThat(new AtMost(1e-3, null).requirement()).isEqualTo("≤ 0.001");
        assertThat(new Within(5, 0.15, null).requirement()).isEqualTo("5.000 ± 0.150");
    }

    @Test
    void aChineseClassReadsTheSameVerdictInChinese() {
        Messages.use(Language.ZH_CN);
        assertThat(atLeast(0.64, 0.30).score("fashion-mlp", 0.612).message()).isEqualTo("准确率为 0.612，低于要求的 0.640（参考值 0.652）");
        Check w = new Check("权重 w", "w", 5, new Within(5.0, 0.15, 1.0), null);
        assertThat(w.score("linear", 4.0).message()).isEqualTo("w = 4.000，与 5.000 相差 1.000；差距必须在 0.150 以内");
        assertThat(w.zero("linear", "没有提交模型文件").message()).isEqualTo("0 分：没有提交模型文件");
        assertThat(Suggestions.nearest("acuracy", java.util.List.of("accuracy", "loss"))).isEqualTo("（是不是想写 'accuracy'？）");
        assertThat(Gate.FILE.title()).isEqualTo("模型文件");
        // The requirement is symbols and numbers: the same in every language.
        assertThat(w.requirement()).isEqualTo("5.000 ± 0.150");
    }

    @Test
    void aGateIsKnownByItsConstantAndNamedInEveryLanguage() {
        assertThat(Gate.LOADS.title()).isEqualTo("model loads");
        assertThat(Gate.LOADS.titles()).containsExactly("model loads", "模型加载");
        assertThat(Outcome.NOT_GRADABLE.description()).isEqualTo("not gradable");
    }
}
