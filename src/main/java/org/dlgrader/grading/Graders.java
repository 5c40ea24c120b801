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
            return new IsolatedGrader(assignmentFile, assignment, reports.resolve(".cache"), threads(assignment, students));
        }
        return new Grader(assignment);
    }

    /** Grading threads: one per worker process, or one per core in this process; never more than the work needs. */
    public static int threads(Assignment assignment, int students) {
        int machine = assignment.limits().isolate() ? assignment.limits().workerCount() : Runtime.getRuntime().availableProcessors();
        int useful = assignment.limits().isolate() ? (students + STUDENTS_PER_WORKER - 1) / STUDENTS_PER_WORKER : students;
        return Math.max(1, Math.min(machine, useful));
    }
}
