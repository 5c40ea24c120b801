package org.dlgrader.grading.integrity;

/**
 * Something a teacher should look at before trusting a score: two students' models that are too
 * alike, or one model that knows the test set. A finding never changes points; the teacher decides.
 * One row of {@code reports/integrity.csv}.
 *
 * @param kind {@code identical-file}, {@code same-weights}, {@code shared-mistakes}, {@code test-set-training}
 *     or {@code private-check-drop}
 * @param exercise the exercise id
 * @param studentA a student id
 * @param studentB the other student's id, or empty for a finding about one student
 * @param evidence the figures behind it (agreement, distance, accuracies), for the teacher to weigh
 * @param threshold the bar the evidence crossed, as the assignment sets it
 */
public record Finding(String kind, String exercise, String studentA, String studentB, String evidence, String threshold) {

    public Finding {
        studentB = studentB == null ? "" : studentB;
    }
}
