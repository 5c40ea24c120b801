package org.dlgrader.grading;

import java.nio.file.Path;
import org.dlgrader.isolation.IsolatedGrader;

/** The grader the assignment's limits ask for: worker processes (the default) or this process. */
public final class Graders {

    private Graders() {
    }

    /**
     * A worker's start (JVM, libtorch, the test set) costs about as much CPU as grading five
     * students, so a small class gets fewer workers than the machine could run.
     */
    static final int STUDENTS_PER_WORKER = 6;

    public static StudentGrader create(Path assignmentFile, Assignment assignment, Path reports, int students) {
        if (assignment.limits().isolate()) {
            return new IsolatedGrader(assignmentFile, assignment, reports.resolve(".cache"), workers(assignment, students));
        }
        IsolatedGrader.discardPrestarted();
        return new Grader(assignment);
    }

    /** Worker processes for a class of {@code students}: as many as fit, never more than the work needs. */
    public static int workers(Assignment assignment, int students) {
        int useful = (students + STUDENTS_PER_WORKER - 1) / STUDENTS_PER_WORKER;
        return Math.max(1, Math.min(assignment.limits().workerCount(), useful));
    }

    /**
     * Grading threads: with workers, one more than the models they run at once, so that while one
     * thread writes a student's page the others keep the workers busy; in this process, one per core.
     */
    public static int threads(Assignment assignment, int students) {
        if (assignment.limits().isolate()) {
            return Math.min(students, workers(assignment, students) * assignment.limits().modelsPerWorker() + 1);
        }
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), students));
    }
}
