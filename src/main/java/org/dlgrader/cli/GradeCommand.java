package org.dlgrader.cli;

import java.nio.file.Path;
import org.dlgrader.grading.AssignmentError;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.GraderError;
import org.dlgrader.grading.SelectionError;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.run.ClassRun;

/**
 * {@code dl-grader grade [folder]}: the same grading as {@code mvn verify}, without JUnit, for
 * scripts and for students who want a one-line answer. Exit status: 0 graded; 2 the assignment
 * file or the folder asked for is wrong; 3 the grader could not grade (said once, at the top).
 */
final class GradeCommand {

    static final int BAD_INPUT = 2;
    static final int GRADER_ERROR = 3;

    private GradeCommand() {
    }

    static int run(Path submissions, Path assignmentFile, Path reportsFolder, Shard shard) throws Exception {
        ClassRun.Graded graded;
        try {
            graded = ClassRun.gradeFolder(assignmentFile, submissions, reportsFolder, shard);
        } catch (AssignmentError | SelectionError e) {
            System.err.println("dl-grader: " + e.getMessage());
            return BAD_INPUT;
        } catch (GraderError e) {
            System.err.println("dl-grader: " + e.getMessage());
            return GRADER_ERROR;
        }
        for (String error : graded.graderErrors()) {
            System.out.println("!! NOT GRADED (a grader error, nobody's score): " + error);
        }
        graded.notices().forEach(notice -> System.out.println("!! " + notice));
        graded.found().problems().forEach(problem -> System.out.println("! " + problem));
        for (StudentResult result : graded.results()) {
            System.out.println(result.summary());
            for (ExerciseResult exercise : result.exercises()) {
                exercise.scores().stream().filter(s -> !s.passed())
                        .forEach(s -> System.out.println("    " + s.testName() + ": " + s.message()));
            }
        }
        System.out.println("Graded " + graded.results().size() + " student(s); reports in " + reportsFolder.toAbsolutePath());
        return graded.graderErrors().isEmpty() ? 0 : GRADER_ERROR;
    }
}
