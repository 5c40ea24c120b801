#!/usr/bin/env python3
"""Keras image models (Conv2D, pooling, BatchNormalization, ...) for the grader's tests, written with
h5py in Keras 2 (.h5) and Keras 3 (.keras) layouts from networks trained with PyTorch.

    OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 /usr/bin/python3 python/make_keras_cnn.py            # all (minutes)
    /usr/bin/python3 python/make_keras_cnn.py refusals   # only the refused files (seconds)

TensorFlow is not available here, so each PyTorch network is built to compute exactly what its Keras
config says: TensorFlow's "same" padding (the extra row and column go after, not before), an average
pool that leaves the padding out of its count, and the first Dense after a Flatten reading the
features in Keras's height, width, channel order. PyTorch's own accuracy on the test set is written
beside each model (accuracy.json); the grader must reach the same.
"""
import io
import json
import math
import os
import sys
import zipfile

import h5py
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(__file__))
import lesson_pytorch as lesson  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "keras-cnn")


def same_padding(size, kernel, stride):
    """TensorFlow's SAME: the output is ceil(size / stride); the odd pixel of padding goes after."""
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


class SmallCnn(nn.Module):
    """Keras: Conv2D(16, 3, relu) → MaxPooling2D → Conv2D(32, 3, same, relu) → MaxPooling2D →
    BatchNormalization → Flatten → Dropout(0.25) → Dense(64, relu) → Dense(10, softmax)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.bn = nn.BatchNorm2d(32, eps=1e-3)
        self.drop = nn.Dropout(0.25)
        self.fc1 = nn.Linear(32 * 6 * 6, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)        # 26 → 13
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)        # 13 → 6
        x = self.bn(x)
        x = self.drop(torch.flatten(x, 1))
        return self.fc2(F.relu(self.fc1(x)))              # logits; the Keras file ends in softmax


class GapCnn(nn.Module):
    """Keras: Reshape((28, 28, 1)) → Conv2D(8, 5, strides 2, same, relu) → AveragePooling2D(3, 2, same)
    → Conv2D(16, 3, use_bias=False) → BatchNormalization(center=False, epsilon=1e-5) → ReLU →
    GlobalAveragePooling2D → Dense(10) → Activation(softmax)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 5, stride=2)
        self.conv2 = nn.Conv2d(8, 16, 3, bias=False)
        self.bn = nn.BatchNorm2d(16, eps=1e-5)
        self.bn.bias.requires_grad_(False)                # center=False: no beta
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        before, after = same_padding(28, 5, 2)            # 1, 2
        x = F.relu(self.conv1(F.pad(x, (before, after, before, after))))   # 28 → 14
        before, after = same_padding(14, 3, 2)            # 0, 1
        padded = F.pad(x, (before, after, before, after))
        ones = F.pad(torch.ones_like(x[:, :1]), (before, after, before, after))
        x = F.avg_pool2d(padded, 3, 2) / F.avg_pool2d(ones, 3, 2)           # 14 → 7, padding not counted
        x = F.relu(self.bn(self.conv2(x)))                # 7 → 5
        return self.fc(x.mean((2, 3)))


def train(model, epochs, seed):
    torch.manual_seed(seed)
    data = lesson.fashion_mnist(True)
    loader = torch.utils.data.DataLoader(data, batch_size=64, shuffle=True)
    optim = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=2e-3)
    model.train()
    for _ in range(epochs):
        for x, y in loader:
            optim.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optim.step()
    return model.eval()


def accuracy(model):
    x, y = lesson.fashion_mnist(False).tensors
    with torch.no_grad():
        return float((model(x).argmax(1) == y).float().mean())


def arr(t):
    return t.detach().numpy().astype(np.float32)


def conv_kernel(conv):
    return arr(conv.weight.permute(2, 3, 1, 0))           # (out, in, kh, kw) → Keras (kh, kw, in, out)


def dense_after_flatten(linear, channels, height, width):
    """PyTorch flattens C, H, W; Keras flattens H, W, C: the first Dense's rows are reordered to match."""
    w = linear.weight.reshape(linear.out_features, channels, height, width)
    return arr(w.permute(2, 3, 1, 0).reshape(height * width * channels, linear.out_features))


def bn_vars(bn, center=True):
    return ([arr(bn.weight)] + ([arr(bn.bias)] if center else [])
            + [arr(bn.running_mean), arr(bn.running_var)])


