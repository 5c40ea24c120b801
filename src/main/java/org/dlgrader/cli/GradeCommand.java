package org.dlgrader.cli;

import static org.dlgrader.i18n.Messages.tr;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.AssignmentError;
import org.dlgrader.grading.GraderError;
import org.dlgrader.grading.SelectionError;
import org.dlgrader.grading.Shard;
import org.dlgrader.report.ConsoleReport;
import org.dlgrader.run.ClassRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dl-grader grade [folder]}: the same grading as {@code mvn verify}, without JUnit, for
 * scripts and for students who want a one-line answer. Exit status: 0 graded; 2 the assignment
 * file or the folder asked for is wrong; 3 the grader could not grade (said once, at the top).
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "${bundle:cli.grade.description}")
final class GradeCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;
    static final int GRADER_ERROR = 3;

    @Parameters(paramLabel = "FOLDER", arity = "0..1", descriptionKey = "cli.grade.param.folder")
    Path submissions = Path.of("submissions");

    @Option(names = "--assignment", descriptionKey = "cli.grade.option.assignment")
    Path assignmentFile = Assignment.DEFAULT;

    @Option(names = "--reports", descriptionKey = "cli.grade.option.reports")
    Path reportsFolder = Path.of("reports");

    @Option(names = "--shard", paramLabel = "K/N", descriptionKey = "cli.grade.option.shard")
    String shard = System.getProperty("grader.shard");

    @Option(names = "--exercise", paramLabel = "ID", descriptionKey = "cli.grade.option.exercise")
    String exercise;

    @Override
    public Integer call() throws Exception {
        // One libtorch thread per model: grading runs one model per core already.
        EngineSettings.applyDefaults(1);
        ClassRun.Graded graded;
        try {
            graded = ClassRun.gradeFolder(assignmentFile, submissions, reportsFolder, Shard.parse(shard), exercise);
        } catch (AssignmentError | SelectionError e) {
            System.err.println("dl-grader: " + e.getMessage());
            return BAD_INPUT;
        } catch (GraderError e) {
            System.err.println("dl-grader: " + e.getMessage());
            return GRADER_ERROR;
        }
        for (String error : graded.graderErrors()) {
            System.out.println("!! " + tr("report.console.graderError", error));
        }
        if (graded.found().oneStudent()) {
            graded.notices().forEach(notice -> System.out.println("!! " + notice));
            graded.results().forEach(result -> System.out.print(ConsoleReport.student(graded.assignment(), result, reportsFolder)));
        } else {
            System.out.print(ConsoleReport.classSummary(graded.assignment(), graded.results(), graded.found().problems(),
                    graded.notices(), reportsFolder));
        }
        return graded.graderErrors().isEmpty() ? 0 : GRADER_ERROR;
    }
}
