package org.dlgrader.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Measurement;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;

/**
 * A student whose name, folder and reasons try to take over what the grader prints: workflow
 * commands at the start of a line (after a newline, or a %0A the runner would decode), the legacy
 * {@code ##[error]} form the runner honours anywhere in a line, terminal escapes that move the
 * cursor back over the gradebook, table pipes, a trailing backslash that escapes the next pipe,
 * and HTML. A name comes from the folder or from submission.properties ({@code name=a\nb} is a
 * newline), a reason can quote what a model file raised: all of it is the student's to choose.
 */
final class HostileStudent {

    static final String ATTACK = "李四::error::forged %0A::error::decoded %25 \n::warning::x\r\n  ::notice::indented\u000b"
            + "::debug::vt \u2028::error::ls \u001b[1A\u001b[2K2024002  李四  10  10  10  10  40 / 40 ##[error]legacy "
            + "##[stop-commands]token | a | b ![x](https://example.invalid/x.png) <img src=x onerror=alert(1)> <script>alert(1)</script> \\";

    private HostileStudent() {
    }

    /** Every exercise of {@code assignment} lost with {@link #ATTACK} as the reason, in every way an exercise can be lost. */
    static StudentResult of(Assignment assignment) {
        Submission submission = new Submission("2024002", ATTACK, "x@example.edu", Path.of("submissions", "2024002-" + ATTACK));
        List<ExerciseResult> exercises = new ArrayList<>();
        Outcome[] outcomes = {Outcome.MEASURED, Outcome.MISSING, Outcome.REFUSED, Outcome.NOT_GRADABLE};
        for (int i = 0; i < assignment.exercises().size(); i++) {
            ExerciseSpec spec = assignment.exercises().get(i);
            if (spec.manual()) {
                // A comment pasted into grades-manual.csv from a student's email reaches the same pages.
                exercises.add(org.dlgrader.grading.Scoring.manual(spec, java.util.Optional.of(
                        new org.dlgrader.grading.ManualGrades.Grade(0, ATTACK))));
                continue;
            }
            Outcome outcome = outcomes[i % outcomes.length];
            String file = outcome == Outcome.MISSING ? null : spec.files().get(0);
            Measurement measurement = new Measurement(spec.id(), file, outcome, outcome == Outcome.MEASURED ? null : ATTACK, null,
                    List.of(), null, 0);
            List<Score> scores = List.of(
                    new Score(spec.id(), "model file", 0, 0, outcome != Outcome.MISSING, Double.NaN, "", null, ATTACK),
                    new Score(spec.id(), spec.checks().get(0).name(), 0, spec.maxPoints(), false,
                            outcome == Outcome.MEASURED ? 0.25 : Double.NaN, "≥ 0.620", 0.642, ATTACK));
            exercises.add(new ExerciseResult(spec, measurement, scores, List.of()));
        }
        return new StudentResult(submission, exercises);
    }
}
