package org.dlgrader.model;

import static org.dlgrader.i18n.Messages.tr;

import java.util.ArrayList;
import java.util.List;

/**
 * Loads and runs a model in this process: what a worker process does with each job, and what a
 * grading run with isolation turned off does directly. Inputs are fed in batches; a model whose
 * output width is wrong is fed one batch only, enough for the task to say so.
 */
public final class LocalRunner implements ModelRunner {

    /** Rows per forward pass: large enough for libtorch's matrix products to run at speed. */
    public static final int BATCH = 2000;
    /** More outputs per example than any exercise could want: refused before they are copied. */
    public static final int MAX_WIDTH = 4096;

    @Override
    public void ready() {
        try {
            ai.djl.engine.Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(tr("model.run.engineMissing", e.getMessage()), e);
        }
    }

    @Override
    public ModelRun run(ModelJob job) {
        String name = job.file().name();
        try (LoadedModel model = job.loader().load(job.file(), job.spec())) {
            List<LoadedModel.Output> outputs = new ArrayList<>();
            for (InputRows rows : job.inputs()) {
                if (rows.count() >= BATCH) {
                    // Every student's model reads the same test set: one native copy, handed out as views.
                    NativeRows.share(rows.rows(), rows.features());
                }
                outputs.add(feed(model, rows, job.spec().outputs(), name));
            }
            return new ModelRun.Outputs(model.description(), List.copyOf(model.notes()), model.declaresSoftmax(), outputs, model.shape());
        } catch (ModelRejected e) {
            return new ModelRun.Refused(e.getMessage());
        } catch (OutOfMemoryError e) {
            return new ModelRun.NotGradable(tr("model.run.outOfMemory", name));
        } catch (StackOverflowError e) {
            return new ModelRun.NotGradable(tr("model.run.stackOverflow", name));
        } catch (LinkageError e) {
            return new ModelRun.GraderFault(tr("model.run.engineBroken", e));
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("native library")) {
                return new ModelRun.GraderFault(tr("model.run.engineBroken", e.getMessage()));
            }
            return new ModelRun.Refused(tr("model.run.failed", name, firstLine(e)));
        }
    }

    private static LoadedModel.Output feed(LoadedModel model, InputRows rows, int expectedWidth, String name) throws ModelRejected {
        float[] values = null;
        int width = -1;
        for (int from = 0; from < rows.count(); from += BATCH) {
            int count = Math.min(BATCH, rows.count() - from);
            LoadedModel.Output out = model.predict(rows.rows(), from, count, rows.features());
            if (out.count() != count || (long) out.count() * out.width() != out.values().length) {
                throw new ModelRejected(tr("model.run.valueCount", name, out.values().length, count));
            }
            if (out.width() > MAX_WIDTH || out.width() < 1) {
                throw new ModelRejected(tr("model.run.width", name, out.width(), expectedWidth));
            }
            if (width == -1) {
                width = out.width();
                if (width != expectedWidth) {
                    // The task reports the wrong shape from this first batch; the rest would only cost memory.
                    return out;
                }
                values = new float[rows.count() * width];
            } else if (out.width() != width) {
                throw new ModelRejected(tr("model.run.widthChanged", name, width, out.width()));
            }
            System.arraycopy(out.values(), 0, values, from * width, out.values().length);
        }
        return new LoadedModel.Output(values == null ? new float[0] : values, rows.count(), Math.max(width, expectedWidth));
    }

    /** The first line of an exception's message, where libtorch puts what went wrong. */
    public static String firstLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        for (String line : message.split("\\R")) {
            if (line.contains("Expected") || line.contains("shape") || line.contains("size")) {
                return line.trim();
            }
        }
        return message.split("\\R")[0].trim();
    }
}
