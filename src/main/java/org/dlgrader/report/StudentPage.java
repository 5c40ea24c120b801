package org.dlgrader.report;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlgrader.grading.ExerciseResult;
import org.dlgrader.grading.HandedInLimits;
import org.dlgrader.grading.Outcome;
import org.dlgrader.grading.Score;
import org.dlgrader.grading.StudentResult;
import org.dlgrader.io.AtomicFiles;
import org.dlgrader.plot.Figure;

/** {@code reports/<student-id>/index.html}: why each point was won or lost, with pictures. */
public final class StudentPage {

    public static final String FILE = "index.html";

    private StudentPage() {
    }

    public static Path write(Path reports, String title, StudentResult result, HandedInLimits handedIn) throws IOException {
        Path file = reports.resolve(ResultsJson.folderName(result.submission().studentId())).resolve(FILE);
        AtomicFiles.write(file, render(title, result, Instant.now(), handedIn));
        return file;
    }

    public static String render(String title, StudentResult result) {
        return render(title, result, Instant.now());
    }

    public static String render(String title, StudentResult result, Instant graded) {
        return render(title, result, graded, HandedInLimits.DEFAULTS);
    }

    /** @param handedIn how much of the screenshots, notebooks and scripts in the student's folder the page shows */
    public static String render(String title, StudentResult result, Instant graded, HandedInLimits handedIn) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", title);
        view.put("name", result.submission().name());
        view.put("id", result.submission().studentId());
        view.put("email", result.submission().email());
        view.put("points", result.incomplete() ? tr("report.notAllGraded") : number(result.points()));
        view.put("max", number(result.maxPoints()));
        view.put("complete", result.points() >= result.maxPoints());
        view.put("receivedAt", Timing.handedIn(result.lateness()));
        view.put("deadline", Timing.verdict(result.lateness(), result.pointsBeforePenalty()));
        view.put("late", result.lateness().late());
        view.put("graded", Timing.graded(graded, Timing.zone(result.lateness())));
        List<Map<String, Object>> exercises = new ArrayList<>();
        for (ExerciseResult exercise : result.exercises()) {
            exercises.add(exercise(exercise));
        }
        view.put("exercises", exercises);
        // --- handed-in files (screenshots, notebooks, scripts) and the page's script policy
        HandedInSection.of(result.submission().folder(), handedIn).ifPresent(section -> view.put("handedIn", section));
        view.put("csp", PagePolicy.CONTENT_SECURITY_POLICY);
        // --- end handed-in files
        return Templates.render("student.html.mustache", view);
    }

    private static Map<String, Object> exercise(ExerciseResult exercise) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", exercise.exercise().id());
        view.put("title", exercise.exercise().title());
        view.put("points", cell(exercise));
        view.put("notGraded", exercise.notGraded());
        view.put("max", number(exercise.exercise().maxPoints()));
        view.put("full", exercise.points() >= exercise.exercise().maxPoints());
        view.put("file", exercise.file());
        // An exercise graded by hand has no file to grade: "none" in red would read as a file missing.
        view.put("byHand", exercise.exercise().manual() ? tr("manual.byHand") : null);
        view.put("model", exercise.modelDescription());
        // No file, or one the grader cannot take: the guide says which names and which line of code.
        view.put("handIn", exercise.outcome() == Outcome.MISSING || exercise.outcome() == Outcome.REFUSED);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Score score : exercise.scores()) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", score.check());
            check.put("passed", score.passed());
            check.put("byHand", exercise.outcome().byHand());
            check.put("pending", score.pending());
            check.put("value", Double.isNaN(score.value()) ? "" : format(score.value()));
            check.put("requirement", score.requirement());
            check.put("reference", score.reference() == null ? "" : format(score.reference()));
            check.put("points", score.maxPoints() == 0 ? "" : number(score.points()) + " / " + number(score.maxPoints()));
            check.put("message", score.message());
            checks.add(check);
        }
        view.put("checks", checks);
        view.put("notes", exercise.notes());
        view.put("hasNotes", !exercise.notes().isEmpty());
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Figure figure : exercise.figures()) {
            figures.add(Map.of("title", figure.title(), "caption", figure.caption(), "src", Images.dataUri(figure.mediaType(), figure.bytes().get())));
        }
        view.put("figures", figures);
        if (exercise.confusion() != null) {
            view.put("confusion", confusion(exercise.confusion(), exercise.exercise().exercise().classNames()));
        }
        return view;
    }

    /** Rows of the confusion matrix with per-class accuracy; cells shaded by their share of the row. */
    private static Map<String, Object> confusion(int[][] matrix, List<String> classNames) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (int c = 0; c < matrix.length; c++) {
            header.add(Integer.toString(c));
        }
        for (int t = 0; t < matrix.length; t++) {
            int total = 0;
            for (int count : matrix[t]) {
                total += count;
            }
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int p = 0; p < matrix[t].length; p++) {
                double share = total == 0 ? 0 : (double) matrix[t][p] / total;
                String colour = p == t ? "30,90,220" : "210,40,40";
                cells.add(Map.of("count", matrix[t][p], "style", String.format(Locale.ROOT,
                        "background: rgba(%s,%.2f)", colour, Math.min(0.9, share * 1.2))));
            }
            double accuracy = total == 0 ? 0 : (double) matrix[t][t] / total;
            rows.add(Map.of("label", t + (t < classNames.size() ? " " + classNames.get(t) : ""), "cells", cells,
                    "accuracy", String.format(Locale.ROOT, "%.1f%%", 100 * accuracy),
                    "bar", String.format(Locale.ROOT, "%.0f", 100 * accuracy)));
        }
        return Map.of("header", header, "rows", rows);
    }

    /**
     * An exercise's points in a table cell: "not graded" for a grader error, "not graded yet" for a
     * manual exercise the teacher has not graded (a 0 there would read as the student's failure; a
     * spreadsheet's SUM skips the text, so the total stays a number), else the points.
     */
    static String cell(ExerciseResult exercise) {
        if (exercise.notGraded()) {
            return tr("report.notGraded");
        }
        return exercise.outcome() == Outcome.PENDING ? tr("manual.pendingCell") : number(exercise.points());
    }

    /** Points as a reader writes them: 10, 9.24. */
    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5)) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
