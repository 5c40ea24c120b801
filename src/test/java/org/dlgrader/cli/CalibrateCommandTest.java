package org.dlgrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlgrader.i18n.Language;
import org.dlgrader.run.calibration.Calibration;
import org.dlgrader.run.calibration.Calibration.ExerciseCalibration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dl-grader calibrate}, as a teacher types it: wrong arguments are named before anything trains. */
@org.junit.jupiter.api.extension.ExtendWith(org.dlgrader.i18n.RestoresLanguage.class)
class CalibrateCommandTest {

    @TempDir
    Path dir;

    private record Ran(int status, String out, String err) {
    }

    private static Ran calibrate(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "calibrate";
            System.arraycopy(args, 0, all, 1, args.length);
            int status = Main.run(all);
            return new Ran(status, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aMistypedExerciseNamesTheNearestAndAllTheAssignmentHas() {
        Ran ran = calibrate("--exercise", "fashion-mpl", "--out", dir.resolve("c.json").toString());

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).isEqualTo("dl-grader calibrate: There is no exercise 'fashion-mpl' (did you mean 'fashion-mlp'?); "
                + "the assignment has: linear, fashion-mlp, fashion-keras, square, pytorch-example, screenshots." + System.lineSeparator());
        assertThat(dir.resolve("c.json")).doesNotExist();
    }

    @Test
    void oneRunIsNoSpread() {
        Ran ran = calibrate("--runs", "1", "--exercise", "linear");

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("--runs 1: a spread needs 2 runs at least");
    }

    @Test
    void aNegativeMarginIsRefused() {
        assertThat(calibrate("--margin", "-0.1").err()).contains("--margin -0.1: the margin must be 0 or more");
        assertThat(calibrate("--runs", "many").err()).contains("Invalid value for option '--runs': 'many' is not an int");
    }

    @Test
    void theWrongExerciseIsToldInTheClassesLanguage() {
        System.setProperty(Language.PROPERTY, "zh-CN");

        Ran ran = calibrate("--exercise", "squre");

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("没有名为 'squre' 的练习（是不是想写 'square'？）；作业中的练习有：linear, fashion-mlp, fashion-keras, square, pytorch-example, screenshots。")
                .doesNotContain("There is no exercise");
    }

    /** The lesson's recipe shortened to 100 steps: the command runs end to end, and says the bars then mean nothing. */
    @Test
    @Tag("slow")
    void twoShortRunsOfLinearWriteTheCalibrationAndATable() throws Exception {
        Path file = dir.resolve("calibration.json");

        Ran ran = calibrate("--exercise", "linear", "--runs", "2", "--epochs", "100", "--quiet", "--out", file.toString());

        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("linear: run 1 of 2, seed 42").contains("linear: run 2 of 2, seed 43")
                .contains("check (metric)").contains("weight w (w)").contains("5.000 ± 0.150")
                .contains("Written " + file).contains("assignment.json was not changed");
        ExerciseCalibration linear = Calibration.read(file).exercises().get(0);
        assertThat(linear.seeds()).containsExactly(42L, 43L);
        assertThat(linear.epochs()).isEqualTo(100);
        assertThat(linear.runs()).hasSize(2).allSatisfy(run -> assertThat(run.metrics()).containsKeys("w", "b", "mse"));
        assertThat(linear.checks()).extracting(c -> c.proposal().rule()).containsExactly("within", "within");
        assertThat(linear.checks().get(0).distribution().n()).isEqualTo(2);
    }
}
