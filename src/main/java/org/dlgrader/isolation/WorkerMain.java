package org.dlgrader.isolation;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.dlgrader.cli.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.grading.ExerciseSpec;
import org.dlgrader.grading.Grader;

/**
 * A grading worker: a child JVM that reads one job per line on standard input
 * ({@code {"exercise": id, "file": path}}) and answers one result per line, prefixed so stray
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
        Grader grader = new Grader(assignment);
        protocol.println(READY);
        BufferedReader jobs = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = jobs.readLine()) != null) {
            @SuppressWarnings("unchecked")
            Map<String, String> job = WireFormat.JSON.readValue(line, Map.class);
            ExerciseSpec exercise = assignment.exercises().stream()
                    .filter(e -> e.id().equals(job.get("exercise"))).findFirst().orElseThrow();
            protocol.println(ANSWER + WireFormat.write(grader.evaluate(exercise, Path.of(job.get("file")))));
        }
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
