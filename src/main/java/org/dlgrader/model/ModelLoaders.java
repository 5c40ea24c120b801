package org.dlgrader.model;

import static org.dlgrader.i18n.Messages.tr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlgrader.model.djl.DjlParamsLoader;
import org.dlgrader.model.keras.KerasArchiveLoader;
import org.dlgrader.model.keras.KerasH5Loader;
import org.dlgrader.model.onnx.OnnxLoader;
import org.dlgrader.model.pytorch.StateDictLoader;
import org.dlgrader.model.torchscript.TorchScriptLoader;

/**
 * Every model format the grader reads, told apart by content (students rename files freely). A new
 * format is one class implementing {@link ModelLoader} and one line in {@link #ALL}; the sentence
 * that lists the accepted formats is made from this list.
 */
public final class ModelLoaders {

    public static final List<ModelLoader> ALL = List.of(
            new TorchScriptLoader(),
            new StateDictLoader(false),
            new StateDictLoader(true),
            new KerasH5Loader(),
            new KerasArchiveLoader(),
            new DjlParamsLoader(),
            new OnnxLoader());

    private ModelLoaders() {
    }

    /**
     * The loader for {@code file}; refuses, with the student's message, a file that is empty, damaged,
     * of a known format the grader does not run, of no known format, or a zip that would unpack to
     * more than {@code maxUnpackedMb}.
     */
    /** The file's bytes with the side-cars its format names folded in, by the loader that accepts it. */
    static byte[] withSideCars(ModelFile file, byte[] bytes, long maxBytes) {
        for (ModelLoader loader : ALL) {
            if (loader.accepts(file)) {
                return loader.withSideCars(file.path(), bytes, maxBytes);
            }
        }
        return bytes;
    }

    public static ModelLoader detect(ModelFile file, int maxUnpackedMb) throws ModelRejected {
        String name = file.name();
        if (file.size() == 0) {
            throw new ModelRejected(tr("model.detect.empty", name));
        }
        if (file.isZip() && file.entries().isEmpty()) {
            throw new ModelRejected(tr("model.detect.damagedZip", name));
        }
        for (ModelLoader loader : ALL) {
            if (loader.accepts(file)) {
                if (file.isZip()) {
                    ZipGuard.check(file, maxUnpackedMb);
                }
                return loader;
            }
        }
        if (file.headText().startsWith("version https://git-lfs")) {
            throw new ModelRejected(tr("model.detect.gitLfs", name));
        }
        String known = UnsupportedFormats.describe(file);
        if (known != null) {
            throw new ModelRejected(tr("model.detect.unsupported", name, known, acceptedFormats(name)));
        }
        throw new ModelRejected(tr("model.detect.unknown", name, acceptedFormats(name)));
    }

    /**
     * "TorchScript: torch.jit.script(model).save("model.pth"); ...": the ways to save a file under
     * {@code fileName} (the student's own, which the exercise accepts), made from {@link #ALL} so
     * a new format is never forgotten.
     */
    public static String acceptedFormats(String fileName) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, ModelLoader> e : savers(fileName).entrySet()) {
            // The lines of code stay code; the names and the punctuation between them are the run's language.
            text.append(text.length() == 0 ? tr("model.formats.first", e.getValue().formatName(), e.getKey())
                    : tr("model.formats.next", e.getValue().formatName(), e.getKey()));
        }
        return text.toString();
    }

    /**
     * The lines of code that write a model file named {@code fileName}, each with its format: only
     * formats saved under that ending (Keras refuses to write "square.pth"), all of them when none is.
     * One line per way of saving: the legacy torch.save format is read, never recommended.
     */
    public static Map<String, ModelLoader> savers(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        List<ModelLoader> fitting = ALL.stream().filter(l -> l.extensions().stream().anyMatch(lower::endsWith)).toList();
        Map<String, ModelLoader> byLine = new LinkedHashMap<>();
        for (ModelLoader loader : fitting.isEmpty() ? ALL : fitting) {
            byLine.putIfAbsent(loader.howToSave(fileName), loader);
        }
        return byLine;
    }

    /**
     * The README's table of formats, a row per loader of {@link #ALL}: a new format appears there by
     * being registered (ReadmeTest holds the README to it). In English, as the README is: it
     * documents the grader, it is not a text a student reads.
     */
    public static String formatsTable() {
        StringBuilder table = new StringBuilder("| format | saved with | usual endings | carries code |\n|---|---|---|---|\n");
        for (ModelLoader loader : ALL) {
            table.append("| ").append(loader.format()).append(" | `").append(loader.howToSave("model" + loader.extensions().get(0)))
                    .append("` | ").append(String.join(", ", loader.extensions())).append(" | ")
                    .append(loader.carriesCode() ? "yes: run only in the sandbox, alone" : "no: read by " + loader.readBy())
                    .append(" |\n");
        }
        return table.toString();
    }

    /** The loader whose {@link ModelLoader#format()} is {@code format}, as a worker is told it. */
    public static ModelLoader byFormat(String format) {
        return ALL.stream().filter(l -> l.format().equals(format)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model format '" + format + "'"));
    }
}
