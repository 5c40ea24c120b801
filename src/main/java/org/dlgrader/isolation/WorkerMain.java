package org.dlgrader.isolation;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dlgrader.cli.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Grader;

/**
 * A grading worker: a child JVM that reads one job per line on standard input
 * ({@code {"id": n, "exercise": id, "file": path}}), runs up to its capacity (second argument)
 * side by side, and answers one result per line ({@code prefix id json}), prefixed so stray
 * output of native libraries can never be mistaken for an answer. It lives as long as its parent
 * keeps it; a model that crashes, hangs or bloats it takes only this process down.
 */
public final class WorkerMain {

    static final String ANSWER = "@@dl-grader-result@@ ";
    static final String READY = "@@dl-grader-ready@@";

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        // The protocol owns standard output; everything else anyone prints goes to standard error.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        EngineSettings.applyDefaults();
        // libtorch and the test set take a second to load: start now, beside reading the assignment.
        Thread preload = new Thread(WorkerMain::preload, "preload");
        preload.setDaemon(true);
        preload.start();
        Assignment assignment = Assignment.load(Path.of(args[0]));
        int capacity = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Grader grader = new Grader(assignment);
        ExecutorService running = Executors.newFixedThreadPool(capacity);
        protocol.println(READY);
        BufferedReader jobs = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = jobs.readLine()) != null) {
            Map<?, ?> job = WireFormat.JSON.readValue(line, Map.class);
            String id = String.valueOf(job.get("id"));
            ExerciseSpec exercise = assignment.exercises().stream()
                    .filter(e -> e.id().equals(job.get("exercise"))).findFirst().orElseThrow();
            Path file = Path.of((String) job.get("file"));
            // Grader.evaluate never throws for a bad file. println is synchronized: answers of
            // jobs running side by side never interleave.
            running.execute(() -> protocol.println(ANSWER + id + " " + WireFormat.write(grader.evaluate(exercise, file))));
        }
        running.shutdown();
    }

    private static void preload() {
        try {
            ai.djl.engine.Engine.getInstance();
            if (org.dlgrader.data.FashionMnistLocator.isInstalled()) {
                org.dlgrader.exercise.FashionTask.preload();
            }
        } catch (RuntimeException e) {
            // The first job that needs them reports the problem with its own message.
        }
    }
}
