package org.dlgrader.run;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.Grader;
import org.dlgrader.grading.PrivateSeed;
import org.dlgrader.grading.MeasurementCache;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Shard;
import org.dlgrader.grading.StudentGrader;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.Submission;
import org.dlgrader.grading.Submissions;
import org.dlgrader.grading.integrity.Signatures;
import org.dlgrader.report.ClassResults;
import org.dlgrader.report.Reports;

/**
 * One grading run over a folder: what was asked is checked, what the run needs is checked, then
 * students are graded on several threads, each report written as soon as its student is done (a
 * run killed half-way keeps what it finished), and the class files after.
 */
public final class ClassRun {

    private ClassRun() {
    }

    /**
     * A folder of submissions, graded: the results, what was found in the folder, how models ran,
     * and the grader errors among the results (each said once, however many students it touched).
     */
    public record Graded(Assignment assignment, List<StudentResult> results, Submissions.Found found, List<String> notices) {

        public List<String> graderErrors() {
            LinkedHashSet<String> reasons = new LinkedHashSet<>();
            for (StudentResult result : results) {
                for (ExerciseResult exercise : result.exercises()) {
                    if (exercise.outcome() == Outcome.GRADER_ERROR) {
                        reasons.add(exercise.measurement().reason());
                    }
                }
            }
            return List.copyOf(reasons);
        }
    }

    /**
     * Grades the submissions under {@code root} (a class folder or one student's), the run both
     * {@code mvn verify} and the {@code grade} command make. A class run writes the gradebook and
     * the class page; one student's run updates them, when a class run made them, from the other
     * students' stored results, without grading those again.
     *
     * @throws org.dlgrader.grading.AssignmentError when the assignment file cannot be used
     * @throws org.dlgrader.grading.SelectionError when the folder does not exist or holds no student
     * @throws org.dlgrader.grading.GraderError when the machine cannot grade (no data set, no worker)
     */
    public static Graded gradeFolder(Path assignmentFile, Path root, Path reportsFolder, Shard shard) throws IOException {
        return gradeFolder(assignmentFile, root, reportsFolder, shard, null);
    }

    /**
     * As above, with only {@code exercise} graded when it is not null or blank: a student checking
     * one exercise. Their page shows that exercise; the class files are left as they are.
     */
    public static Graded gradeFolder(Path assignmentFile, Path root, Path reportsFolder, Shard shard, String exercise)
            throws IOException {
        Assignment whole = Assignment.load(assignmentFile);
        boolean oneExercise = exercise != null && !exercise.isBlank();
        Assignment chosen = oneExercise ? whole.only(exercise.trim()) : whole;
        Submissions.Found found = Selection.find(root);
        // Read on every run, checked against the whole class (not one shard) and the whole assignment
        // (not the one exercise checked); one student's own run does not judge the teacher's other rows.
        Assignment assignment = chosen.withManualGrades(org.dlgrader.grading.ManualGrades.load(whole,
                found.oneStudent() ? null : found.students().stream().map(Submission::studentId).toList()));
        List<Submission> students = shard.of(found.students());
        Reports reports = new Reports(reportsFolder, assignment);
        Runners.Choice choice = Runners.create(assignment, students.size(), found.oneStudent());
        java.util.OptionalLong secret = PrivateSeed.configured();
        List<String> notices = new ArrayList<>();
        if (choice.notice() != null) {
            notices.add(choice.notice());
        }
        if (!found.oneStudent() && assignment.testSetChecks().trainingSample() > 0
                && assignment.exercises().stream().anyMatch(e -> !e.manual() && !e.exercise().classNames().isEmpty())
                && !org.dlgrader.data.FashionMnistLocator.isInstalled(org.dlgrader.data.FashionMnist.Split.TRAIN)) {
            notices.add(tr("integrity.testSetTraining.skipped"));
        }
        if (secret.isEmpty() && !found.oneStudent() && assignment.exercises().stream().anyMatch(e -> !e.manual() && !e.exercise().classNames().isEmpty())) {
            notices.add(tr("integrity.privateCheck.skipped"));
        }
        List<StudentResult> results;
        try (StudentGrader grader = new Grader(assignment, choice.runner(),
                new MeasurementCache(reportsFolder.resolve(".cache"), assignment, secret), new Signatures(reportsFolder), secret)) {
            reports.warmUp();
            Preflight.check(assignment, choice.runner());
            results = grade(grader, students, Runners.threads(assignment, students.size()), reports);
        }
        if (oneExercise) {
            // A gradebook of one exercise would hide the others' points: the class files wait for a whole run.
            return new Graded(assignment, results, found, notices);
        }
        reports.handinGuide();
        if (!found.oneStudent()) {
            reports.wholeClass(results, found.problems(), notices);
        } else if (Files.isRegularFile(reportsFolder.resolve(ClassResults.FILE))) {
            updateClass(reports, assignment, reportsFolder, results);
        }
        return new Graded(assignment, results, found, notices);
    }

    /** The class files again, with these students' new results in place of their old ones. */
    private static void updateClass(Reports reports, Assignment assignment, Path reportsFolder, List<StudentResult> fresh)
            throws IOException {
        ClassResults.Read stored;
        try {
            stored = ClassResults.read(reportsFolder, assignment);
        } catch (IOException | RuntimeException e) {
            // Made with another assignment file: the next class run writes them anew.
            return;
        }
        List<StudentResult> all = new ArrayList<>();
        for (StudentResult old : stored.results()) {
            all.add(fresh.stream().filter(r -> r.submission().studentId().equals(old.submission().studentId())).findFirst().orElse(old));
        }
        for (StudentResult result : fresh) {
            if (all.stream().noneMatch(r -> r.submission().studentId().equals(result.submission().studentId()))) {
                all.add(result);
            }
        }
        reports.wholeClass(all, stored.problems(), stored.notices());
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
                throw new UncheckedIOException(tr("run.classRun.reportNotWritten"), io);
            }
            throw new IllegalStateException("grading failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
