package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dlgrader.grading.rules.Rule;
import org.dlgrader.io.Csv;

/**
 * The points the teacher gives by hand, {@code grades-manual.csv} (columns
 * {@code student_id,exercise,points,comment}): read whole on every run and checked row by row, so
 * a typo stops the run naming the file and the line instead of leaving a student at 0. Never
 * cached: editing the file and running again is how a teacher changes a grade.
 */
public final class ManualGrades {

    /** One row: points out of the exercise's maximum and the teacher's comment (may be empty). */
    public record Grade(double points, String comment) {
    }

    public static final ManualGrades NONE = new ManualGrades(Map.of());
    public static final String FILE = "grades-manual.csv";
    public static final String PROPERTY = "grader.manual";
    /** {@code -Dgrader.manual=none}: no file is read (the grader's own tests, whose classes are not the teacher's). */
    public static final String NO_FILE = "none";
    private static final List<String> COLUMNS = List.of("student_id", "exercise", "points", "comment");

    private final Map<String, Grade> grades;

    private ManualGrades(Map<String, Grade> grades) {
        this.grades = Map.copyOf(grades);
    }

    public Optional<Grade> of(String studentId, String exerciseId) {
        return Optional.ofNullable(grades.get(key(studentId, exerciseId)));
    }

    /**
     * The teacher's file for this run: {@code -Dgrader.manual=FILE}, else {@code grades-manual.csv}
     * in the folder the grader runs in; NONE when there is neither, or with {@code -Dgrader.manual=none}
     * (every manual exercise pending).
     *
     * @param students the ids of the class; a row for another id is an error. Null when the run
     *     grades one student's folder: the teacher's rows for the others are not this run's business
     * @throws GraderError naming the file and the line of a row that cannot be used
     */
    public static ManualGrades load(Assignment assignment, Collection<String> students) {
        String named = System.getProperty(PROPERTY, "").trim();
        if (named.equals(NO_FILE)) {
            return NONE;
        }
        Path file = Path.of(named.isEmpty() ? FILE : named);
        if (!Files.isRegularFile(file)) {
            if (!named.isEmpty()) {
                throw new GraderError(tr("manual.csv.missing", file.toAbsolutePath().normalize(), PROPERTY));
            }
            return NONE;
        }
        return read(file, assignment, students);
    }

    /** @see #load */
    public static ManualGrades read(Path file, Assignment assignment, Collection<String> students) {
        List<Csv.Row> rows;
        // Malformed UTF-8 (a file saved as GBK) must stop the run, not turn names into question marks.
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            rows = Csv.rows(reader);
        } catch (CharacterCodingException e) {
            throw new GraderError(tr("manual.csv.notUtf8", file));
        } catch (IOException e) {
            throw new GraderError(tr("manual.csv.unreadable", file, e.getMessage()));
        }
        if (rows.isEmpty()) {
            return NONE;
        }
        List<String> header = rows.get(0).cells().stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
        if (header.size() < 3 || header.size() > 4 || !header.equals(COLUMNS.subList(0, header.size()))) {
            throw new GraderError(tr("manual.csv.header", where(file, rows.get(0).line()), String.join(",", COLUMNS),
                    String.join(",", rows.get(0).cells())));
        }
        List<String> manual = assignment.exercises().stream().filter(ExerciseSpec::manual).map(ExerciseSpec::id).toList();
        List<String> all = assignment.exercises().stream().map(ExerciseSpec::id).toList();
        Map<String, Grade> grades = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            String where = where(file, row.line());
            String student = cell(row, 0);
            String exercise = cell(row, 1);
            String points = cell(row, 2);
            if (students != null && !students.contains(student)) {
                throw new GraderError(tr("manual.csv.unknownStudent", where, student, Suggestions.nearest(student, students)));
            }
            if (!all.contains(exercise)) {
                throw new GraderError(tr("manual.csv.unknownExercise", where, exercise, Suggestions.nearest(exercise, manual),
                        manualList(manual)));
            }
            ExerciseSpec spec = assignment.exercises().get(all.indexOf(exercise));
            if (!spec.manual()) {
                throw new GraderError(tr("manual.csv.notManual", where, exercise, manualList(manual)));
            }
            double value;
            try {
                value = Double.parseDouble(points);
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!Double.isFinite(value) || points.matches(".*[a-zA-Z].*")) {
                throw new GraderError(tr("manual.csv.notNumber", where, points, student, exercise));
            }
            if (value < 0 || value > spec.maxPoints()) {
                throw new GraderError(tr("manual.csv.outOfRange", where, points, student, exercise, Rule.format(spec.maxPoints())));
            }
            Integer first = lines.putIfAbsent(key(student, exercise), row.line());
            if (first != null) {
                throw new GraderError(tr("manual.csv.duplicate", where, student, exercise, first));
            }
            grades.put(key(student, exercise), new Grade(value, row.cells().size() > 3 ? row.cells().get(3).strip() : ""));
        }
        return new ManualGrades(grades);
    }

    private static String manualList(List<String> manual) {
        return manual.isEmpty() ? tr("manual.csv.noManualExercises") : String.join(", ", manual);
    }

    private static String cell(Csv.Row row, int column) {
        return column < row.cells().size() ? row.cells().get(column).strip() : "";
    }

    private static String where(Path file, int line) {
        return tr("manual.csv.where", file, line);
    }

    private static String key(String studentId, String exerciseId) {
        return studentId + '\n' + exerciseId;
    }
}
