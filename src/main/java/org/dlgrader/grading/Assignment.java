package org.dlgrader.grading;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;

/**
 * The assignment a teacher edits ({@code assignment.json}), read once and checked whole
 * ({@link AssignmentReader}), then handed to whatever needs it as this value: exercises, accepted
 * file names, checks with their rules, points and partial credit, limits, and the seed of the
 * fresh regression data, and the language the class is spoken to in; the deadline, and how much of
 * the screenshots, notebooks and scripts handed in the pages show.
 */
public record Assignment(String title, Language language, long seed, Limits limits, List<ExerciseSpec> exercises,
        TestSetChecks testSetChecks, ManualGrades manualGrades, LatePolicy late, HandedInLimits handedIn) {

    public Assignment {
        handedIn = handedIn == null ? HandedInLimits.DEFAULTS : handedIn;
        manualGrades = manualGrades == null ? ManualGrades.NONE : manualGrades;
        testSetChecks = testSetChecks == null ? TestSetChecks.DEFAULTS : testSetChecks;
        language = language == null ? Language.EN : language;
        limits = limits == null ? Limits.DEFAULTS : limits.orDefaults();
        exercises = List.copyOf(exercises);
    }

    public Assignment(String title, Language language, long seed, Limits limits, List<ExerciseSpec> exercises,
            TestSetChecks testSetChecks, ManualGrades manualGrades, LatePolicy late) {
        this(title, language, seed, limits, exercises, testSetChecks, manualGrades, late, null);
    }

    public Assignment(String title, Language language, long seed, Limits limits, List<ExerciseSpec> exercises,
            TestSetChecks testSetChecks, ManualGrades manualGrades) {
        this(title, language, seed, limits, exercises, testSetChecks, manualGrades, null);
    }

    public Assignment(String title, Language language, long seed, Limits limits, List<ExerciseSpec> exercises,
            TestSetChecks testSetChecks) {
        this(title, language, seed, limits, exercises, testSetChecks, null, null);
    }

    public Assignment(String title, Language language, long seed, Limits limits, List<ExerciseSpec> exercises) {
        this(title, language, seed, limits, exercises, null, null, null);
    }

    /**
     * This assignment with the teacher's points for its manual exercises, read for this run
     * ({@link ManualGrades#load}); the file is read anew every run, so it is never part of the cache.
     */
    public Assignment withManualGrades(ManualGrades grades) {
        return new Assignment(title, language, seed, limits, exercises, testSetChecks, grades, late, handedIn);
    }

    public static final Path DEFAULT = Path.of("assignment.json");

    /** @throws AssignmentError with a sentence for the teacher when the file is not a usable assignment */
    public static Assignment load(Path file) {
        return AssignmentReader.read(file);
    }

    /**
     * The assignment with only one of its exercises, for a student who checks one at a time
     * ({@code -Dexercise=fashion-mlp}).
     *
     * @throws SelectionError naming the exercises there are, and the nearest one
     */
    public Assignment only(String exerciseId) {
        List<String> ids = exercises.stream().map(ExerciseSpec::id).toList();
        return exercises.stream().filter(e -> e.id().equals(exerciseId)).findFirst()
                .map(e -> new Assignment(title, language, seed, limits, List.of(e), testSetChecks, manualGrades, late, handedIn))
                .orElseThrow(() -> new SelectionError(Messages.tr("grading.assignment.noSuchExercise", exerciseId,
                        Suggestions.nearest(exerciseId, ids), String.join(", ", ids))));
    }

    /** The deadline and what late work costs, when {@code assignment.json} sets one. */
    public Optional<LatePolicy> latePolicy() {
        return Optional.ofNullable(late);
    }

    public double maxPoints() {
        return exercises.stream().mapToDouble(ExerciseSpec::maxPoints).sum();
    }

    /** Writes {@code from} with other limits to {@code to}: tests and benchmarks tighten or loosen the lesson's. */
    public static Path copyWithLimits(Path from, Limits limits, Path to) {
        AssignmentReader.copyWithLimits(from, limits, to);
        return to;
    }
}
