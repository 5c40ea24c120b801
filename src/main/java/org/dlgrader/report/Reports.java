package org.dlgrader.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.grading.integrity.Finding;
import org.dlgrader.grading.integrity.Findings;

/**
 * Everything written into {@code reports/}: per student (as soon as they are graded) their
 * results.json and page; per class (when all are done) the gradebook and the class page.
 */
public final class Reports {

    private final Path folder;
    private final Assignment assignment;

    public Reports(Path folder, Assignment assignment) {
        this.folder = folder;
        this.assignment = assignment;
    }

    public Path folder() {
        return folder;
    }

    public void student(StudentResult result) throws IOException {
        ResultsJson.write(folder, result);
        StudentPage.write(folder, assignment.title(), result, assignment.handedIn());
    }

    /** {@code handin.html}: which file to hand in for each exercise, and the line of code that writes it. */
    public void handinGuide() throws IOException {
        HandinGuide.write(folder, assignment);
    }

    /**
     * Renders an empty class page in the background and throws it away, so that the real one finds
     * fonts, chart classes and templates loaded (a quarter second in a cold JVM). Worth it while this
     * process would otherwise wait: for worker processes to start.
     */
    public void warmUp() {
        Thread thread = new Thread(() -> ClassPage.render(assignment, List.of(), List.of(), List.of()), "report-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * @param problems of the submissions folder (two folders for one id, unusable names)
     * @param notices how this run graded (no sandbox, isolation off), for the teacher
     */
    public void wholeClass(List<StudentResult> results, List<String> problems, List<String> notices) throws IOException {
        Gradebook.write(folder, assignment, results);
        SchoolExports.write(folder, assignment, results);
        // From the signatures stored as students were graded: the same for a merged or partly regraded class.
        List<Finding> findings = Findings.gather(assignment, results, folder);
        IntegrityCsv.write(folder, findings);
        ClassPage.write(folder, assignment, results, problems, notices, findings);
        ClassResults.write(folder, results, problems, notices);
    }
}
