package org.dlgrader.grading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
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
    private static final Set<String> TOP = Set.of("title", "language", "seed", "limits", "exercises");
    private static final Set<String> LIMITS = Set.of("isolate", "workers", "modelsPerWorker", "secondsPerModel", "memoryMb",
            "threads", "maxFileMb", "maxUnpackedMb");
    private static final Set<String> EXERCISE = Set.of("id", "title", "files", "task", "checks");
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
            throw new AssignmentError("Could not read the assignment file " + file + ": " + e.getMessage());
        }
        String where = file.getFileName().toString();
        if (root == null || !root.isObject()) {
            throw new AssignmentError(where + " must hold one JSON object with title, seed, limits and exercises.");
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
        Limits limits = limits(top.child("limits"), where + ", limits");
        JsonNode list = top.node.get("exercises");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new AssignmentError(where + " lists no exercises: \"exercises\" must be a list of at least one.");
        }
        List<ExerciseSpec> exercises = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, String> fileOwners = new HashMap<>();
        for (JsonNode item : list) {
            ExerciseSpec exercise = exercise(item, where);
            if (!ids.add(exercise.id())) {
                throw new AssignmentError(where + " lists exercise '" + exercise.id() + "' twice.");
            }
            for (String name : exercise.files()) {
                String owner = fileOwners.putIfAbsent(name, exercise.id());
                if (owner != null) {
                    throw new AssignmentError(where + ": exercises '" + owner + "' and '" + exercise.id() + "' both accept "
                            + name + "; one file would be graded twice. Give each exercise its own file names.");
                }
            }
            exercises.add(exercise);
        }
        return new Assignment(title, language, seed, limits, exercises);
    }

    private static Language language(Node top) {
        if (!top.node.has("language")) {
            return null;
        }
        JsonNode value = top.node.get("language");
        Language language = value.isTextual() ? Language.of(value.asText()) : null;
        if (language == null) {
            throw new AssignmentError(top.where + ": \"language\": " + value + " is not a language the grader speaks; use one of: "
                    + Language.tags() + ".");
        }
        return language;
    }

    private static Limits limits(Node node, String where) {
        if (node == null) {
            return Limits.DEFAULTS;
        }
        Boolean isolate = node.node.has("isolate") ? node.bool("isolate") : null;
        return new Limits(isolate, node.optionalInt("workers", 0), node.optionalInt("secondsPerModel", 1),
                node.optionalInt("memoryMb", 256), node.optionalInt("threads", 0), node.optionalInt("maxFileMb", 1),
                node.optionalInt("maxUnpackedMb", 1), node.optionalInt("modelsPerWorker", 1)).orDefaults();
    }

    private static ExerciseSpec exercise(JsonNode item, String file) {
        if (!item.isObject()) {
            throw new AssignmentError(file + ": each exercise must be an object with id, title, files, task and checks.");
        }
        String id = item.path("id").asText("");
        Node node = new Node(item, file + ", exercise '" + id + "'", EXERCISE);
        id = node.text("id", true);
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new AssignmentError(node.where + ": the id must be lower-case letters, digits and '-' (it names folders and tests).");
        }
        String title = node.text("title", true);
        String taskName = node.text("task", true);
        List<String> known = Exercises.all().stream().map(Exercise::id).toList();
        if (!known.contains(taskName)) {
            throw new AssignmentError(node.where + ": \"task\": \"" + taskName + "\" is not an exercise the grader knows"
                    + Suggestions.nearest(taskName, known) + "; it knows " + String.join(", ", known) + ".");
        }
        Exercise exercise = Exercises.byId(taskName);
        List<String> files = files(node);
        JsonNode checkList = item.get("checks");
        if (checkList == null || !checkList.isArray() || checkList.isEmpty()) {
            throw new AssignmentError(node.where + " has no checks: it could give no points. Add at least one check.");
        }
        List<Check> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode c : checkList) {
            Check check = check(c, node.where, exercise);
            if (!names.add(check.name())) {
                throw new AssignmentError(node.where + " has two checks named '" + check.name() + "': each needs its own name.");
            }
            checks.add(check);
        }
        return new ExerciseSpec(id, title, files, taskName, checks);
    }

    private static List<String> files(Node node) {
        JsonNode list = node.node.get("files");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new AssignmentError(node.where + " accepts no file names: \"files\" must list at least one.");
        }
        Set<String> extensions = new TreeSet<>();
        ModelLoaders.ALL.forEach(l -> extensions.addAll(l.extensions()));
        List<String> files = new ArrayList<>();
        for (JsonNode f : list) {
            String name = f.asText("");
            if (!f.isTextual() || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")
                    || name.equals("submission.properties")) {
                throw new AssignmentError(node.where + ": \"" + f.asText() + "\" in \"files\" is not a plain file name "
                        + "(no folders, no leading dot).");
            }
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
            if (!extensions.contains(extension.toLowerCase(java.util.Locale.ROOT))) {
                throw new AssignmentError(node.where + ": the file name '" + name + "' ends in '" + extension
                        + "', which no model format the grader reads is saved as" + Suggestions.nearest(extension, extensions)
                        + "; it reads " + String.join(", ", extensions) + ".");
            }
            if (files.contains(name)) {
                throw new AssignmentError(node.where + " lists the file name '" + name + "' twice.");
            }
            files.add(name);
        }
        return files;
    }

    private static Check check(JsonNode item, String exerciseWhere, Exercise exercise) {
        if (!item.isObject()) {
            throw new AssignmentError(exerciseWhere + ": each check must be an object with name, metric, points and a rule.");
        }
        Node node = new Node(item, exerciseWhere + ", check '" + label(item.path("name")) + "'", CHECK);
        String name = node.text("name", true);
        for (Gate gate : Gate.values()) {
            if (gate.title.equals(name)) {
                throw new AssignmentError(node.where + ": '" + name + "' is the name of a gate every exercise has; name the check differently.");
            }
        }
        String metric = node.text("metric", true);
        Set<String> metrics = new TreeSet<>(exercise.task().metrics());
        if (!metrics.contains(metric)) {
            throw new AssignmentError(node.where + ": \"metric\": \"" + metric + "\" is not measured for task '" + exercise.id()
                    + "'" + Suggestions.nearest(metric, metrics) + "; it measures " + String.join(", ", metrics) + ".");
        }
        double points = node.number("points", true);
        if (!(points > 0)) {
            throw new AssignmentError(node.where + ": \"points\" must be more than 0 (it is " + Rule.format(points) + ").");
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
            throw new AssignmentError(node.where + " must have exactly one rule: atLeast (+ partialFrom), atMost (+ partialUpTo) "
                    + "or target + tolerance (+ partialTolerance); it has " + rules + ".");
        }
        node.belongsTo("partialFrom", atLeast, "atLeast");
        node.belongsTo("partialUpTo", atMost, "atMost");
        node.belongsTo("tolerance", target, "target");
        node.belongsTo("partialTolerance", target, "target");
        if (atLeast) {
            double bar = node.number("atLeast", true);
            Double from = node.optionalNumber("partialFrom");
            if (from != null && !(from < bar)) {
                throw new AssignmentError(node.where + ": \"partialFrom\" (" + Rule.format(from) + ") must be below \"atLeast\" ("
                        + Rule.format(bar) + "): partial credit grows from partialFrom up to the bar.");
            }
            return new AtLeast(bar, from);
        }
        if (atMost) {
            double bar = node.number("atMost", true);
            Double upTo = node.optionalNumber("partialUpTo");
            if (upTo != null && !(upTo > bar)) {
                throw new AssignmentError(node.where + ": \"partialUpTo\" (" + Rule.format(upTo) + ") must be above \"atMost\" ("
                        + Rule.format(bar) + "): partial credit falls from the bar to zero at partialUpTo.");
            }
            return new AtMost(bar, upTo);
        }
        double value = node.number("target", true);
        double tolerance = node.number("tolerance", true);
        if (!(tolerance >= 0)) {
            throw new AssignmentError(node.where + ": \"tolerance\" must not be negative.");
        }
        Double partial = node.optionalNumber("partialTolerance");
        if (partial != null && !(partial > tolerance)) {
            throw new AssignmentError(node.where + ": \"partialTolerance\" (" + Rule.format(partial) + ") must be above \"tolerance\" ("
                    + Rule.format(tolerance) + ").");
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
                throw new AssignmentError(where + ": unknown key \"" + name + "\"" + Suggestions.nearest(name, known)
                        + "; the keys here are " + String.join(", ", new TreeSet<>(known)) + ".");
            }
        }

        Node child(String key) {
            JsonNode child = node.get(key);
            if (child == null || child.isNull()) {
                return null;
            }
            if (!child.isObject()) {
                throw new AssignmentError(where + ": \"" + key + "\" must be an object.");
            }
            return new Node(child, where + ", " + key, LIMITS);
        }

        String text(String key, boolean required) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (required) {
                    throw new AssignmentError(where + " has no \"" + key + "\".");
                }
                return null;
            }
            if (value.isObject()) {
                return translated(key, value);
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new AssignmentError(where + ": \"" + key + "\" must be a text.");
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
                    throw new AssignmentError(where + ": \"" + key + "\" has a text in \"" + e.getKey() + "\", which is not a "
                            + "language the grader speaks; use one of: " + Language.tags() + ".");
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw new AssignmentError(where + ": \"" + key + "\" in \"" + e.getKey() + "\" must be a text.");
                }
                String text = e.getValue().asText();
                first = first == null ? text : first;
                english = language == Language.EN ? text : english;
                chosen = language == Messages.language() ? text : chosen;
            }
            if (first == null) {
                throw new AssignmentError(where + ": \"" + key + "\" must be a text, or texts by language.");
            }
            return chosen != null ? chosen : english != null ? english : first;
        }

        double number(String key, boolean required) {
            Double value = optionalNumber(key);
            if (value == null) {
                throw new AssignmentError(where + " has no \"" + key + "\".");
            }
            return value;
        }

        Double optionalNumber(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw new AssignmentError(where + ": \"" + key + "\" must be a number, not " + value + ".");
            }
            return value.asDouble();
        }

        long integer(String key, boolean required, long min, long max) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                throw new AssignmentError(where + " has no \"" + key + "\".");
            }
            if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
                throw new AssignmentError(where + ": \"" + key + "\" must be a whole number"
                        + (min > Long.MIN_VALUE ? " of at least " + min : "") + ", not " + value + ".");
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
                throw new AssignmentError(where + ": \"" + key + "\" must be true or false, not " + value + ".");
            }
            return value.asBoolean();
        }

        void belongsTo(String key, boolean present, String rule) {
            if (node.has(key) && !present) {
                throw new AssignmentError(where + ": \"" + key + "\" belongs with \"" + rule + "\", which this check does not have.");
            }
        }
    }
}
