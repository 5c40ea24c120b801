package org.dlgrader.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dlgrader.isolation.IsolatedGrader;
import org.dlgrader.report.Reports;

/**
 * Grades a list of students on {@code threads} threads and writes each student's report as soon as
 * they are done, so a run that is killed half-way keeps what it finished. Results come back in
 * the students' order whatever order they finish in.
 */
public final class ClassRun {

    private ClassRun() {
    }

    /** A folder of submissions, graded: the results and what was found in the folder. */
    public record Graded(List<StudentResult> results, Submissions.Found found) {
    }

    /**
     * Grades the submissions under {@code root} (a class folder or one student's), the run both
     * {@code mvn verify} and the {@code grade} command make: each student's report as they finish,
     * then, for a class, the gradebook and the class page.
     */
    public static Graded gradeFolder(Path assignmentFile, Path root, Path reportsFolder, Shard shard) throws IOException {
        // The first worker starts before the assignment is read: reading it is time the worker's own start can use.
        IsolatedGrader.prestart(assignmentFile);
        Assignment assignment = Assignment.load(assignmentFile);
        Reports reports = new Reports(reportsFolder, assignment);
        Submissions.Found found = Submissions.discover(root);
        List<StudentResult> results = grade(assignmentFile, assignment, shard.of(found.students()), reports);
        if (!found.oneStudent()) {
            reports.wholeClass(results, found.problems());
        }
        return new Graded(results, found);
    }

    /** Grades {@code students} the way the assignment's limits ask (workers or this process), writing their reports. */
    public static List<StudentResult> grade(Path assignmentFile, Assignment assignment, List<Submission> students,
            Reports reports) {
        try (StudentGrader grader = Graders.create(assignmentFile, assignment, reports.folder(), students.size())) {
            if (assignment.limits().isolate()) {
                reports.warmUp();
            }
            return grade(grader, students, Graders.threads(assignment, students.size()), reports);
        }
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