def small_cnn_layers(m):
    """(class_name, config, [weights]) in order, configs as Keras writes them (the shape-giving first layer aside)."""
    return [
        ("Conv2D", {"name": "conv2d", "filters": 16, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid",
                    "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu",
                    "use_bias": True}, [conv_kernel(m.conv1), arr(m.conv1.bias)]),
        ("MaxPooling2D", {"name": "max_pooling2d", "pool_size": [2, 2], "padding": "valid", "strides": [2, 2],
                          "data_format": "channels_last"}, []),
        ("Conv2D", {"name": "conv2d_1", "filters": 32, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same",
                    "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu",
                    "use_bias": True}, [conv_kernel(m.conv2), arr(m.conv2.bias)]),
        ("MaxPooling2D", {"name": "max_pooling2d_1", "pool_size": [2, 2], "padding": "valid", "strides": None,
                          "data_format": "channels_last"}, []),
        ("BatchNormalization", {"name": "batch_normalization", "axis": -1, "momentum": 0.99, "epsilon": 0.001,
                                "center": True, "scale": True}, bn_vars(m.bn)),
        ("Flatten", {"name": "flatten", "data_format": "channels_last"}, []),
        ("Dropout", {"name": "dropout", "rate": 0.25}, []),
        ("Dense", {"name": "dense", "units": 64, "activation": "relu", "use_bias": True},
         [dense_after_flatten(m.fc1, 32, 6, 6), arr(m.fc1.bias)]),
        ("Dense", {"name": "dense_1", "units": 10, "activation": "softmax", "use_bias": True},
         [arr(m.fc2.weight.T), arr(m.fc2.bias)]),
    ]


def gap_cnn_layers(m):
    return [
        ("Reshape", {"name": "reshape", "target_shape": [28, 28, 1]}, []),
        ("Conv2D", {"name": "conv2d", "filters": 8, "kernel_size": [5, 5], "strides": [2, 2], "padding": "same",
                    "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu",
                    "use_bias": True}, [conv_kernel(m.conv1), arr(m.conv1.bias)]),
        ("AveragePooling2D", {"name": "average_pooling2d", "pool_size": [3, 3], "padding": "same", "strides": [2, 2],
                              "data_format": "channels_last"}, []),
        ("Conv2D", {"name": "conv2d_1", "filters": 16, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid",
                    "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "linear",
                    "use_bias": False}, [conv_kernel(m.conv2)]),
        ("BatchNormalization", {"name": "batch_normalization", "axis": -1, "momentum": 0.99, "epsilon": 1e-5,
                                "center": False, "scale": True}, bn_vars(m.bn, center=False)),
        ("ReLU", {"name": "re_lu", "max_value": None, "negative_slope": 0.0, "threshold": 0.0}, []),
        ("GlobalAveragePooling2D", {"name": "global_average_pooling2d", "data_format": "channels_last",
                                    "keepdims": False}, []),
        ("Dense", {"name": "dense", "units": 10, "activation": "linear", "use_bias": True},
         [arr(m.fc.weight.T), arr(m.fc.bias)]),
        ("Activation", {"name": "activation", "activation": "softmax"}, []),
    ]


KERAS2_NAMES = {"Conv2D": ["kernel", "bias"], "Dense": ["kernel", "bias"]}


def keras2_weight_names(class_name, config, count):
    if class_name == "BatchNormalization":
        names = (["gamma"] if config.get("scale", True) else []) + (["beta"] if config.get("center", True) else []) \
            + ["moving_mean", "moving_variance"]
    else:
        names = KERAS2_NAMES.get(class_name, [])[:count]
    return names


def keras2_axis(config):
    """tf.keras writes a BatchNormalization's axis as the list it built, [3] for an image."""
    if "axis" in config:
        return dict(config, axis=[3])
    return config


def write_keras2_h5(path, layers, input_shape, functional=False, inputs=None):
    """model.save("x.h5") of tf.keras 2.x: an InputLayer with batch_input_shape, then the layers;
    weights under model_weights/<layer>/<layer>/<name>:0, listed in each group's weight_names.
    A functional model lists each layer's input in inbound_nodes ({layer: input} overrides the chain)."""
    config_layers = [{"class_name": "InputLayer", "name": "input_1", "inbound_nodes": [],
                      "config": {"batch_input_shape": [None, *input_shape], "dtype": "float32", "name": "input_1"}}]
    previous = "input_1"
    for class_name, config, _ in layers:
        layer = {"class_name": class_name, "config": keras2_axis(dict(config, trainable=True, dtype="float32"))}
        if functional:
            source = (inputs or {}).get(config["name"], previous)
            layer["name"] = config["name"]
            layer["inbound_nodes"] = [[[source, 0, 0, {}]]]
            previous = config["name"]
        config_layers.append(layer)
    model = {"class_name": "Sequential", "config": {"name": "sequential", "layers": config_layers}}
    if functional:
        model = {"class_name": "Functional", "config": {"name": "model", "layers": config_layers,
                                                        "input_layers": [["input_1", 0, 0]],
                                                        "output_layers": [[previous, 0, 0]]}}
    with h5py.File(path, "w") as f:
        f.attrs["model_config"] = json.dumps(model)
        f.attrs["keras_version"] = "2.14.0"
        f.attrs["backend"] = "tensorflow"
        weights = f.create_group("model_weights")
        for class_name, config, values in layers:
            group = weights.create_group(config["name"])
            names = [f"{config['name']}/{n}:0" for n in keras2_weight_names(class_name, config, len(values))]
            group.attrs["weight_names"] = np.array([n.encode() for n in names]) if names else np.array([], dtype=np.float64)
            for name, value in zip(names, values):
                group.create_dataset(name, data=value)


