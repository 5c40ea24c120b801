package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dlgrader.exercise.Exercise;
import org.dlgrader.exercise.Exercises;
import org.dlgrader.grading.integrity.IntegrityRules;
import org.dlgrader.grading.rules.AtLeast;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.dlgrader.grading.rules.AtMost;
import org.dlgrader.grading.rules.Rule;
import org.dlgrader.grading.rules.Within;
import org.dlgrader.model.ModelLoaders;

/**
 * Reads {@code assignment.json} into values, checking every key and value when it is read, before
 * any model is loaded: a typo in the teacher's file stops the run with a sentence that names the
 * exercise, the check and the key, and the nearest valid name. A mistake here would otherwise fail
 * every student ("metric 'acuracy' is not measured") instead of the teacher.
 */
final class AssignmentReader {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);
    private static final Set<String> TOP = Set.of("title", "language", "seed", "limits", "exercises", "testSetChecks",
            "deadline", "late", "handedIn");
    private static final Set<String> LATE = Set.of("graceMinutes", "penaltyPerDay", "maxPenalty", "refuse", "fileTimes");
    private static final Set<String> HANDED_IN = Set.of("maxPictures", "maxPictureFileMb", "maxPicturesMbPerPage", "maxNotebooks",
            "maxNotebookFileMb", "maxNotebookCells", "maxCellChars", "maxNotebookChars", "maxScripts", "maxScriptFileKb", "maxScriptChars");
    /** How a deadline is written: a teacher copies this from the message, so it carries China's offset, the lesson's. */
    static final String DEADLINE_EXAMPLE = "2026-12-07T23:59:00+08:00";
    private static final Set<String> TEST_SET_CHECKS = Set.of("trainingSample", "maxGap", "privateSample", "maxPrivateDrop",
            "showStudents");
    private static final Set<String> LIMITS = Set.of("isolate", "workers", "modelsPerWorker", "secondsPerModel", "memoryMb",
            "threads", "maxFileMb", "maxUnpackedMb");
    private static final Set<String> EXERCISE = Set.of("id", "title", "files", "task", "checks", "integrity", "manual",
            "points", "architecture");
    /** What only an exercise graded from a model file has. */
    private static final List<String> MODEL_KEYS = List.of("files", "task", "checks", "integrity", "architecture");
    private static final Set<String> ARCHITECTURE = Set.of("dense");
    private static final String ANY_ARCHITECTURE = "any";
    private static final Set<String> INTEGRITY = Set.of("identicalFile", "sameWeights", "sharedMistakes");
    private static final Set<String> CHECK = Set.of("name", "metric", "points", "atLeast", "partialFrom", "atMost",
            "partialUpTo", "target", "tolerance", "partialTolerance", "reference");

    private AssignmentReader() {
    }

    /**
     * Copies an assignment file with its {@code "limits"} replaced, comments dropped: how tests and
     * benchmarks tighten or loosen the lesson's limits without writing the rest out again.
     */
    static void copyWithLimits(Path from, Limits limits, Path to) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(from.toFile());
            com.fasterxml.jackson.databind.node.ObjectNode values = root.putObject("limits");
            JSON.valueToTree(limits).fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    values.set(e.getKey(), e.getValue());
                }
            });
            JSON.writerWithDefaultPrettyPrinter().writeValue(to.toFile(), root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Assignment read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssignmentError(tr("grading.assignment.unreadable", file, e.getMessage()));
        }
        String where = file.getFileName().toString();
        if (root == null || !root.isObject()) {
            throw new AssignmentError(tr("grading.assignment.notAnObject", where));
        }
        Node top = new Node(root, where, TOP);
        // The language first: titles are read in it, and the teacher's own mistakes are told in it.
        Language language;
        try {
            language = Language.choose(language(top));
        } catch (IllegalArgumentException wrongOverride) {
            throw new AssignmentError(wrongOverride.getMessage());
        }
        Messages.use(language);
        String title = top.text("title", true);
        long seed = top.integer("seed", true, Long.MIN_VALUE, Long.MAX_VALUE);
        Limits limits = limits(top.child("limits"));
        TestSetChecks testSetChecks = testSetChecks(top.child("testSetChecks", TEST_SET_CHECKS));
        JsonNode list = top.node.get("exercises");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new AssignmentError(tr("grading.assignment.noExercises", where));
        }
        List<ExerciseSpec> exercises = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, String> fileOwners = new HashMap<>();
        for (JsonNode item : list) {
            ExerciseSpec exercise = exercise(item, where);
            if (!ids.add(exercise.id())) {
                throw new AssignmentError(tr("grading.assignment.exerciseTwice", where, exercise.id()));
            }
            for (String name : exercise.files()) {
                String owner = fileOwners.putIfAbsent(name, exercise.id());
                if (owner != null) {
                    throw new AssignmentError(tr("grading.assignment.sharedFile", where, owner, exercise.id(), name));
                }
            }
            exercises.add(exercise);
        }
        return new Assignment(title, language, seed, limits, exercises, testSetChecks, null, late(top),
                handedIn(top.child("handedIn", HANDED_IN)));
    }

    /** {@code "handedIn"}: each key may be left out for its default. Counts may be 0 (none shown); sizes at least 1. */
    private static HandedInLimits handedIn(Node node) {
        HandedInLimits d = HandedInLimits.DEFAULTS;
        if (node == null) {
            return d;
        }
        return new HandedInLimits(or(node.optionalInt("maxPictures", 0), d.maxPictures()),
                or(node.optionalInt("maxPictureFileMb", 1), d.maxPictureFileMb()),
                or(node.optionalInt("maxPicturesMbPerPage", 1), d.maxPicturesMbPerPage()),
                or(node.optionalInt("maxNotebooks", 0), d.maxNotebooks()),
                or(node.optionalInt("maxNotebookFileMb", 1), d.maxNotebookFileMb()),
                or(node.optionalInt("maxNotebookCells", 0), d.maxNotebookCells()),
                or(node.optionalInt("maxCellChars", 1), d.maxCellChars()),
                or(node.optionalInt("maxNotebookChars", 1), d.maxNotebookChars()),
                or(node.optionalInt("maxScripts", 0), d.maxScripts()),
                or(node.optionalInt("maxScriptFileKb", 1), d.maxScriptFileKb()),
                or(node.optionalInt("maxScriptChars", 1), d.maxScriptChars()));
    }

    private static int or(Integer given, int otherwise) {
        return given != null ? given : otherwise;
    }

    /**
     * {@code "deadline"} and {@code "late"}. A deadline needs its time zone: a bare 23:59 is a
     * different moment on the teacher's laptop and on a CI runner in UTC. {@code "late"} without a
     * deadline has nothing to apply to; a deadline without it shows who was late and costs nothing.
     */
    private static LatePolicy late(Node top) {
        JsonNode deadline = top.node.get("deadline");
        Node late = top.child("late", LATE);
        if (deadline == null || deadline.isNull()) {
            if (late != null) {
                throw new AssignmentError(tr("late.assignment.lateWithoutDeadline", top.where, DEADLINE_EXAMPLE));
            }
            return null;
        }
        OffsetDateTime due;
        try {
            due = OffsetDateTime.parse(deadline.isTextual() ? deadline.asText().trim() : "");
        } catch (DateTimeParseException e) {
            throw new AssignmentError(tr("late.assignment.badDeadline", top.where, DEADLINE_EXAMPLE, deadline));
        }
        if (late == null) {
            return new LatePolicy(due, 0, 0, 0, false);
        }
        Integer grace = late.optionalInt("graceMinutes", 0);
        boolean refuse = late.node.has("refuse") && late.bool("refuse");
        for (String key : List.of("penaltyPerDay", "maxPenalty")) {
            Double value = late.optionalNumber(key);
            if (value != null && !(value >= 0 && value <= 1)) {
                throw new AssignmentError(tr("late.assignment.share", late.where, key, Rule.format(value)));
            }
            if (value != null && refuse) {
                throw new AssignmentError(tr("late.assignment.refuseAndPenalty", late.where, key));
            }
        }
        Double perDay = late.optionalNumber("penaltyPerDay");
        Double max = late.optionalNumber("maxPenalty");
        if (max != null && perDay == null) {
            throw new AssignmentError(tr("late.assignment.maxWithoutPerDay", late.where));
        }
        boolean fileTimes = late.node.has("fileTimes") && late.bool("fileTimes");
        return new LatePolicy(due, grace == null ? 0 : grace, perDay == null ? 0 : perDay, max == null ? 1 : max, refuse,
                fileTimes);
    }

    private static Language language(Node top) {
        if (!top.node.has("language")) {
            return null;
        }
        JsonNode value = top.node.get("language");
        Language language = value.isTextual() ? Language.of(value.asText()) : null;
        if (language == null) {
            throw new AssignmentError(tr("grading.assignment.language", top.where, value, Language.tags()));
        }
        return language;
    }

    private static Limits limits(Node node) {
        if (node == null) {
            return Limits.DEFAULTS;
        }
        Boolean isolate = node.node.has("isolate") ? node.bool("isolate") : null;
        return new Limits(isolate, node.optionalInt("workers", 0), node.optionalInt("secondsPerModel", 1),
                node.optionalInt("memoryMb", 256), node.optionalInt("threads", 0), node.optionalInt("maxFileMb", 1),
                node.optionalInt("maxUnpackedMb", 1), node.optionalInt("modelsPerWorker", 1)).orDefaults();
    }

    private static TestSetChecks testSetChecks(Node node) {
        TestSetChecks d = TestSetChecks.DEFAULTS;
        if (node == null) {
            return d;
        }
        Integer sample = node.optionalInt("trainingSample", 0);
        Double gap = node.optionalNumber("maxGap");
        Integer privateSample = node.optionalInt("privateSample", 0);
        Double drop = node.optionalNumber("maxPrivateDrop");
        for (String key : List.of("trainingSample", "privateSample")) {
            Integer value = node.optionalInt(key, 0);
            // Models are fed batches of LocalRunner.BATCH rows; the test set's are all full. A model
            // that only takes full batches must not fail on a probe's last one, and so lose points.
            if (value != null && value % org.dlgrader.model.LocalRunner.BATCH != 0) {
                throw new AssignmentError(tr("grading.assignment.testSet.batches", node.where, key,
                        org.dlgrader.model.LocalRunner.BATCH, value));
            }
        }
        for (String key : List.of("maxGap", "maxPrivateDrop")) {
            Double value = node.optionalNumber(key);
            if (value != null && !(value >= 0 && value <= 1)) {
                throw new AssignmentError(tr("grading.assignment.testSet.share", node.where, key, Rule.format(value)));
            }
        }
        return new TestSetChecks(sample != null ? sample : d.trainingSample(), gap != null ? gap : d.maxGap(),
                privateSample != null ? privateSample : d.privateSample(), drop != null ? drop : d.maxPrivateDrop(), node.node.has("showStudents") ? node.bool("showStudents") : d.showStudents());
    }

    private static ExerciseSpec exercise(JsonNode item, String file) {
        if (!item.isObject()) {
            throw new AssignmentError(tr("grading.assignment.exerciseNotAnObject", file));
        }
        String id = item.path("id").asText("");
        Node node = new Node(item, tr("grading.assignment.where.exercise", file, id), EXERCISE);
        id = node.text("id", true);
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new AssignmentError(tr("grading.assignment.badId", node.where));
        }
        String title = node.text("title", true);
        if (item.has("manual") && node.bool("manual")) {
            return manualExercise(node, id, title);
        }
        if (item.has("points")) {
            throw new AssignmentError(tr("manual.assignment.pointsWithoutManual", node.where));
        }
        if (MODEL_KEYS.stream().limit(3).noneMatch(item::has)) {
            throw new AssignmentError(tr("manual.assignment.nothingToGrade", node.where));
        }
        String taskName = node.text("task", true);
        List<String> known = Exercises.all().stream().map(Exercise::id).toList();
        if (!known.contains(taskName)) {
            throw new AssignmentError(tr("grading.assignment.unknownTask", node.where, taskName, Suggestions.nearest(taskName, known),
                    String.join(", ", known)));
        }
        Exercise exercise = Exercises.byId(taskName);
        List<String> files = files(node);
        JsonNode checkList = item.get("checks");
        if (checkList == null || !checkList.isArray() || checkList.isEmpty()) {
            throw new AssignmentError(tr("grading.assignment.noChecks", node.where));
        }
        List<Check> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode c : checkList) {
            Check check = check(c, node.where, exercise);
            if (!names.add(check.name())) {
                throw new AssignmentError(tr("grading.assignment.checkTwice", node.where, check.name()));
            }
            checks.add(check);
        }
        return new ExerciseSpec(id, title, files, taskName, checks, integrity(item.get("integrity"), node.where, exercise), null,
                architecture(item.get("architecture"), node.where, exercise));
    }

    /** An exercise the teacher grades by hand: its points and titles, and nothing a model would need. */
    private static ExerciseSpec manualExercise(Node node, String id, String title) {
        for (String key : MODEL_KEYS) {
            if (node.node.has(key)) {
                throw new AssignmentError(tr("manual.assignment.modelKey", node.where, key));
            }
        }
        double points = node.number("points", true);
        if (!(points > 0)) {
            throw new AssignmentError(tr("grading.assignment.points", node.where, Rule.format(points)));
        }
        return ExerciseSpec.manual(id, title, points);
    }

    private static IntegrityRules integrity(JsonNode value, String exerciseWhere, Exercise exercise) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new AssignmentError(tr("grading.assignment.notAnObjectKey", exerciseWhere, "integrity"));
        }
        Node node = new Node(value, tr("grading.assignment.where.key", exerciseWhere, "integrity"), INTEGRITY);
        boolean identicalFile = !node.node.has("identicalFile") || node.bool("identicalFile");
        Double sameWeights = fraction(node, "sameWeights");
        Double sharedMistakes = fraction(node, "sharedMistakes");
        if (sharedMistakes != null && exercise.task().classNames().isEmpty() && exercise.task().targets(0) == null) {
            throw new AssignmentError(tr("grading.assignment.integrity.noAnswers", node.where, exercise.id()));
        }
        return new IntegrityRules(identicalFile, sameWeights, sharedMistakes);
    }

    /**
     * {@code "any"}, or {@code {"dense": [784, "*", 10]}}: widths from input to output, each a whole
     * number or "*" (any hidden layers), fitting the task's own input and output widths.
     */
    private static Architecture architecture(JsonNode value, String exerciseWhere, Exercise exercise) {
        if (value == null || value.isNull()) {
            return Architecture.ANY;
        }
        if (value.isTextual()) {
            if (value.asText().equals(ANY_ARCHITECTURE)) {
                return Architecture.ANY;
            }
            throw new AssignmentError(tr("grading.assignment.architecture.text", exerciseWhere, value.asText(),
                    Suggestions.nearest(value.asText(), List.of(ANY_ARCHITECTURE))));
        }
        if (!value.isObject()) {
            throw new AssignmentError(tr("grading.assignment.architecture.kind", exerciseWhere, value));
        }
        Node node = new Node(value, tr("grading.assignment.where.key", exerciseWhere, "architecture"), ARCHITECTURE);
        JsonNode list = node.node.get("dense");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new AssignmentError(tr("grading.assignment.architecture.dense", node.where));
        }
        List<Integer> widths = new ArrayList<>();
        for (JsonNode item : list) {
            boolean star = item.isTextual() && item.asText().equals("*");
            if (!star && !(item.isIntegralNumber() && item.asLong() >= 1 && item.asLong() <= Integer.MAX_VALUE)) {
                throw new AssignmentError(tr("grading.assignment.architecture.width", node.where, item));
            }
            widths.add(star ? Architecture.ANY_WIDTHS : item.asInt());
        }
        int first = widths.get(0);
        int last = widths.get(widths.size() - 1);
        int features = exercise.task().features();
        int outputs = exercise.task().outputs();
        // A pattern no model of the task could match would refuse every student: the teacher's mistake, told now.
        if (widths.size() < 2 || first != features || last != outputs) {
            throw new AssignmentError(tr("grading.assignment.architecture.ends", node.where, exercise.id(), features, outputs));
        }
        return Architecture.dense(widths);
    }

    /** A bar on a share: above 0 (0 would report every pair) and at most 1. */
    private static Double fraction(Node node, String key) {
        Double value = node.optionalNumber(key);
        if (value != null && (value <= 0 || value > 1)) {
            throw new AssignmentError(tr("grading.assignment.integrity.fraction", node.where, key, value));
        }
        return value;
    }

    private static List<String> files(Node node) {
        JsonNode list = node.node.get("files");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new AssignmentError(tr("grading.assignment.noFiles", node.where));
        }
        Set<String> extensions = new TreeSet<>();
        ModelLoaders.ALL.forEach(l -> extensions.addAll(l.extensions()));
        List<String> files = new ArrayList<>();
        for (JsonNode f : list) {
            String name = f.asText("");
            if (!f.isTextual() || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")
                    || name.equals("submission.properties")) {
                throw new AssignmentError(tr("grading.assignment.notPlainFileName", node.where, f.asText()));
            }
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
            if (!extensions.contains(extension.toLowerCase(java.util.Locale.ROOT))) {
                throw new AssignmentError(tr("grading.assignment.unknownExtension", node.where, name, extension,
                        Suggestions.nearest(extension, extensions), String.join(", ", extensions)));
            }
            if (files.contains(name)) {
                throw new AssignmentError(tr("grading.assignment.fileTwice", node.where, name));
            }
            files.add(name);
        }
        return files;
    }

    private static Check check(JsonNode item, String exerciseWhere, Exercise exercise) {
        if (!item.isObject()) {
            throw new AssignmentError(tr("grading.assignment.checkNotAnObject", exerciseWhere));
        }
        Node node = new Node(item, tr("grading.assignment.where.check", exerciseWhere, label(item.path("name"))), CHECK);
        String name = node.text("name", true);
        // In any language: a check must not be mistaken for a gate on a page, whichever language it is shown in.
        for (Gate gate : Gate.values()) {
            if (gate.titles().contains(name)) {
                throw new AssignmentError(tr("grading.assignment.gateName", node.where, name));
            }
        }
        String metric = node.text("metric", true);
        Set<String> metrics = new TreeSet<>(exercise.task().metrics());
        if (!metrics.contains(metric)) {
            throw new AssignmentError(tr("grading.assignment.unknownMetric", node.where, metric, exercise.id(),
                    Suggestions.nearest(metric, metrics), String.join(", ", metrics)));
        }
        double points = node.number("points", true);
        if (!(points > 0)) {
            throw new AssignmentError(tr("grading.assignment.points", node.where, Rule.format(points)));
        }
        return new Check(name, metric, points, rule(node), node.optionalNumber("reference"));
    }

    /** A name for messages before it is checked: the run's language's, English, or the first given. */
    private static String label(JsonNode name) {
        if (name.isObject()) {
            JsonNode chosen = name.get(Messages.language().tag());
            JsonNode first = name.elements().hasNext() ? name.elements().next() : null;
            JsonNode label = chosen != null ? chosen : name.has("en") ? name.get("en") : first;
            return label == null ? "" : label.asText("");
        }
        return name.asText("");
    }

    private static Rule rule(Node node) {
        boolean atLeast = node.node.has("atLeast");
        boolean atMost = node.node.has("atMost");
        boolean target = node.node.has("target");
        int rules = (atLeast ? 1 : 0) + (atMost ? 1 : 0) + (target ? 1 : 0);
        if (rules != 1) {
            throw new AssignmentError(tr("grading.assignment.ruleCount", node.where, rules));
        }
        node.belongsTo("partialFrom", atLeast, "atLeast");
        node.belongsTo("partialUpTo", atMost, "atMost");
        node.belongsTo("tolerance", target, "target");
        node.belongsTo("partialTolerance", target, "target");
        if (atLeast) {
            double bar = node.number("atLeast", true);
            Double from = node.optionalNumber("partialFrom");
            if (from != null && !(from < bar)) {
                throw new AssignmentError(tr("grading.assignment.partialFrom", node.where, Rule.format(from), Rule.format(bar)));
            }
            return new AtLeast(bar, from);
        }
        if (atMost) {
            double bar = node.number("atMost", true);
            Double upTo = node.optionalNumber("partialUpTo");
            if (upTo != null && !(upTo > bar)) {
                throw new AssignmentError(tr("grading.assignment.partialUpTo", node.where, Rule.format(upTo), Rule.format(bar)));
            }
            return new AtMost(bar, upTo);
        }
        double value = node.number("target", true);
        double tolerance = node.number("tolerance", true);
        if (!(tolerance >= 0)) {
            throw new AssignmentError(tr("grading.assignment.negativeTolerance", node.where));
        }
        Double partial = node.optionalNumber("partialTolerance");
        if (partial != null && !(partial > tolerance)) {
            throw new AssignmentError(tr("grading.assignment.partialTolerance", node.where, Rule.format(partial), Rule.format(tolerance)));
        }
        return new Within(value, tolerance, partial);
    }

    /** One object of the file, with where it is, for messages. */
    private static final class Node {
        final JsonNode node;
        final String where;

        Node(JsonNode node, String where, Set<String> known) {
            this.node = node;
            this.where = where;
            only(known);
        }

        void only(Set<String> known) {
            Set<String> unknown = new LinkedHashSet<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    unknown.add(name);
                }
            }
            for (String name : unknown) {
                throw new AssignmentError(tr("grading.assignment.unknownKey", where, name, Suggestions.nearest(name, known),
                        String.join(", ", new TreeSet<>(known))));
            }
        }

        Node child(String key) {
            return child(key, LIMITS);
        }

        Node child(String key, Set<String> known) {
            JsonNode child = node.get(key);
            if (child == null || child.isNull()) {
                return null;
            }
            if (!child.isObject()) {
                throw new AssignmentError(tr("grading.assignment.notAnObjectKey", where, key));
            }
            return new Node(child, tr("grading.assignment.where.key", where, key), known);
        }

        String text(String key, boolean required) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (required) {
                    throw new AssignmentError(tr("grading.assignment.missingKey", where, key));
                }
                return null;
            }
            if (value.isObject()) {
                return translated(key, value);
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new AssignmentError(tr("grading.assignment.notText", where, key));
            }
            return value.asText();
        }

        /**
         * A text given in several languages, {@code {"zh-CN": "线性回归", "en": "Linear regression"}}:
         * the run's language, else English, else the first given.
         */
        private String translated(String key, JsonNode value) {
            String chosen = null;
            String english = null;
            String first = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Language language = Language.of(e.getKey());
                if (language == null) {
                    throw new AssignmentError(tr("grading.assignment.textLanguage", where, key, e.getKey(), Language.tags()));
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw new AssignmentError(tr("grading.assignment.notTextIn", where, key, e.getKey()));
                }
                String text = e.getValue().asText();
                first = first == null ? text : first;
                english = language == Language.EN ? text : english;
                chosen = language == Messages.language() ? text : chosen;
            }
            if (first == null) {
                throw new AssignmentError(tr("grading.assignment.notTexts", where, key));
            }
            return chosen != null ? chosen : english != null ? english : first;
        }

        double number(String key, boolean required) {
            Double value = optionalNumber(key);
            if (value == null) {
                throw new AssignmentError(tr("grading.assignment.missingKey", where, key));
            }
            return value;
        }

        Double optionalNumber(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw new AssignmentError(tr("grading.assignment.notNumber", where, key, value));
            }
            return value.asDouble();
        }

        long integer(String key, boolean required, long min, long max) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                throw new AssignmentError(tr("grading.assignment.missingKey", where, key));
            }
            if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
                throw new AssignmentError(min > Long.MIN_VALUE ? tr("grading.assignment.notWholeNumberAtLeast", where, key, min, value)
                        : tr("grading.assignment.notWholeNumber", where, key, value));
            }
            return value.asLong();
        }

        Integer optionalInt(String key, int min) {
            if (!node.has(key) || node.get(key).isNull()) {
                return null;
            }
            return (int) integer(key, true, min, Integer.MAX_VALUE);
        }

        Boolean bool(String key) {
            JsonNode value = node.get(key);
            if (!value.isBoolean()) {
                throw new AssignmentError(tr("grading.assignment.notBoolean", where, key, value));
            }
            return value.asBoolean();
        }

        void belongsTo(String key, boolean present, String rule) {
            if (node.has(key) && !present) {
                throw new AssignmentError(tr("grading.assignment.belongsTo", where, key, rule));
            }
        }
    }
}
