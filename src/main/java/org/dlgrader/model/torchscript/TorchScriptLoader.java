package org.dlgrader.model.torchscript;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.util.zip.ZipFile;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.LoadedModel;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelRejected;
import org.dlgrader.model.ZipGuard;

/** {@code torch.jit.save} / {@code torch.jit.trace(...).save}: a zip with pickled weights and code. */
public final class TorchScriptLoader implements ModelLoader {

    @Override
    public String format() {
        return "TorchScript";
    }

    @Override
    public java.util.List<String> extensions() {
        return java.util.List.of(".pt", ".pth", ".pts", ".zip");
    }

    @Override
    public String howToSave(String fileName) {
        // script, not trace: it needs no example input, which differs per exercise and confuses beginners.
        return "torch.jit.script(model).save(\"" + fileName + "\")";
    }

    @Override
    public boolean carriesCode() {
        return true;
    }

    @Override
    public boolean accepts(ModelFile file) {
        return file.hasEntry(n -> n.endsWith("/data.pkl") || n.equals("data.pkl"))
                && file.hasEntry(n -> n.contains("/code/") || n.startsWith("code/") || n.endsWith("/constants.pkl"));
    }

    /**
     * Turns the operator check off, so that the sandbox's own tests can show what the sandbox alone
     * holds. Never for grading: the check is the first of three walls.
     */
    static final String SKIP_CHECK_PROPERTY = "dlgrader.unsafe.skipTorchScriptCheck";
    /** What torch.jit.save writes since PyTorch 1.6; older files lack constants.pkl and are still loaded. */
    private static final java.util.List<String> REQUIRED = java.util.List.of("data.pkl", "version");

    @Override
    public LoadedModel load(ModelFile file, InputSpec spec) throws ModelRejected {
        try (ZipFile zip = new ZipFile(file.path().toFile())) {
            for (String record : REQUIRED) {
                if (!file.hasEntry(n -> n.equals(record) || n.endsWith("/" + record))) {
                    throw ZipGuard.damaged(file.name(), tr("model.torchScript.noRecord", record));
                }
            }
            // libtorch reads stored entries without checking their CRC: a flipped byte would be a wrong weight.
            ZipGuard.verify(zip, file.name(), (long) Integer.MAX_VALUE);
            if (!Boolean.getBoolean(SKIP_CHECK_PROPERTY)) {
                TorchScriptCode.check(zip, file.name());
            }
        } catch (IOException e) {
            throw new ModelRejected(tr("model.torchScript.damaged", file.name(), e.getMessage()), e);
        }
        return TorchScriptModel.load(file.path(), spec.layouts());
    }
}
