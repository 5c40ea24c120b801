package org.dlgrader.cli;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlgrader.bench.ReferenceBenchmark;
import org.dlgrader.engine.Devices;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.exercise.Reference;
import org.dlgrader.exercise.ReferenceResult;
import org.dlgrader.exercise.References;
import org.dlgrader.train.TrainingOptions;

/**
 * {@code dl-grader train [exercise ...]}: trains the reference of every (or the named) exercise
 * into {@code reference/<exercise>/}.
 */
public final class Main {

    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: dl-grader train [exercise ...] [--seed N] [--epochs N] [--limit N] [--out DIR] [--device cpu|gpu|auto] [--quiet]",
            "       dl-grader grade [submissions-or-one-student-folder] [--assignment assignment.json] [--reports reports] [--shard K/N]",
            "       dl-grader merge SHARD_REPORTS... [--into reports] [--assignment assignment.json]",
            "       dl-grader intake INBOX [--into submissions] [--log reports/intake-log.csv] [--max-mb 200] [--max-files 200] [--roster roster.csv]",
            "       dl-grader list",
            "       dl-grader bench [--python /usr/bin/python3] [--seed N]",
            "       dl-grader bench-grading [--students 100,300] [--maven] [--isolation] [--example N] [--shards K]",
            "                               [--against CLASSPATH] [--sandbox-off] [--repeats N]",
            "",
            "  train    trains the reference of each named exercise (all when none is named) into DIR/<exercise>/",
            "  grade    grades every student folder (or one) and writes results.json files and gradebook.csv",
            "  intake   unpacks emailed homework (.zip files, .eml emails) from INBOX into submissions/<id>-<name>/",
            "  merge    combines the reports of shards into one gradebook and class page",
            "  list     lists the exercises",
            "  bench    times the Java references against the lesson's PyTorch code (python/lesson_pytorch.py)",
            "  --seed   seed for data, shuffling and initialisation (default 42); same seed, same numbers",
            "  --epochs override the lesson's number of epochs (for a quick look)",
            "  --limit  train on the first N training examples only",
            "  --out    output folder (default reference)",
            "  --device cpu, gpu or auto (default auto: the GPU when the engine sees one)");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        boolean grading = args.length > 0 && args[0].equals("grade");
        EngineSettings.applyDefaults(grading ? 1 : Runtime.getRuntime().availableProcessors());
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        switch (args[0]) {
            case "list":
                for (Reference reference : References.all()) {
                    System.out.printf("%-14s %s%n", reference.id(), reference.description());
                }
                return 0;
            case "train":
                return train(args);
            case "grade":
                return grade(args);
            case "merge":
                return merge(args);
            case "intake":
                return intake(args);
            case "bench":
                return bench(args);
            case "bench-grading":
                return benchGrading(args);
            default:
                System.err.println("Unknown command '" + args[0] + "'.");
                System.err.println(USAGE);
                return 2;
        }
    }

    private static int train(String[] args) throws Exception {
        List<Reference> chosen = new ArrayList<>();
        long seed = TrainingOptions.DEFAULT_SEED;
        int epochs = 0;
        int limit = 0;
        boolean progress = true;
        Path out = Path.of("reference");
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--epochs" -> epochs = Integer.parseInt(value(args, ++i, arg));
                case "--limit" -> limit = Integer.parseInt(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--device" -> System.setProperty(Devices.PROPERTY, value(args, ++i, arg));
                case "--quiet" -> progress = false;
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("Unknown option " + arg + System.lineSeparator() + USAGE);
                    }
                    chosen.add(References.byId(arg));
                }
            }
        }
        if (chosen.isEmpty()) {
            chosen = References.all();
        }
        Device device = Devices.select();
        System.out.println(Devices.describe(device));
        long start = System.nanoTime();
        for (Reference reference : chosen) {
            Path folder = out.resolve(reference.id());
            System.out.println("== " + reference.id() + ": " + reference.description());
            ReferenceResult result = reference.train(new TrainingOptions(seed, device, epochs, limit, progress, folder));
            System.out.println("   " + summary(result) + "  -> " + folder);
        }
        System.out.printf(Locale.ROOT, "All done in %.1f s.%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static int grade(String[] args) throws Exception {
        Path submissions = Path.of("submissions");
        Path assignment = Path.of("assignment.json");
        Path reports = Path.of("reports");
        String shard = System.getProperty("grader.shard");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--assignment" -> assignment = Path.of(value(args, ++i, args[i - 1]));
                case "--reports" -> reports = Path.of(value(args, ++i, args[i - 1]));
                case "--shard" -> shard = value(args, ++i, args[i - 1]);
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("Unknown option " + args[i] + System.lineSeparator() + USAGE);
                    }
                    submissions = Path.of(args[i]);
                }
            }
        }
        return GradeCommand.run(submissions, assignment, reports, org.dlgrader.grading.Shard.parse(shard));
    }

    private static int merge(String[] args) throws Exception {
        List<Path> shards = new ArrayList<>();
        Path into = Path.of("reports");
        Path assignment = Path.of("assignment.json");
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--into" -> into = Path.of(value(args, ++i, args[i - 1]));
                case "--assignment" -> assignment = Path.of(value(args, ++i, args[i - 1]));
                default -> shards.add(Path.of(args[i]));
            }
        }
        var merged = org.dlgrader.report.Merge.run(shards, into,
                org.dlgrader.grading.Assignment.load(assignment));
        System.out.println("Merged " + merged.size() + " students from " + shards.size() + " shard(s) into " + into.toAbsolutePath());
        return 0;
    }

    private static int intake(String[] args) throws Exception {
        Path inbox = null;
        Path into = Path.of("submissions");
        Path logFile = Path.of("reports", "intake-log.csv");
        // The class list is who a submission may be: used when the teacher keeps one where intake runs.
        Path rosterFile = java.nio.file.Files.isRegularFile(Path.of("roster.csv")) ? Path.of("roster.csv") : null;
        int maxMb = 200;
        int maxFiles = 200;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--into" -> into = Path.of(value(args, ++i, args[i - 1]));
                case "--log" -> logFile = Path.of(value(args, ++i, args[i - 1]));
                case "--max-mb" -> maxMb = Integer.parseInt(value(args, ++i, args[i - 1]));
                case "--max-files" -> maxFiles = Integer.parseInt(value(args, ++i, args[i - 1]));
                case "--roster" -> rosterFile = Path.of(value(args, ++i, args[i - 1]));
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("Unknown option " + args[i] + System.lineSeparator() + USAGE);
                    }
                    inbox = Path.of(args[i]);
                }
            }
        }
        if (inbox == null) {
            throw new IllegalArgumentException("intake needs the folder of .zip/.eml files" + System.lineSeparator() + USAGE);
        }
        org.dlgrader.intake.Roster roster = null;
        if (rosterFile != null) {
            try {
                roster = org.dlgrader.intake.Roster.load(rosterFile);
            } catch (java.nio.file.NoSuchFileException e) {
                System.err.println("No roster at " + rosterFile.toAbsolutePath() + "; nothing was taken.");
                return 2;
            } catch (org.dlgrader.intake.Roster.Invalid e) {
                System.err.println(e.getMessage() + "; nothing was taken.");
                return 2;
            }
            System.out.println("Roster: " + rosterFile.toAbsolutePath() + " (" + roster.size() + " student(s)); "
                    + "submissions it does not confirm are held for you to check.");
        } else {
            System.out.println("No roster (roster.csv or --roster FILE): student numbers are taken as the students wrote them.");
        }
        var log = new org.dlgrader.intake.Intake(into, maxFiles, (long) maxMb << 20, roster).run(inbox);
        log.forEach(e -> System.out.printf("%-10s %-32s %-10s %s%n", e.outcome(), e.source(), e.student(), e.detail()));
        org.dlgrader.io.AtomicFiles.write(logFile, org.dlgrader.intake.Intake.csv(log));
        System.out.println("Log: " + logFile.toAbsolutePath());
        return 0;
    }

    private static int benchGrading(String[] args) throws Exception {
        List<Integer> sizes = List.of(100, 300);
        boolean maven = false;
        boolean isolation = false;
        String against = null;
        boolean sandboxOff = false;
        int repeats = 1;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--against" -> against = value(args, ++i, args[i - 1]);
                case "--sandbox-off" -> sandboxOff = true;
                case "--repeats" -> repeats = Integer.parseInt(value(args, ++i, args[i - 1]));
                case "--students" -> sizes = java.util.Arrays.stream(value(args, ++i, args[i - 1]).split(","))
                        .map(String::trim).map(Integer::parseInt).toList();
                case "--maven" -> maven = true;
                case "--isolation" -> isolation = true;
                case "--shards" -> {
                    return org.dlgrader.bench.GradingBenchmark.shards(sizes.get(0), Integer.parseInt(value(args, ++i, args[i - 1])));
                }
                case "--example" -> {
                    return org.dlgrader.bench.GradingBenchmark.example(Integer.parseInt(value(args, ++i, args[i - 1])));
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + System.lineSeparator() + USAGE);
            }
        }
        return org.dlgrader.bench.GradingBenchmark.run(sizes, maven, isolation,
                new org.dlgrader.bench.GradingBenchmark.Comparisons(against, sandboxOff, repeats));
    }

    private static int bench(String[] args) throws Exception {
        String python = "/usr/bin/python3";
        long seed = TrainingOptions.DEFAULT_SEED;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--python" -> python = value(args, ++i, args[i - 1]);
                case "--seed" -> seed = Long.parseLong(value(args, ++i, args[i - 1]));
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + System.lineSeparator() + USAGE);
            }
        }
        return ReferenceBenchmark.run(python, Path.of("target", "bench"), seed);
    }

    private static String summary(ReferenceResult result) {
        StringBuilder line = new StringBuilder();
        for (String key : List.of("accuracy", "loss", "w", "b", "mse", "seconds")) {
            Object value = result.metrics().get(key);
            if (value instanceof Number number) {
                line.append(String.format(Locale.ROOT, "%s %.4f  ", key, number.doubleValue()));
            }
        }
        return line.toString().trim();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value." + System.lineSeparator() + USAGE);
        }
        return args[index];
    }
}
