package org.dlgrader.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dlgrader.data.FashionMnist;
import org.dlgrader.exercise.linear.LinearTask;
import org.dlgrader.exercise.square.SquareTask;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.dlgrader.model.LoadedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the tasks tell a student, in the class's language: a wrong shape, the class names of the
 * pages. Files (metrics.json, the data set's own names) keep the English names.
 */
class TaskTextsTest {

    @AfterEach
    void english() {
        Messages.use(Language.EN);
    }

    private static LoadedModel.Output twoWide(int rows) {
        return new LoadedModel.Output(new float[2 * rows], rows, 2);
    }

    @Test
    void classNamesAreTheDataSetsInEnglishAndTranslatedInChinese() {
        assertThat(Exercises.FASHION_MLP.classNames()).isEqualTo(FashionMnist.CLASS_NAMES);
        Messages.use(Language.ZH_CN);
        assertThat(Exercises.FASHION_KERAS.classNames()).hasSize(10).startsWith("T恤/上衣", "裤子").endsWith("短靴");
    }

    @Test
    void aWrongShapeIsSaidInTheClassesLanguage() {
        assertThat(new LinearTask().evaluate(List.of(twoWide(2), twoWide(1000)), false, 1).shapeProblem())
                .isEqualTo("the model gives 2 outputs per x; y = wx + b needs 1");
        Messages.use(Language.ZH_CN);
        assertThat(new SquareTask().evaluate(List.of(twoWide(10_000), twoWide(41 * 41)), false, 1).shapeProblem())
                .isEqualTo("模型对每个点给出 2 个输出；y = x1² + x2² 只需要 1 个");
    }
}
