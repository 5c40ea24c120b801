package org.dlgrader.model.pytorch;

import static org.dlgrader.i18n.Messages.tr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlgrader.model.DenseStack;
import org.dlgrader.model.InputSpec;
import org.dlgrader.model.ModelFile;
import org.dlgrader.model.ModelLoader;
import org.dlgrader.model.ModelRejected;

/**
 * Turns a state_dict into the plain stack of Linear layers with ReLU between them that the
 * lesson's models are (the quickstart's {@code linear_relu_stack.{0,2,4}}, {@code nn.Linear(1,1)},
 * the homework MLP), in the order the layers were registered.
 */
public final class StateDictLoader implements ModelLoader {

    /** A pickle (protocol 2) whose first object is torch's legacy magic number 0x1950a86a20f9469cfc6c. */
    private static final byte[] LEGACY_MAGIC = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46};

    private final boolean legacy;

    /** @param legacy the format torch.save wrote before PyTorch 1.6 (one pickle stream, no zip) */
    public StateDictLoader(boolean legacy) {
        this.legacy = legacy;
    }

    @Override
    public String format() {
        return legacy ? "PyTorch torch.save file (legacy pre-1.6 format)" : "PyTorch torch.save file";
    }

    /** Both formats by one name: the legacy one is read, never recommended, so students are told of the current one. */
    @Override
    public String formatName() {
        return tr("model.format.torchSave");
    }

    @Override
    public java.util.List<String> extensions() {
        return java.util.List.of(".pth", ".pt", ".bin", ".ckpt", ".tar");
    }

    @Override
    public String howToSave(String fileName) {
        return "torch.save(model.state_dict(), \"" + fileName + "\")";
    }


    @Override
    public boolean accepts(ModelFile file) {
        if (legacy) {
            return file.startsWith(LEGACY_MAGIC);
        }
        return file.hasEntry(n -> n.endsWith("/data.pkl") || n.equals("data.pkl"))
                && !file.hasEntry(n -> n.contains("/code/") || n.startsWith("code/") || n.endsWith("/constants.pkl"));
    }

    @Override
    public DenseStack load(ModelFile file, InputSpec spec) throws ModelRejected {
        String name = file.name();
        Map<String, Tensor> tensors = StateDictReader.read(file.path(), legacy);
        List<String> notes = new ArrayList<>();
        Set<String> locations = new LinkedHashSet<>();
        Map<String, Tensor> stripped = new LinkedHashMap<>();
        boolean dataParallel = false;
        for (Tensor tensor : tensors.values()) {
            locations.add(tensor.location());
            String key = tensor.name();
            if (key.startsWith("module.")) {
                key = key.substring("module.".length());
                dataParallel = true;
            }
            stripped.put(key, tensor);
        }
        locations.remove("cpu");
        if (!locations.isEmpty()) {
            notes.add(tr("model.stateDict.note.device", String.join(", ", locations)));
        }
        if (dataParallel) {
            notes.add(tr("model.stateDict.note.dataParallel"));
        }
        List<DenseStack.Layer> layers = new ArrayList<>();
        for (Map.Entry<String, Tensor> entry : stripped.entrySet()) {
            String key = entry.getKey();
            Tensor tensor = entry.getValue();
            if (!key.endsWith(".weight") && !key.equals("weight")) {
                if (key.endsWith(".bias") || key.equals("bias")) {
                    continue;
                }
                if (key.endsWith("num_batches_tracked") || key.endsWith("running_mean") || key.endsWith("running_var")) {
                    throw new ModelRejected(tr("model.stateDict.batchNorm", name, key));
                }
                throw new ModelRejected(tr("model.stateDict.notLinear", name, key, tensor.shapeText()));
            }
            if (tensor.dimensions() != 2) {
                String kind = tensor.dimensions() == 4 ? tr("model.stateDict.kind.convolution") : tr("model.stateDict.kind.notLinear");
                throw new ModelRejected(tr("model.stateDict.dimensions", name, key, tensor.shapeText(), kind));
            }
            String base = key.substring(0, key.length() - "weight".length());
            Tensor bias = stripped.get(base + "bias");
            int out = (int) tensor.shape()[0];
            int in = (int) tensor.shape()[1];
            if (bias != null && (bias.dimensions() != 1 || bias.shape()[0] != out)) {
                throw new ModelRejected(tr("model.stateDict.biasShape", name, base + "bias", bias.shapeText(), key, out));
            }
            if (!layers.isEmpty() && layers.get(layers.size() - 1).out() != in) {
                DenseStack.Layer previous = layers.get(layers.size() - 1);
                throw new ModelRejected(tr("model.stateDict.chain", name, key, in, previous.name(), previous.out()));
            }
            layers.add(new DenseStack.Layer(base.isEmpty() ? "linear" : base.substring(0, base.length() - 1), in, out,
                    tensor.data(), bias == null ? null : bias.data(), DenseStack.Activation.RELU));
        }
        if (layers.isEmpty()) {
            throw new ModelRejected(tr("model.stateDict.noLinear", name));
        }
        // ReLU between the layers, none after the last: the outputs are the logits.
        layers.set(layers.size() - 1, layers.get(layers.size() - 1).withActivation(DenseStack.Activation.LINEAR));
        return new DenseStack(legacy ? tr("model.stateDict.description.legacy") : "PyTorch state_dict", layers, notes);
    }

    @Override
    public java.util.Optional<List<DenseStack.Layer>> denseLayers(ModelFile file, InputSpec spec) throws ModelRejected {
        return java.util.Optional.of(load(file, spec).layers());
    }
}
