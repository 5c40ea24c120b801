package org.dlgrader.run;

import static org.dlgrader.i18n.Messages.tr;

import org.dlgrader.engine.EngineSettings;
import org.dlgrader.grading.Assignment;
import org.dlgrader.isolation.Sandbox;
import org.dlgrader.isolation.WorkerPool;
import org.dlgrader.model.LocalRunner;
import org.dlgrader.model.ModelRunner;

/**
 * Where a run's models are loaded and run: worker processes in a sandbox (the default), worker
 * processes without one where the machine has none, or this process ({@code "isolate": false}, for
 * debugging). Models that carry code (TorchScript) run only in a sandbox, unless the teacher turns
 * it off explicitly with {@code -Dgrader.sandbox=off}, or a student checks their own folder.
 */
public final class Runners {

    public static final String SANDBOX_PROPERTY = "grader.sandbox";

    /**
     * A worker's start (JVM, libtorch) costs about as much CPU as grading five students, so a small
     * class gets fewer workers than the machine could run.
     */
    static final int STUDENTS_PER_WORKER = 6;

    private Runners() {
    }

    /** The runner, and a sentence for the console and the class page when the sandbox is not in force. */
    public record Choice(ModelRunner runner, String notice) {
    }

    public static Choice create(Assignment assignment, int students, boolean oneStudent) {
        if (!assignment.limits().isolate()) {
            return new Choice(new LocalRunner(), tr("run.runners.inProcess"));
        }
        WorkerPool.Policy policy = policy(oneStudent);
        if (policy.sandboxed()) {
            EngineSettings.unpackNatives();
        }
        String notice = null;
        if (!policy.sandboxed()) {
            notice = policy.codeRefusal() != null
                    ? tr("run.runners.noSandbox", Sandbox.status().reason(), SANDBOX_PROPERTY)
                    : oneStudent ? null
                    : tr("run.runners.sandboxOff", SANDBOX_PROPERTY);
        }
        return new Choice(new WorkerPool(assignment.limits(), workers(assignment, students), policy), notice);
    }

    /** Sandbox when there is one; {@code off} and {@code on} as the teacher asks. */
    public static WorkerPool.Policy policy(boolean oneStudent) {
        String mode = System.getProperty(SANDBOX_PROPERTY, "auto").trim().toLowerCase(java.util.Locale.ROOT);
        boolean exclusive = !oneStudent;
        switch (mode) {
            case "off", "false", "no" -> {
                return new WorkerPool.Policy(false, null, exclusive);
            }
            case "on", "true", "yes" -> {
                Sandbox.Status status = Sandbox.status();
                if (!status.available()) {
                    // Not a bug: the teacher asked for a sandbox this machine cannot give, and reads why.
                    throw new org.dlgrader.grading.GraderError(tr("run.runners.sandboxUnavailable", SANDBOX_PROPERTY, status.reason()));
                }
                return new WorkerPool.Policy(true, null, exclusive);
            }
            case "auto", "" -> {
                Sandbox.Status status = Sandbox.status();
                if (status.available()) {
                    return new WorkerPool.Policy(true, null, exclusive);
                }
                String refusal = oneStudent ? null : tr("run.runners.codeRefused", status.reason(), SANDBOX_PROPERTY);
                return new WorkerPool.Policy(false, refusal, exclusive);
            }
            default -> throw new org.dlgrader.grading.GraderError(tr("run.runners.unknownMode", SANDBOX_PROPERTY, mode));
        }
    }

    /** Worker processes for a class of {@code students}: as many as fit, never more than the work needs. */
    public static int workers(Assignment assignment, int students) {
        int useful = (students + STUDENTS_PER_WORKER - 1) / STUDENTS_PER_WORKER;
        return Math.max(1, Math.min(assignment.limits().workerCount(), useful));
    }

    /**
     * Grading threads: with workers, one more than the models they run at once, so that while one
     * thread writes a student's page the others keep the workers busy; in this process, one per core.
     */
    public static int threads(Assignment assignment, int students) {
        if (assignment.limits().isolate()) {
            return Math.max(1, Math.min(students, workers(assignment, students) * assignment.limits().modelsPerWorker() + 1));
        }
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), students));
    }
}
