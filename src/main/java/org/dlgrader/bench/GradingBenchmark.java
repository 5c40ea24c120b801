package org.dlgrader.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.Limits;
import org.dlgrader.io.Folders;
import org.dlgrader.isolation.ClassPath;
import org.dlgrader.isolation.ProcessStatus;

/**
 * Grading a whole class as a teacher experiences it, from a cold start to the last report:
 * students per minute, seconds per student, peak memory of the whole process tree, and the ratio
 * to the compute-bound time (forward-pass FLOPs at the matrix-multiply rate measured in this run).
 * Also the cost of isolation: worker processes against grading in one process, on the same class.
 */
public final class GradingBenchmark {

    private GradingBenchmark() {
    }

    /**
     * One timed run: wall seconds from the command's start to the last report written (what the
     * issue measures) and to the command's end (for mvn, JUnit's own reporting comes after the
     * reports), and peak resident memory of the process and its descendants.
     */
    record Run(String what, int students, double seconds, double commandSeconds, long peakRssMb, int exitCode) {
    }

    /**
     * The example class ({@code submissions/}) graded {@code repeats} times with workers and in one
     * process, alternating; medians, since a 3-second run on a shared machine is noisy.
     */
    public static int example(int repeats) throws Exception {
        Path work = Path.of("target", "bench-grading").toAbsolutePath();
        Files.createDirectories(work);
        List<Double> workers = new ArrayList<>();
        List<Double> single = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            Folders.delete(work.resolve("reports-example"));
            workers.add(time("example, workers", 3, grade(Path.of("submissions"), assignment(work, true), work.resolve("reports-example"))).seconds());
            Folders.delete(work.resolve("reports-example"));
            single.add(time("example, one process", 3, grade(Path.of("submissions"), assignment(work, false), work.resolve("reports-example"))).seconds());
        }
        double w = median(workers);
        double s = median(single);
        System.out.printf(Locale.ROOT, "Example class, median of %d: workers %.2f s, one process %.2f s: isolation costs %+.0f %%%n",
                repeats, w, s, 100 * (w / s - 1));
        return 0;
    }

    /**
     * The best of three rounds: on a shared machine a slow round says more about the neighbours
     * than about the hardware, and the bound should be the tightest the machine shows.
     */
    private static double bestRate() {
        List<MatMulRate.Gemm> shapes = List.of(
                new MatMulRate.Gemm(2000, 784, 512), new MatMulRate.Gemm(2000, 512, 512), new MatMulRate.Gemm(2000, 512, 10),
                new MatMulRate.Gemm(2000, 784, 128), new MatMulRate.Gemm(2000, 128, 10));
        List<Double> rounds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            rounds.add(MatMulRate.measure(shapes, 20));
        }
        String warning = MatMulRate.unreliable(rounds);
        if (warning != null) {
            System.out.println(warning);
        }
        return rounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /**
     * The class graded in one run and in {@code shards} shards (one after another, as CI runners
     * would in parallel), the shards merged; prints whether gradebook and class page are identical.
     */
    public static int shards(int students, int shards) throws Exception {
        Path work = Path.of("target", "bench-grading").toAbsolutePath();
        Folders.delete(work);
        Files.createDirectories(work);
        Path classFolder = work.resolve("class-" + students);
        SyntheticClass.build(Path.of("submissions"), classFolder, students);
        Path assignment = assignment(work, true);
        Path single = work.resolve("reports-single");
        time("one run", students, grade(classFolder, assignment, single));
        List<String> merge = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ClassPath.current(), "org.dlgrader.cli.Main", "merge"));
        for (int k = 1; k <= shards; k++) {
            Path shard = work.resolve("reports-shard-" + k);
            List<String> command = new ArrayList<>(grade(classFolder, assignment, shard));
            command.addAll(List.of("--shard", k + "/" + shards));
            time("shard " + k + "/" + shards, students, command);
            merge.add(shard.toString());
        }
        Path merged = work.resolve("reports-merged");
        merge.addAll(List.of("--into", merged.toString(), "--assignment", assignment.toString()));
        time("merge", students, merge);
        boolean gradebook = java.util.Arrays.equals(Files.readAllBytes(single.resolve("gradebook.csv")),
                Files.readAllBytes(merged.resolve("gradebook.csv")));
        boolean page = java.util.Arrays.equals(Files.readAllBytes(single.resolve("index.html")),
                Files.readAllBytes(merged.resolve("index.html")));
        System.out.printf("%d students in %d shards, merged: gradebook.csv %s, index.html %s%n", students, shards,
                gradebook ? "identical" : "DIFFERENT", page ? "identical" : "DIFFERENT");
        return gradebook && page ? 0 : 1;
    }

    /**
     * A student's self-check as they run it ({@code mvn -o verify -Dsubmission=<folder>}, a compiled
     * checkout), {@code repeats} times, alternating with the same command as it ran before the
     * self-check skipped the grader's own unit tests ({@code -Dgrader.skipHarnessTests=false}): medians
     * of both, and their ratio. Exit status 1 of the self-check (a failed check) is expected for a
     * folder with mistakes.
     */
    public static int selfCheck(Path folder, int repeats) throws Exception {
        Files.createDirectories(Path.of("target", "bench-grading"));
        String maven = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
        List<String> selfCheck = List.of(maven, "-o", "-B", "verify", "-Dsubmission=" + folder);
        List<String> withUnitTests = new ArrayList<>(selfCheck);
        withUnitTests.add("-Dgrader.skipHarnessTests=false");
        // A first build compiles whatever is stale and fills the caches; it is not timed.
        time("warm-up", 1, selfCheck);
        List<Double> fast = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            fast.add(time("self-check", 1, selfCheck).commandSeconds());
            before.add(time("with unit tests", 1, withUnitTests).commandSeconds());
        }
        double f = median(fast);
        double b = median(before);
        System.out.printf(Locale.ROOT, "Self-check of %s, median of %d on %d cores: %.1f s; with the grader's unit tests %.1f s "
                + "(%.2fx as long)%n", folder, repeats, Runtime.getRuntime().availableProcessors(), f, b, b / f);
        return 0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * What else to grade each class with in the same run, alternating with this build, so that a
     * change is measured against what came before on the same machine at the same moment.
     *
     * @param againstClassPath the class path of another build of dl-grader (say, the main branch
     *     before a change), or null
     * @param sandboxOff also grade with -Dgrader.sandbox=off: what the sandbox itself costs
     * @param repeats rounds of each configuration; the medians are reported
     */
    public record Comparisons(String againstClassPath, boolean sandboxOff, int repeats) {
        public static final Comparisons NONE = new Comparisons(null, false, 1);
    }

    public static int run(List<Integer> sizes, boolean viaMaven, boolean compareIsolation) throws Exception {
        return run(sizes, viaMaven, compareIsolation, Comparisons.NONE);
    }

    public static int run(List<Integer> sizes, boolean viaMaven, boolean compareIsolation, Comparisons comparisons) throws Exception {
        Path work = Path.of("target", "bench-grading").toAbsolutePath();
        Folders.delete(work);
        Files.createDirectories(work);
        double before = bestRate();
        System.out.printf(Locale.ROOT, "Machine: %d cores; DJL matmul at the evaluation's batch-2000 shapes: %.1f GFLOP/s%n",
                Runtime.getRuntime().availableProcessors(), before);

        List<Run> runs = new ArrayList<>();
        Map<Integer, Double> forwardGflop = new HashMap<>();
        for (int n : sizes) {
            Path students = work.resolve("class-" + n);
            forwardGflop.put(n, SyntheticClass.build(Path.of("submissions"), students, n));
            Path assignment = assignment(work, true);
            Path reports = work.resolve("reports-" + n);
            if (comparisons.againstClassPath() != null || comparisons.sandboxOff()) {
                runs.addAll(compare(n, students, assignment, work, comparisons));
                continue;
            }
            Run run = viaMaven
                    ? time("mvn verify", n, List.of("mvn", "-o", "-q", "-B", "verify", "-Dgrader.failBuild=false",
                            "-Dsubmission=" + students, "-Dgrader.reports=" + reports, "-Dgrader.assignment=" + assignment), reports)
                    : time("grade (workers)", n, grade(students, assignment, reports), reports);
            runs.add(run);
            integrityShare(n, Assignment.load(assignment), reports, run.seconds());
            if (compareIsolation) {
                Run inProcess = time("grade (one process)", n, grade(students, assignment(work, false), work.resolve("reports-inproc-" + n)));
                Run isolated = viaMaven ? time("grade (workers)", n, grade(students, assignment, work.resolve("reports-iso-" + n))) : run;
                if (viaMaven) {
                    runs.add(isolated);
                }
                runs.add(inProcess);
                System.out.printf(Locale.ROOT, "Isolation cost on %d students: workers %.1f s vs one process %.1f s = %+.0f %%%n",
                        n, isolated.seconds(), inProcess.seconds(), 100 * (isolated.seconds() / inProcess.seconds() - 1));
            }
        }
        double after = bestRate();
        double gflops = Math.max(before, after);
        System.out.printf(Locale.ROOT, "Matmul rate again after the runs: %.1f GFLOP/s; the bound uses the best, %.1f GFLOP/s%n",
                after, gflops);
        System.out.println();
        System.out.println("Seconds: from the command's start to the last report written; the command itself ended at the second figure.");
        System.out.println("| run | students | seconds | students/min | s/student | peak RSS (tree) | GFLOP | compute bound s | ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Run r : runs) {
            double gflop = forwardGflop.get(r.students());
            double bound = gflop / gflops;
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f (%.1f) | %.0f | %.3f | %d MiB | %.0f | %.1f | %.2f |%n", r.what(), r.students(),
                    r.seconds(), r.commandSeconds(), r.students() / r.seconds() * 60, r.seconds() / r.students(), r.peakRssMb(), gflop, bound,
                    r.seconds() / bound);
        }
        return runs.stream().allMatch(r -> r.exitCode() == 0) ? 0 : 1;
    }

    /**
     * What the integrity pass adds to a class's grading: gathering the findings from the stored
     * signatures as {@code Reports.wholeClass} does, and, since the synthetic class is copies of three
     * students (identical files are told apart by their fingerprint alone), every figure of every pair
     * as a class of distinct models would need.
     */
    private static void integrityShare(int n, Assignment assignment, Path reports, double gradingSeconds) throws IOException {
        List<org.dlgrader.grading.StudentResult> results = org.dlgrader.report.ClassResults.read(reports, assignment).results();
        long start = System.nanoTime();
        int findings = org.dlgrader.grading.integrity.Findings.gather(assignment, results, reports).size();
        double gather = (System.nanoTime() - start) / 1e9;
        org.dlgrader.grading.integrity.Signatures store = new org.dlgrader.grading.integrity.Signatures(reports);
        start = System.nanoTime();
        long pairs = 0;
        for (org.dlgrader.grading.ExerciseSpec exercise : assignment.exercises()) {
            List<org.dlgrader.grading.integrity.Signature> signatures = results.stream()
                    .map(r -> store.read(r.submission().studentId(), exercise.id())).flatMap(java.util.Optional::stream).toList();
            for (int i = 0; i < signatures.size(); i++) {
                for (int j = i + 1; j < signatures.size(); j++) {
                    org.dlgrader.grading.integrity.Copies.Likeness.of(signatures.get(i), signatures.get(j));
                    pairs++;
                }
            }
        }
        double all = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "Integrity pass on %d students: %.2f s (%d findings) = %.1f %% of grading; every figure of all %d pairs "
                + "%.2f s = %.1f %%%n", n, gather, findings, 100 * gather / gradingSeconds, pairs, all, 100 * all / gradingSeconds);
    }

    /**
     * This build, the other build and this build without the sandbox, each graded {@code repeats}
     * times in turn on the same class (a fresh reports folder each time, so nothing comes from a
     * cache); prints the medians and their ratios.
     */
    private static List<Run> compare(int n, Path students, Path assignment, Path work, Comparisons comparisons)
            throws IOException, InterruptedException {
        List<String> configurations = new ArrayList<>(List.of("grade (this build)"));
        if (comparisons.againstClassPath() != null) {
            configurations.add("grade (baseline build)");
        }
        if (comparisons.sandboxOff()) {
            configurations.add("grade (sandbox off)");
        }
        Map<String, List<Run>> measured = new java.util.LinkedHashMap<>();
        for (int round = 0; round < comparisons.repeats(); round++) {
            for (String what : configurations) {
                Path reports = work.resolve("reports-" + n + "-" + measured.computeIfAbsent(what, k -> new ArrayList<>()).size()
                        + "-" + what.replaceAll("[^a-z]", ""));
                List<String> command = switch (what) {
                    case "grade (baseline build)" -> grade(students, assignment, reports, comparisons.againstClassPath(), List.of());
                    case "grade (sandbox off)" -> grade(students, assignment, reports, ClassPath.current(), List.of("-Dgrader.sandbox=off"));
                    default -> grade(students, assignment, reports);
                };
                measured.get(what).add(time(what, n, command, reports));
            }
        }
        List<Run> medians = new ArrayList<>();
        for (Map.Entry<String, List<Run>> entry : measured.entrySet()) {
            List<Run> sorted = entry.getValue().stream().sorted(java.util.Comparator.comparingDouble(Run::seconds)).toList();
            medians.add(sorted.get(sorted.size() / 2));
        }
        double mine = medians.get(0).seconds();
        for (Run other : medians.subList(1, medians.size())) {
            System.out.printf(Locale.ROOT, "%d students, median of %d: this build %.1f s, %s %.1f s: this build costs %+.0f %%%n",
                    n, comparisons.repeats(), mine, other.what(), other.seconds(), 100 * (mine / other.seconds() - 1));
        }
        return medians;
    }

    /** The grading command, its JVM set up as the pom sets up the one {@code mvn verify} grades in. */
    private static List<String> grade(Path students, Path assignment, Path reports) {
        return grade(students, assignment, reports, ClassPath.current(), List.of());
    }

    private static List<String> grade(Path students, Path assignment, Path reports, String classPath, List<String> properties) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true"));
        command.addAll(properties);
        command.addAll(List.of("-cp", classPath, "org.dlgrader.cli.Main", "grade", students.toString(),
                "--assignment", assignment.toString(), "--reports", reports.toString()));
        return command;
    }

    /** The lesson's assignment with isolation on or off. */
    private static Path assignment(Path work, boolean isolate) throws IOException {
        Limits l = Assignment.load(Assignment.DEFAULT).limits();
        Path file = work.resolve(isolate ? "assignment-workers.json" : "assignment-one-process.json");
        return Assignment.copyWithLimits(Assignment.DEFAULT, new Limits(isolate, l.workers(), l.secondsPerModel(), l.memoryMb(),
                l.threads(), l.maxFileMb(), l.maxUnpackedMb(), l.modelsPerWorker()), file);
    }

    static Run time(String what, int students, List<String> command) throws IOException, InterruptedException {
        return time(what, students, command, null);
    }

    /** @param reports where the command writes its reports, to find when the last was written; null for none */
    static Run time(String what, int students, List<String> command, Path reports) throws IOException, InterruptedException {
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "bench-grading", "last-run.log").toFile());
        EngineSettings.forGradingProcess(builder.environment());
        Process process = builder.start();
        long peakKb = 0;
        while (process.isAlive()) {
            long kb = ProcessStatus.of(process.pid()).rssKb();
            for (ProcessHandle child : process.descendants().toList()) {
                kb += ProcessStatus.of(child.pid()).rssKb();
            }
            peakKb = Math.max(peakKb, kb);
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double toLastReport = reports == null ? seconds : (lastModified(reports) - startMillis) / 1e3;
        System.out.printf(Locale.ROOT, "%-20s %4d students: %6.1f s to the last report, %6.1f s in all, peak %d MiB, exit %d%n", what,
                students, toLastReport, seconds, peakKb >> 10, process.exitValue());
        return new Run(what, students, toLastReport, seconds, peakKb >> 10, process.exitValue());
    }

    /** When the newest file under {@code folder} was written, in epoch milliseconds. */
    private static long lastModified(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
        }
    }
}
