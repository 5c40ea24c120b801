package org.dlgrader.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.MeasurementCache;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.StudentGrader;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;
import org.dlgrader.grading.Submissions;
import org.dlgrader.report.Reports;

/**
 * Grades a list of students on several threads and writes each student's report as soon as they
 * are done, so a run that is killed half-way keeps what it finished. Results come back in the
 * students' order whatever order they finish in.
 */
public final class ClassRun {

    private ClassRun() {
    }

    /** A folder of submissions, graded: the results, what was found in the folder, and how models ran. */
    public record Graded(List<StudentResult> results, Submissions.Found found, List<String> notices) {
    }

    /**
     * Grades the submissions under {@code root} (a class folder or one student's), the run both
     * {@code mvn verify} and the {@code grade} command make: each student's report as they finish,
     * then, for a class, the gradebook and the class page.
     */
    public static Graded gradeFolder(Path assignmentFile, Path root, Path reportsFolder, Shard shard) throws IOException {
        Assignment assignment = Assignment.load(assignmentFile);
        Submissions.Found found = Submissions.discover(root);
        List<Submission> students = shard.of(found.students());
        Reports reports = new Reports(reportsFolder, assignment);
        Runners.Choice choice = Runners.create(assignment, students.size(), found.oneStudent());
        List<String> notices = choice.notice() == null ? List.of() : List.of(choice.notice());
        List<StudentResult> results;
        try (StudentGrader grader = new Grader(assignment, choice.runner(), new MeasurementCache(reportsFolder.resolve(".cache"), assignment))) {
            reports.warmUp();
            // The rows models are fed (the test set takes a third of a second to decode) while the first worker starts.
            assignment.exercises().forEach(e -> e.exercise().task().inputs(assignment.seed()));
            results = grade(grader, students, Runners.threads(assignment, students.size()), reports);
        }
        if (!found.oneStudent()) {
            reports.wholeClass(results, found.problems(), notices);
        }
        return new Graded(results, found, notices);
    }

    public static List<StudentResult> grade(StudentGrader grader, List<Submission> students, int threads, Reports reports) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "grading");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<StudentResult>> pending = new ArrayList<>();
            for (Submission student : students) {
                pending.add(pool.submit(() -> {
                    StudentResult result = grader.grade(student);
                    if (reports != null) {
                        reports.student(result);
                    }
                    return result;
                }));
            }
            List<StudentResult> results = new ArrayList<>();
            for (Future<StudentResult> future : pending) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grading was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException("could not write a report", io);
            }
            throw new IllegalStateException("grading failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