def write_keras3_zip(path, layers, input_shape, functional=False, inputs=None):
    """model.save("x.keras") of Keras 3: config.json and model.weights.h5 with layers/<name>/vars/<i>.
    A functional model lists each layer's input in inbound_nodes ({layer: input} overrides the chain)."""
    config_layers = [{"module": "keras.layers", "class_name": "InputLayer", "name": "input_layer",
                      "config": {"batch_shape": [None, *input_shape], "dtype": "float32", "name": "input_layer"},
                      "inbound_nodes": []}]
    previous = "input_layer"
    for class_name, config, _ in layers:
        layer = {"module": "keras.layers", "class_name": class_name, "config": dict(config, trainable=True),
                 "registered_name": None}
        if functional:
            layer["name"] = config["name"]
            layer["inbound_nodes"] = [{"args": [{"class_name": "__keras_tensor__", "config": {
                "shape": [None], "dtype": "float32",
                "keras_history": [(inputs or {}).get(config["name"], previous), 0, 0]}}], "kwargs": {}}]
            previous = config["name"]
        config_layers.append(layer)
    if functional:
        model = {"module": "keras.src.models.functional", "class_name": "Functional",
                 "config": {"name": "functional", "layers": config_layers,
                            "input_layers": [["input_layer", 0, 0]], "output_layers": [[previous, 0, 0]]}}
    else:
        model = {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": config_layers}}
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as f:
        f.create_group("layers")
        for _, config, values in layers:
            group = f.create_group(f"layers/{config['name']}/vars")
            for i, value in enumerate(values):
                group.create_dataset(str(i), data=value)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.9.0"}))
        z.writestr("config.json", json.dumps(model))
        z.writestr("model.weights.h5", buffer.getvalue())


def bad_models(gap):
    """Refusals: a layer the grader cannot run, options it does not run, a kernel that disagrees."""
    layers = gap_cnn_layers(gap)
    lstm = [("LSTM", {"name": "lstm", "units": 16}, [np.zeros((28, 64), np.float32)])] + layers[7:]
    write_keras2_h5(os.path.join(OUT, "lstm.h5"), lstm, (28, 28))
    conv = layers[1]
    channels_first = [layers[0], (conv[0], dict(conv[1], data_format="channels_first"), conv[2])] + layers[2:]
    write_keras2_h5(os.path.join(OUT, "channels_first.h5"), channels_first, (28, 28))
    grouped = [layers[0], (conv[0], dict(conv[1], groups=2), conv[2])] + layers[2:]
    write_keras2_h5(os.path.join(OUT, "groups.h5"), grouped, (28, 28))
    wrong = [layers[0], (conv[0], dict(conv[1], kernel_size=[3, 3]), conv[2])] + layers[2:]
    write_keras3_zip(os.path.join(OUT, "kernel_mismatch.keras"), wrong, (28, 28))
    # A skip: the pooling reads the normalised features before the ReLU, which running the list in order would not.
    skip = {"global_average_pooling2d": "batch_normalization"}
    write_keras3_zip(os.path.join(OUT, "branch.keras"), layers, (28, 28), functional=True, inputs=skip)
    write_keras2_h5(os.path.join(OUT, "branch_keras2.h5"), layers, (28, 28), functional=True, inputs=skip)
    write_keras2_h5(os.path.join(OUT, "chain_keras2.h5"), layers, (28, 28), functional=True)


def refusals():
    """The refused files, and a Keras 2 functional chain that must not be: untrained weights serve, as no score is asked of them."""
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    bad_models(GapCnn().eval())


def main():
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    os.makedirs(OUT, exist_ok=True)
    small = train(SmallCnn(), 1, seed=3)
    gap = train(GapCnn(), 2, seed=4)
    write_keras2_h5(os.path.join(OUT, "small_cnn_keras2.h5"), small_cnn_layers(small), (28, 28, 1))
    write_keras3_zip(os.path.join(OUT, "small_cnn.keras"), small_cnn_layers(small), (28, 28, 1))
    write_keras2_h5(os.path.join(OUT, "gap_cnn_keras2.h5"), gap_cnn_layers(gap), (28, 28))
    write_keras3_zip(os.path.join(OUT, "gap_cnn_functional.keras"), gap_cnn_layers(gap), (28, 28), functional=True)
    refusals()
    scores = {"small_cnn": accuracy(small), "gap_cnn": accuracy(gap)}
    with open(os.path.join(OUT, "accuracy.json"), "w") as f:
        json.dump({"pytorch_test_accuracy": scores}, f, indent=2)
    print("Keras image fixtures written to", OUT, scores)


if __name__ == "__main__":
    refusals() if sys.argv[1:] == ["refusals"] else main()
