package org.dlgrader.grading;

import java.nio.file.Path;
import org.dlgrader.isolation.IsolatedGrader;

/** The grader the assignment's limits ask for: worker processes (the default) or this process. */
public final class Graders {

    private Graders() {
    }

    public static StudentGrader create(Path assignmentFile, Assignment assignment, Path reports) {
        if (assignment.limits().isolate()) {
            return new IsolatedGrader(assignmentFile, assignment, reports.resolve(".cache"));
        }
        return new Grader(assignment);
    }

    /** Grading threads: one per worker process, or one per core in this process. */
    public static int threads(Assignment assignment) {
        return assignment.limits().isolate() ? assignment.limits().workerCount() : Runtime.getRuntime().availableProcessors();
    }
}
