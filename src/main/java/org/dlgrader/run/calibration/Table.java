package org.dlgrader.run.calibration;

import static org.dlgrader.i18n.Messages.tr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dlgrader.run.calibration.Calibration.CheckCalibration;
import org.dlgrader.run.calibration.Calibration.ExerciseCalibration;

/** The calibration as the console shows it: one block per exercise, one row per check, in the run's language. */
public final class Table {

    private Table() {
    }

    public static String of(List<ExerciseCalibration> exercises) {
        StringBuilder out = new StringBuilder();
        for (ExerciseCalibration exercise : exercises) {
            out.append(tr("calibrate.table.exercise", exercise.id(), exercise.runs().size(), exercise.seconds(),
                    exercise.seconds() / exercise.runs().size(), exercise.seeds().get(0),
                    exercise.seeds().get(exercise.seeds().size() - 1))).append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {tr("calibrate.table.check"), tr("calibrate.table.min"), tr("calibrate.table.q1"),
                tr("calibrate.table.median"), tr("calibrate.table.q3"), tr("calibrate.table.max"), tr("calibrate.table.mean"),
                tr("calibrate.table.sd"), tr("calibrate.table.current"), tr("calibrate.table.proposed"), ""});
            for (CheckCalibration check : exercise.checks()) {
                Distribution d = check.distribution();
                Proposal p = check.proposal();
                rows.add(new String[] {check.name() + " (" + check.metric() + ")", number(d.min()), number(d.q1()),
                    number(d.median()), number(d.q3()), number(d.max()), number(d.mean()),
                    number(d.sd()), p.currentRequirement(), p.proposedRequirement(),
                    p.currentPassesEveryRun() ? "" : tr("calibrate.table.currentFailsARun")});
            }
            out.append(columns(rows));
        }
        return out.toString();
    }

    /** "accuracy 0.6415, loss 1.0712": a run's numbers in one line, the checked ones first. */
    static String metrics(Map<String, Double> metrics) {
        List<String> parts = new ArrayList<>();
        metrics.forEach((name, value) -> parts.add(name + " " + number(value)));
        return String.join(", ", parts);
    }

    /** Four decimals, one more than a report's: the spread between runs is often in the third. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
            return String.format(java.util.Locale.ROOT, "%.2e", value);
        }
        return String.format(java.util.Locale.ROOT, "%.4f", value);
    }

    /** Left-aligned columns; a Chinese character takes two columns of a terminal. */
    private static String columns(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - width(row[i]) + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static int width(String text) {
        return text.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x3000 && c <= 0x303F) ? 2 : 1).sum();
    }
}
