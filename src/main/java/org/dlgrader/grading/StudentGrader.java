package org.dlgrader.grading;

import java.util.ArrayList;
import java.util.List;

/** Grades one student, exercise by exercise, in this process or in a worker. */
public interface StudentGrader extends AutoCloseable {

    Assignment assignment();

    /** One exercise; never throws for a bad file, which scores zero with its reason instead. */
    ExerciseResult grade(Submission submission, ExerciseSpec exercise);

    default StudentResult grade(Submission submission) {
        List<ExerciseResult> results = new ArrayList<>();
        for (ExerciseSpec exercise : assignment().exercises()) {
            // Points given by hand come from the teacher's file, whichever way the models are graded.
            results.add(exercise.manual()
                    ? Scoring.manual(exercise, assignment().manualGrades().of(submission.studentId(), exercise.id()))
                    : grade(submission, exercise));
        }
        // The time is read here, in the grading process, from the student's folder as intake left it.
        return new StudentResult(submission, results,
                Lateness.of(SubmissionTime.of(submission.folder()), assignment().latePolicy()));
    }

    @Override
    default void close() {
    }
}
