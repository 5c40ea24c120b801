package org.dlgrader.grading.integrity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.StudentResult;

/**
 * The integrity report's findings for a class, from every source, gathered in one place: what
 * {@code reports/integrity.csv} and the class page list. Computed from what is stored in the
 * reports folder, so a merged or partly regraded class gets the findings one whole run would.
 */
public final class Findings {

    private Findings() {
    }

    public static List<Finding> gather(Assignment assignment, List<StudentResult> results, Path reports) {
        List<String> ids = results.stream().map(r -> r.submission().studentId()).toList();
        List<Finding> all = new ArrayList<>(Copies.find(assignment, ids, new Signatures(reports)));
        all.addAll(TestSetTraining.findings(results, assignment.testSetChecks()));
        all.addAll(PrivateCheckDrop.findings(results, assignment.testSetChecks()));
        List<String> order = assignment.exercises().stream().map(e -> e.id()).toList();
        all.sort(Comparator.comparing((Finding f) -> order.indexOf(f.exercise())).thenComparing(Finding::kind)
                .thenComparing(Finding::studentA).thenComparing(Finding::studentB));
        return all;
    }
}
