package org.dlgrader.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One model format: how to recognise a file of it from its first bytes or its zip listing, and how
 * to load it for a task's input. Every format is one class registered in {@link ModelLoaders#ALL}.
 */
public interface ModelLoader {

    /**
     * The format in words, as students know it: "TorchScript (torch.jit.save)". Also the format's
     * identifier (a worker is told it, the README's table shows it), so it is the same in every
     * language; sentences a student reads use {@link #formatName()}.
     */
    String format();

    /** {@link #format()} in the run's language, for sentences a student reads; the same unless a loader translates it. */
    default String formatName() {
        return format();
    }

    /** The endings files of this format are saved with (".pt"), lower case: what an assignment may accept. */
    List<String> extensions();

    /**
     * The line of code that writes this format under {@code fileName}, for the hand-in guide and the
     * accepted-formats sentence: "torch.save(model.state_dict(), \"model.pth\")".
     */
    String howToSave(String fileName);

    /**
     * Whether the format carries code that runs when the model is loaded or run (TorchScript). Such a
     * model is run only in a sandbox, never beside another student's model.
     */
    default boolean carriesCode() {
        return false;
    }

    /**
     * What reads a file of this format when it carries no code, for the README's table: "the
     * grader's own reader", or the library a worker runs it with.
     */
    default String readBy() {
        return "the grader's own reader";
    }

    /** Whether {@code file} is of this format, from {@link ModelFile}'s head and listing only. */
    boolean accepts(ModelFile file);

    /** Loads the model for inputs of {@code spec}; the caller closes it. */
    LoadedModel load(ModelFile file, InputSpec spec) throws ModelRejected;

    /**
     * The file's dense layers, read by the grader's own reader with no model code run and no native
     * memory taken, for comparing students' weights; empty for formats whose weights the grading
     * process does not read (TorchScript carries code, DJL parameters need the engine).
     */
    default Optional<List<DenseStack.Layer>> denseLayers(ModelFile file, InputSpec spec) throws ModelRejected {
        return Optional.empty();
    }

    /**
     * The input shape, batch first, that the file itself declares for one example when every size in
     * it is fixed, read by the grader's own reader with no model code run; empty when the format does
     * not say or leaves a size open. A free exercise tries it first.
     */
    default Optional<long[]> declaredInputShape(ModelFile file) {
        return Optional.empty();
    }

    /**
     * {@code bytes}, the file at {@code path}, with the side-car files it names in its own folder
     * folded in (at most {@code maxBytes} in all), so that one array is the whole model; {@code bytes}
     * itself for formats that name none (all but ONNX's external data).
     */
    default byte[] withSideCars(Path path, byte[] bytes, long maxBytes) {
        return bytes;
    }
}
