package org.dlgrader.cli;

import java.nio.file.Path;
import org.dlgrader.run.ClassRun;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.StudentResult;

/**
 * {@code dl-grader grade [folder]}: the same grading as {@code mvn verify}, without JUnit, for
 * scripts and for students who want a one-line answer.
 */
final class GradeCommand {

    private GradeCommand() {
    }

    static int run(Path submissions, Path assignmentFile, Path reportsFolder, Shard shard) throws Exception {
        ClassRun.Graded graded = ClassRun.gradeFolder(assignmentFile, submissions, reportsFolder, shard);
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
        return 0;
    }
}
