package org.dlgrader.bench;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlgrader.exercise.Reference;
import org.dlgrader.exercise.ReferenceResult;
import org.dlgrader.exercise.References;
import org.dlgrader.train.TrainingOptions;

/**
 * Java references against the lesson's own PyTorch code ({@code python/lesson_pytorch.py}) on the
 * same machine, same hyperparameters, same thread count; and fashion-mlp's epoch against its
 * compute bound. Prints figures; asserts nothing.
 */
public final class ReferenceBenchmark {

    private static final List<String> EXERCISES = List.of("linear", "fashion-mlp", "square");

    private ReferenceBenchmark() {
    }

    public static int run(String python, Path out, long seed) throws Exception {
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads"));
        System.out.printf(Locale.ROOT, "Benchmark on %d cores, %d torch threads for both sides%n",
                Runtime.getRuntime().availableProcessors(), threads);

        List<MatMulRate.Gemm> step = MatMulRate.trainingStep(64, 784, 512, 512, 10);
        List<Double> rounds = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            rounds.add(MatMulRate.measure(step, 100));
        }
        double gflops = rounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String warning = MatMulRate.unreliable(rounds);
        if (warning != null) {
            System.out.println(warning);
        }
        double epochGflop = MatMulRate.flops(step) / 64.0 * 60_000 / 1e9;
        double bound = epochGflop / gflops;
        System.out.printf(Locale.ROOT, "DJL matmul at the quickstart's batch-64 shapes: %.1f GFLOP/s; "
                + "one epoch is %.1f GFLOP of GEMMs (forward + backward), so the bound is %.2f s/epoch%n",
                gflops, epochGflop, bound);

        Map<String, ReferenceResult> java = new LinkedHashMap<>();
        for (String id : EXERCISES) {
            Reference reference = References.byId(id);
            java.put(id, reference.train(new TrainingOptions(seed, Device.cpu(), 0, 0, false, out.resolve(id))));
        }
        Map<String, Map<String, Object>> torch = runPython(python, seed, threads);

        System.out.println();
        System.out.println("| exercise | Java s/epoch | PyTorch s/epoch | Java/PyTorch | Java result | PyTorch result |");
        System.out.println("|---|---|---|---|---|---|");
        for (String id : EXERCISES) {
            ReferenceResult j = java.get(id);
            Map<String, Object> p = torch.getOrDefault(id, Map.of());
            double js = j.number("seconds_per_epoch");
            double ps = p.containsKey("seconds_per_epoch") ? ((Number) p.get("seconds_per_epoch")).doubleValue() : Double.NaN;
            System.out.printf(Locale.ROOT, "| %s | %.4g | %.4g | %.2f | %s | %s |%n", id, js, ps, js / ps,
                    result(j.metrics()), result(p));
        }
        double epoch = java.get("fashion-mlp").number("seconds_per_epoch");
        System.out.printf(Locale.ROOT, "%nfashion-mlp: %.2f s/epoch = %.2f x the compute bound of %.2f s%n",
                epoch, epoch / bound, bound);
        return 0;
    }

    private static String result(Map<String, Object> metrics) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("accuracy", "w", "b", "mse")) {
            if (metrics.get(key) instanceof Number n) {
                parts.add(String.format(Locale.ROOT, "%s %.4g", key, n.doubleValue()));
            }
        }
        return String.join(", ", parts);
    }

    private static Map<String, Map<String, Object>> runPython(String python, long seed, int threads)
            throws IOException, InterruptedException {
        Path script = Path.of("python", "lesson_pytorch.py");
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        if (!Files.exists(Path.of(python))) {
            System.out.println("No " + python + ": PyTorch side skipped (apt-get install python3-torch libopenblas0-pthread).");
            return results;
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(EXERCISES);
        command.addAll(List.of("--seed", Long.toString(seed), "--threads", Integer.toString(threads)));
        System.out.println("Running " + String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("{")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> row = json.readValue(line, LinkedHashMap.class);
                    results.put((String) row.get("exercise"), row);
                }
            }
        }
        if (process.waitFor() != 0) {
            System.out.println("The PyTorch script exited with " + process.exitValue());
        }
        return results;
    }
}
