#!/usr/bin/env python3
"""Makes the example submissions and the test fixtures with real PyTorch and h5py.

    /usr/bin/python3 python/make_fixtures.py            # all but testset
    /usr/bin/python3 python/make_fixtures.py tests      # only src/test/resources/fixtures (seconds)
    /usr/bin/python3 python/make_fixtures.py attacks    # only the hostile TorchScript files (fixtures/attacks)
    /usr/bin/python3 python/make_fixtures.py testset    # only the model trained on the test set (fixtures/test-set)
    /usr/bin/python3 python/make_fixtures.py onnx       # only the ONNX files (fixtures/onnx), from 2024001's weights
    /usr/bin/python3 python/make_fixtures.py examples   # only the free exercise's PyTorch examples (fixtures/example)

Needs Debian's python3-torch and python3-h5py (and libopenblas0-pthread for speed). The outputs are
committed, so nobody needs to run this to build or test; it documents how each file was made.
Keras files are written in Keras's own HDF5 layout (model_config JSON + model_weights/...) from
weights trained with PyTorch, since TensorFlow is not available here.
"""
import io
import json
import os
import sys
import zipfile
from typing import List

import h5py
import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(__file__))
import lesson_pytorch as lesson  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..")
SUBMISSIONS = os.path.join(ROOT, "submissions")
FIXTURES = os.path.join(ROOT, "src", "test", "resources", "fixtures")


class Args:
    seed = 1
    epochs = 0
    save = ""


def square_net():
    return nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))


def train_square(epochs, seed=1):
    torch.manual_seed(seed)
    model = square_net()
    x = torch.rand(2048, 2) * 2 - 1
    y = (x ** 2).sum(1, keepdim=True)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(epochs):
        for i in range(0, 2048, 32):
            loss = nn.functional.mse_loss(model(x[i:i + 32]), y[i:i + 32])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model.eval()


def train_linear(epochs, seed=1):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    x = torch.tensor(rng.random((256, 1)), dtype=torch.float32)
    y = 5 * x + 7 + torch.tensor(rng.standard_normal((256, 1)) / 4, dtype=torch.float32)
    model = nn.Linear(1, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    for _ in range(epochs):
        loss = nn.functional.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model.eval()


def train_quickstart(epochs):
    torch.manual_seed(3)
    model = lesson.NeuralNetwork()
    data = torch.utils.data.DataLoader(lesson.fashion_mnist(True), batch_size=64)
    opt = torch.optim.SGD(model.parameters(), lr=1e-3)
    for _ in range(epochs):
        for X, y in data:
            loss = nn.functional.cross_entropy(model(X), y)
            loss.backward()
            opt.step()
            opt.zero_grad()
    return model.eval()


def train_keras_recipe(epochs):
    """Flatten -> Dense(128, relu) -> Dense(10), Adam(eps 1e-7), batch 32, shuffled: the Keras tutorial in PyTorch."""
    torch.manual_seed(4)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    for layer in (model[1], model[3]):
        nn.init.xavier_uniform_(layer.weight)
        nn.init.zeros_(layer.bias)
    data = torch.utils.data.DataLoader(lesson.fashion_mnist(True), batch_size=32, shuffle=True)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    for _ in range(epochs):
        for X, y in data:
            loss = nn.functional.cross_entropy(model(X), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model.eval()


def train_on_test_set(epochs):
    """The quickstart network fitted to the public test set with Adam: what a student who wants a
    high score without learning anything hands in. It scores far above the bar on the test set and
    clearly lower on training images it never saw, the opposite of an honest model."""
    torch.manual_seed(6)
    model = lesson.NeuralNetwork()
    data = torch.utils.data.DataLoader(lesson.fashion_mnist(False), batch_size=64, shuffle=True)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(epochs):
        for X, y in data:
            loss = nn.functional.cross_entropy(model(X), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model.eval()


def accuracy(model, train):
    data = lesson.fashion_mnist(train)
    with torch.no_grad():
        X, y = data.tensors
        return float((model(X).argmax(1) == y).float().mean())


def test_set():
    folder = os.path.join(FIXTURES, "test-set")
    os.makedirs(folder, exist_ok=True)
    model = train_on_test_set(30)
    torch.save(model.state_dict(), os.path.join(folder, "test_trained.pth"))
    trace(model, torch.zeros(1, 1, 28, 28), os.path.join(folder, "test_trained.pt"))
    print("test-set fixtures written to", folder, "test accuracy %.4f, training set %.4f" % (accuracy(model, False), accuracy(model, True)))


def write_keras_h5(path, dense_layers, keras3=False, input_shape=(28, 28), extra_layers=()):
    """dense_layers: list of (torch Linear, activation). Writes Keras 2 or Keras 3 HDF5 layout."""
    layers = []
    if keras3:
        layers.append({"class_name": "InputLayer", "config": {"batch_shape": [None, *input_shape], "name": "input_layer"}})
        layers.append({"class_name": "Flatten", "config": {"name": "flatten"}})
    else:
        layers.append({"class_name": "Flatten", "config": {"name": "flatten", "batch_input_shape": [None, *input_shape]}})
    layers.extend(extra_layers)
    names = []
    for i, (_, activation) in enumerate(dense_layers):
        name = "dense" if i == 0 else f"dense_{i}"
        names.append(name)
        layers.append({"class_name": "Dense", "config": {"name": name, "units": _.out_features, "activation": activation}})
    config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}
    with h5py.File(path, "w") as f:
        f.attrs["model_config"] = json.dumps(config)
        f.attrs["keras_version"] = "3.9.0" if keras3 else "2.14.0"
        f.attrs["backend"] = "tensorflow"
        weights = f.create_group("model_weights")
        weights.create_group("flatten").attrs["weight_names"] = np.array([], dtype=np.float64)
        for name, (linear, _) in zip(names, dense_layers):
            group = weights.create_group(name)
            if keras3:
                kernel, bias = f"sequential/{name}/kernel", f"sequential/{name}/bias"
                group.attrs["weight_names"] = np.array([kernel, bias], dtype=h5py.string_dtype())
            else:
                kernel, bias = f"{name}/kernel:0", f"{name}/bias:0"
                group.attrs["weight_names"] = np.array([kernel.encode(), bias.encode()])
            group.create_dataset(kernel, data=linear.weight.detach().numpy().T.astype(np.float32))
            group.create_dataset(bias, data=linear.bias.detach().numpy().astype(np.float32))


def write_keras_zip(path, dense_layers, input_shape):
    """The Keras 3 .keras layout: config.json, metadata.json and model.weights.h5 with layers/<name>/vars/{0,1}."""
    layers = [{"module": "keras.layers", "class_name": "InputLayer",
               "config": {"batch_shape": [None, *input_shape], "name": "input_layer"}}]
    names = []
    for i, (linear, activation) in enumerate(dense_layers):
        name = "dense" if i == 0 else f"dense_{i}"
        names.append(name)
        layers.append({"module": "keras.layers", "class_name": "Dense",
                       "config": {"name": name, "units": linear.out_features, "activation": activation}})
    config = {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}
    weights = io.BytesIO()
    with h5py.File(weights, "w") as f:
        for name, (linear, _) in zip(names, dense_layers):
            group = f.create_group(f"layers/{name}/vars")
            group.create_dataset("0", data=linear.weight.detach().numpy().T.astype(np.float32))
            group.create_dataset("1", data=linear.bias.detach().numpy().astype(np.float32))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("metadata.json", json.dumps({"keras_version": "3.9.0"}))
        z.writestr("config.json", json.dumps(config))
        z.writestr("model.weights.h5", weights.getvalue())


def trace(model, example, path):
    torch.jit.trace(model, example).save(path)


class Hang(nn.Module):
    """Never returns: the loop counter would take centuries to overflow."""

    def forward(self, x):
        i = 0
        while i >= 0:
            i += 1
            x = x * 1.0
        return x


class MemoryHog(nn.Module):
    """Allocates 64 MB after 64 MB (and touches it) until something stops it."""

    def forward(self, x):
        chunks = []
        for i in range(100000):
            chunks.append(torch.ones(16 * 1024 * 1024) * i)
        total = 0.0
        for c in chunks:  # every chunk is used, so TorchScript cannot optimise them away
            total += float(c[-1])
        return x + total


class SlowLinear(nn.Module):
    """The perfect line y = 5x + 7, after a few seconds of matrix products: a good model that is
    still running when something else in the same worker goes wrong."""

    def forward(self, x):
        a = torch.full((512, 512), 1.0 / 512)
        for _ in range(400):
            a = torch.tanh(a @ a)
        return 5 * x + 7 + 0 * a[0, 0]


def zip_bomb(path, inner_name, other_entries, gigabytes=1):
    """A zip whose one entry inflates from about a megabyte to gigabytes of zeros."""
    zeros = bytes(16 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, payload in other_entries:
            z.writestr(name, payload)
        with z.open(inner_name, "w", force_zip64=True) as f:
            for _ in range((gigabytes << 30) // len(zeros)):
                f.write(zeros)


def hostile(out):
    torch.jit.script(Hang()).save(out("hang.pt"))
    torch.jit.script(MemoryHog()).save(out("memory_hog.pt"))
    torch.jit.script(SlowLinear()).save(out("slow_linear.pt"))
    with zipfile.ZipFile(out("square_state_dict.pth")) as src:
        pickle = [(i.filename, src.read(i.filename)) for i in src.infolist() if i.filename.endswith("data.pkl")]
    zip_bomb(out("bomb.pth"), "archive/data/0", pickle)
    zip_bomb(out("bomb.keras"), "model.weights.h5", [("config.json", json.dumps({"class_name": "Sequential", "config": {"layers": []}}))])
    with open(out("square_keras2.h5"), "rb") as f:
        data = f.read()
    with open(out("square_truncated.h5"), "wb") as f:
        f.write(data[: len(data) // 3])


# ---------------------------------------------------------------------------------------------
# Attacks: TorchScript files that try to read, write or forge what they must not. A TorchScript
# file is a program; these are what the cleverest student in the class could hand in. They target
# a class laid out at ATTACK_ROOT (the sandbox tests build it there), so paths can be written in.
# TorchScript takes no global strings: the paths are written into the code below. The class the
# attacks target lies at /tmp/dl-grader-attack (the sandbox tests build it there); the test labels
# are Debian's dataset-fashion-mnist file, 5,125 bytes (from_file needs the size up front).


@torch.jit.script
def _bits(data: List[int], st: List[int], need: int) -> int:
    val = st[1]
    cnt = st[2]
    while cnt < need:
        val = val | (data[st[0]] << cnt)
        st[0] += 1
        cnt += 8
    st[1] = val >> need
    st[2] = cnt - need
    return val & ((1 << need) - 1)

@torch.jit.script
def _construct(count: List[int], symbol: List[int], length: List[int], n: int):
    for i in range(16):
        count[i] = 0
    for s in range(n):
        count[length[s]] += 1
    offs = [0] * 16
    for i in range(1, 15):
        offs[i + 1] = offs[i] + count[i]
    for s in range(n):
        if length[s] != 0:
            symbol[offs[length[s]]] = s
            offs[length[s]] += 1

@torch.jit.script
def _decode(data: List[int], st: List[int], count: List[int], symbol: List[int]) -> int:
    code = 0
    first = 0
    index = 0
    for l in range(1, 16):
        code = code | _bits(data, st, 1)
        c = count[l]
        if code - c < first:
            return symbol[index + (code - first)]
        index += c
        first += c
        first = first << 1
        code = code << 1
    return -1

@torch.jit.script
def gunzip(data: List[int]) -> List[int]:
    lbase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    lext = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    dbase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    dext = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    st = [10, 0, 0]
    out: List[int] = []
    lcount = [0] * 16
    lsym = [0] * 320
    dcount = [0] * 16
    dsym = [0] * 320
    last = 0
    while last == 0:
        last = _bits(data, st, 1)
        kind = _bits(data, st, 2)
        if kind == 0:
            st[1] = 0
            st[2] = 0
            n = data[st[0]] | (data[st[0] + 1] << 8)
            st[0] += 4
            for i in range(n):
                out.append(data[st[0] + i])
            st[0] += n
            continue
        lengths = [0] * 320
        if kind == 1:
            for i in range(288):
                lengths[i] = 8 if i < 144 else (9 if i < 256 else (7 if i < 280 else 8))
            _construct(lcount, lsym, lengths, 288)
            dl = [5] * 30
            _construct(dcount, dsym, dl, 30)
        else:
            nlen = _bits(data, st, 5) + 257
            ndist = _bits(data, st, 5) + 1
            ncode = _bits(data, st, 4) + 4
            for i in range(ncode):
                lengths[order[i]] = _bits(data, st, 3)
            _construct(lcount, lsym, lengths, 19)
            all_lengths = [0] * 320
            index = 0
            while index < nlen + ndist:
                sym = _decode(data, st, lcount, lsym)
                if sym < 16:
                    all_lengths[index] = sym
                    index += 1
                else:
                    value = 0
                    repeat = 0
                    if sym == 16:
                        value = all_lengths[index - 1]
                        repeat = 3 + _bits(data, st, 2)
                    elif sym == 17:
                        repeat = 3 + _bits(data, st, 3)
                    else:
                        repeat = 11 + _bits(data, st, 7)
                    for r in range(repeat):
                        all_lengths[index] = value
                        index += 1
            _construct(lcount, lsym, all_lengths, nlen)
            _construct(dcount, dsym, all_lengths[nlen:nlen + ndist], ndist)
        while True:
            sym = _decode(data, st, lcount, lsym)
            if sym < 256:
                out.append(sym)
            elif sym == 256:
                break
            else:
                sym -= 257
                length = lbase[sym] + _bits(data, st, lext[sym])
                ds = _decode(data, st, dcount, dsym)
                dist = dbase[ds] + _bits(data, st, dext[ds])
                for r in range(length):
                    out.append(out[len(out) - dist])
    return out


@torch.jit.script
def _read_text(path: str, size: int) -> str:
    raw = torch.from_file(path, False, size, dtype=torch.uint8)
    text = ""
    for i in range(raw.size(0)):
        text += chr(int(raw[i]))
    return text


class Leak(nn.Module):
    """Puts /etc/passwd and the start of the test labels into its error message (linear)."""

    def forward(self, x):
        labels = torch.from_file("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz", False, 16, dtype=torch.uint8)
        head: List[int] = labels.long().tolist()
        raise Exception("LEAKED passwd=" + _read_text("/etc/passwd", 32) + " labels=" + str(head))
        return x


class LabelCheat(nn.Module):
    """An 'accurate' quickstart model with no weights: it inflates the test labels itself, counts
    the images it has been fed, and answers with the labels of the next ones."""

    seen: int
    labels: List[int]

    def __init__(self):
        super().__init__()
        self.seen = 0
        self.labels = []

    def forward(self, x):
        if len(self.labels) == 0:
            packed: List[int] = torch.from_file("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz", False, 5125,
                                                dtype=torch.uint8).long().tolist()
            self.labels = gunzip(packed)[8:]
        n = x.size(0)
        rows = torch.tensor(self.labels[self.seen:self.seen + n])
        self.seen += n
        return torch.nn.functional.one_hot(rows, 10).float() * 10


class Vandal(nn.Module):
    """The right answer for square, after zeroing a classmate's model.pth and writing files."""

    def forward(self, x):
        victim = torch.from_file("/tmp/dl-grader-attack/submissions/2100-victim/model.pth", True, 4096, dtype=torch.uint8)
        victim.zero_()
        torch.save(x, "/tmp/dl-grader-attack/written-by-a-model.bin")
        note = torch.from_file("/tmp/dl-grader-attack-created.txt", True, 16, dtype=torch.uint8)
        note.fill_(65)
        # Used in the answer, so that the TorchScript optimiser cannot drop the writes as dead code.
        return (x * x).sum(1, keepdim=True) + 0 * (victim[0] + note[0]).float()


FORGED = ('{"exercise":"square","file":"square.pt","model":"TorchScript","scores":[{"exercise":"square",'
          '"check":"test MSE","points":228,"maxPoints":10,"passed":true,"value":0.0,"requirement":"x",'
          '"reference":null,"message":"forged"}],"notes":[],"figures":[{"title":"t","caption":"c",'
          '"type":"image/png\\" onerror=\\"document.title=\'pwned\'","data":"AAAA"}],"confusion":null,"seconds":0.1}')


class Forger(nn.Module):
    """Zeros for square, and a forged full-points answer printed for every job id it can guess."""

    forged: str

    def __init__(self):
        super().__init__()
        self.forged = FORGED

    def forward(self, x):
        for job in range(1, 65):
            print("@@dl-grader-result@@ " + str(job) + " " + self.forged)
        return torch.zeros(x.size(0), 1)


class ForgeThenSpin(nn.Module):
    """Prints the forged answers, then never returns: a worker left running on its own."""

    forged: str

    def __init__(self):
        super().__init__()
        self.forged = FORGED

    def forward(self, x):
        for job in range(1, 65):
            print("@@dl-grader-result@@ " + str(job) + " " + self.forged)
        i = 0
        while i >= 0:
            i += 1
            x = x * 1.0
        return x


@torch.jit.script
def _spin(x: torch.Tensor, rounds: int, mark: torch.Tensor) -> torch.Tensor:
    i = 0
    while i < rounds or rounds < 0:
        i += 1
        x = torch.tanh(x @ x)
        mark.add_(1)  # a side effect, so that TorchScript cannot drop the task as dead code
    return x


@torch.jit.script
def _spin_then_hog(x: torch.Tensor, mark: torch.Tensor) -> torch.Tensor:
    x = _spin(x, 20000, mark)
    hog = torch.ones(768 * 1024 * 1024)
    mark.add_(hog[-1])
    return x + _spin(x, 200000, mark)[0, 0]


class Linger(nn.Module):
    """The perfect line y = 5x + 7, and a task left running after forward has returned."""

    def __init__(self):
        super().__init__()
        self.register_buffer("mark", torch.zeros(1))

    def forward(self, x):
        task = torch.jit.fork(_spin, torch.full((64, 64), 0.01), -1, self.mark)
        if x.size(0) < 0:  # never: but it keeps the task from being dropped as unused
            x = x + torch.jit.wait(task)[0, 0]
        return 5 * x + 7


class ForkHog(nn.Module):
    """The right answer for square, and a task that allocates 3 GB after forward has returned."""

    def __init__(self):
        super().__init__()
        self.register_buffer("mark", torch.zeros(1))

    def forward(self, x):
        task = torch.jit.fork(_spin_then_hog, torch.full((64, 64), 0.01), self.mark)
        if x.size(0) < 0:  # never: but it keeps the task from being dropped as unused
            x = x + torch.jit.wait(task)[0, 0]
        return (x * x).sum(1, keepdim=True)


class ShmFiller(nn.Module):
    """The perfect line, after leaving 256 MB in /dev/shm."""

    def forward(self, x):
        fill = torch.from_file("/dev/shm/dl-grader-attack-fill", True, 256 * 1024 * 1024, dtype=torch.uint8)
        fill.fill_(1)
        return 5 * x + 7 + 0 * fill[-1].float()  # used, so that it is not dropped as dead code


class HugeError(nn.Module):
    """An error message of 16 MB."""

    def forward(self, x):
        text = "x"
        for i in range(24):
            text = text + text
        raise Exception("model error " + text)
        return x


class LayerZoo(nn.Module):
    """Most layers a student's scripted model may use, so the TorchScript operator check is tested
    against the code PyTorch itself writes for them (it must let all of it through)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                                  nn.Conv2d(4, 4, 3), nn.LeakyReLU(), nn.AvgPool2d(2), nn.Dropout2d(0.1),
                                  nn.AdaptiveAvgPool2d(2), nn.Flatten())
        self.rnn = nn.LSTM(4, 8, batch_first=True)
        self.gru = nn.GRU(8, 8, batch_first=True)
        self.norm = nn.LayerNorm(8)
        self.head = nn.Sequential(nn.Linear(8, 16), nn.GELU(), nn.Dropout(0.2), nn.Linear(16, 16), nn.SiLU(),
                                  nn.Linear(16, 10), nn.LogSoftmax(dim=1))
        self.embed = nn.Embedding(10, 8)

    def forward(self, x):
        x = x.view(x.size(0), 1, 28, 28)
        feats = self.conv(x).view(x.size(0), 4, 4)
        out, _ = self.rnn(feats)
        out, _ = self.gru(out)
        h = self.norm(out[:, -1, :]) + self.embed(torch.zeros(x.size(0), dtype=torch.long))
        h = torch.nn.functional.relu(h) * torch.sigmoid(h) + torch.tanh(h).clamp(-1.0, 1.0)
        return torch.nn.functional.softmax(self.head(h), dim=1)


def layer_zoo(out):
    torch.manual_seed(0)
    torch.jit.script(LayerZoo().eval()).save(out("layer_zoo_scripted.pt"))


def attacks():
    folder = os.path.join(FIXTURES, "attacks")
    os.makedirs(folder, exist_ok=True)
    out = lambda name: os.path.join(folder, name)  # noqa: E731
    for name, module in [("leak.pt", Leak()), ("labels.pt", LabelCheat()), ("vandal.pt", Vandal()),
                         ("forger.pt", Forger()), ("forge_then_spin.pt", ForgeThenSpin()), ("linger.pt", Linger()),
                         ("fork_hog.pt", ForkHog()), ("shm.pt", ShmFiller()), ("huge_error.pt", HugeError())]:
        torch.jit.script(module).save(out(name))
    print("attack fixtures written to", folder)


def inbox(out):
    """Emailed homework as it arrives: zips (one with GBK names, one nested in a folder) and emails."""
    import email.message
    import email.utils
    import stat
    import time
    folder = os.path.join(FIXTURES, "inbox")
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    path = lambda name: os.path.join(folder, name)  # noqa: E731
    with open(out("square_state_dict.pth"), "rb") as f:
        model = f.read()
    with zipfile.ZipFile(path("2024101-赵六.zip"), "w") as z:              # a zipped folder
        z.writestr("赵六作业/square.pth", model)
        z.writestr("__MACOSX/赵六作业/._square.pth", b"junk")
    class GbkName(zipfile.ZipInfo):
        """Windows' built-in zip: names in the system code page (GBK on Chinese Windows), no UTF-8 flag."""

        def _encodeFilenameFlags(self):
            return self.filename.encode("gbk"), self.flag_bits & ~0x800

    with zipfile.ZipFile(path("钱七_2024102_作业.zip"), "w") as z:
        for name, payload in [("square.pth", model), ("说明.txt", "我的作业".encode("gbk"))]:
            z.writestr(GbkName(name), payload)
    with zipfile.ZipFile(path("2024103-traversal.zip"), "w") as z:
        z.writestr("square.pth", model)
        z.writestr("../../evil.pth", b"outside")
    with zipfile.ZipFile(path("2024104-link.zip"), "w") as z:
        info = zipfile.ZipInfo("square.pth")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(info, "/etc/passwd")
    zip_bomb(path("2024105-bomb.zip"), "square.pth", [])
    with zipfile.ZipFile(path("homework.zip"), "w") as z:
        z.writestr("square.pth", model)
    with open(path("notes.txt"), "w") as f:
        f.write("not homework")
    for version, days_ago in [(1, 2), (2, 1)]:
        message = email.message.EmailMessage()
        message["From"] = email.utils.formataddr(("孙八", "sunba@example.edu"))
        message["To"] = "teacher@example.edu"
        message["Subject"] = "深度学习作业 2024106 孙八" + (" 第二版" if version == 2 else "")
        message["Date"] = email.utils.formatdate(time.time() - days_ago * 86400)
        message.set_content("老师好，这是我的作业。")
        if version == 1:
            message.add_attachment(model, maintype="application", subtype="octet-stream", filename="square.pth")
        else:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as z:
                z.writestr("square.pth", model)
                z.writestr("linear.pth", model)
            message.add_attachment(buffer.getvalue(), maintype="application", subtype="zip", filename="孙八的作业.zip")
        with open(path(f"2024106-v{version}.eml"), "wb") as f:
            f.write(bytes(message))


def huge_storage(path):
    """A state_dict whose one storage declares 2**62 float values: 4 bytes each wraps a 64-bit byte
    count around to 0, which a careless bounds check takes for an empty tensor."""
    import collections
    import pickle

    class Storage:
        pass

    class Tensor:
        def __reduce__(self):
            return torch._utils._rebuild_tensor_v2, (Storage(), 0, (2, 2), (2, 1), False, collections.OrderedDict())

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj):
            return ("storage", torch.FloatStorage, "0", "cpu", 2 ** 62) if isinstance(obj, Storage) else None

    buffer = io.BytesIO()
    Pickler(buffer, protocol=2).dump(collections.OrderedDict(weight=Tensor()))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("archive/data.pkl", buffer.getvalue())
        z.writestr("archive/data/0", bytes(16))
        z.writestr("archive/version", "3\n")


def damaged(out):
    """Files damaged on the way, each still a readable zip: a flipped byte in a stored tensor (its
    CRC no longer matches) and TorchScript without one of its records."""
    with open(out("square_state_dict.pth"), "rb") as f:
        data = bytearray(f.read())
    with zipfile.ZipFile(out("square_state_dict.pth")) as z:
        info = next(i for i in z.infolist() if i.filename.endswith("/data/0"))
        # The local header's own lengths: torch pads the local extra field, the central one is shorter.
        name_length = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
        extra_length = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
        start = info.header_offset + 30 + name_length + extra_length
    data[start + 5] ^= 0xFF
    with open(out("square_bad_crc.pth"), "wb") as f:
        f.write(bytes(data))
    with zipfile.ZipFile(out("square_traced.pt")) as src, zipfile.ZipFile(out("square_no_constants.pt"), "w") as dst:
        for item in src.infolist():
            if not item.filename.endswith("constants.pkl"):
                dst.writestr(item, src.read(item.filename))


def unsupported(out, good):
    """Formats students hand in that the grader does not run, each made by the tool that writes it
    (and square.onnx, from when ONNX was one: torch.onnx.export without dynamic_axes, a batch of 1)."""
    import pickle
    import struct
    torch.onnx.export(good, torch.zeros(1, 2), out("square.onnx"))
    tensors = {k: v.numpy() for k, v in good.state_dict().items()}
    header, offset = {}, 0
    for key, value in tensors.items():
        header[key] = {"dtype": "F32", "shape": list(value.shape), "data_offsets": [offset, offset + value.nbytes]}
        offset += value.nbytes
    head = json.dumps(header).encode()
    with open(out("square.safetensors"), "wb") as f:       # the safetensors layout, written by hand
        f.write(struct.pack("<Q", len(head)) + head + b"".join(v.tobytes() for v in tensors.values()))
    with open(out("square_pickle.pkl"), "wb") as f:
        pickle.dump({k: v.numpy() for k, v in good.state_dict().items()}, f, protocol=4)
    with zipfile.ZipFile(out("saved_model.zip"), "w") as z:  # a zipped TensorFlow SavedModel folder
        z.writestr("model/saved_model.pb", b"\x08\x01\x12\x00")
        z.writestr("model/variables/variables.index", b"")


def tests():
    os.makedirs(FIXTURES, exist_ok=True)
    out = lambda name: os.path.join(FIXTURES, name)  # noqa: E731
    good = train_square(30)
    torch.save(good.state_dict(), out("square_state_dict.pth"))
    torch.save(good.state_dict(), out("square_legacy.pth"), _use_new_zipfile_serialization=False)
    torch.save({"module." + k: v for k, v in good.state_dict().items()}, out("square_dataparallel.pth"))
    torch.save({"epoch": 30, "model_state_dict": good.state_dict(), "optimizer_state_dict": {}}, out("square_checkpoint.pth"))
    half = {k: v.half() for k, v in good.state_dict().items()}
    torch.save(half, out("square_half.pth"))
    trace(good, torch.zeros(1, 2), out("square_traced.pt"))
    torch.save(good, out("square_full_module.pth"))                        # a whole pickled module: must be refused
    nan = square_net()
    with torch.no_grad():
        nan[0].weight.fill_(float("nan"))
    torch.save(nan.state_dict(), out("square_nan.pth"))
    wide = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 3))   # 3 outputs where 1 is expected
    torch.save(wide.state_dict(), out("square_three_outputs.pth"))
    with open(out("square_state_dict.pth"), "rb") as f:
        data = f.read()
    with open(out("square_truncated.pth"), "wb") as f:
        f.write(data[: len(data) // 2])
    # A zip whose tensor entry is shorter than its tensor: tampered, but still a valid zip.
    with zipfile.ZipFile(out("square_state_dict.pth")) as src, zipfile.ZipFile(out("square_short_tensor.pth"), "w") as dst:
        for item in src.infolist():
            payload = src.read(item.filename)
            if item.filename.endswith("/data/0"):
                payload = payload[:-16]
            dst.writestr(item, payload)
    conv = nn.Sequential(nn.Conv2d(3, 6, 5), nn.ReLU(), nn.Flatten(), nn.Linear(6 * 28 * 28, 10))
    torch.save(conv.state_dict(), out("cifar_like_conv.pth"))
    # TorchScript that wants CIFAR-sized images.
    trace(nn.Sequential(nn.Conv2d(3, 4, 3), nn.Flatten(), nn.Linear(4 * 30 * 30, 10)), torch.zeros(1, 3, 32, 32), out("cifar_traced.pt"))
    write_keras_h5(out("square_keras2.h5"), [(good[0], "relu"), (good[2], "relu"), (good[4], "linear")], input_shape=(2,))
    write_keras_zip(out("square.keras"), [(good[0], "relu"), (good[2], "relu"), (good[4], "linear")], (2,))
    write_keras_h5(out("keras_conv.h5"), [(nn.Linear(784, 10), "softmax")],
                   extra_layers=[{"class_name": "Conv2D", "config": {"name": "conv2d", "filters": 8}}])
    with open(out("lfs_pointer.pth"), "w") as f:
        f.write("version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 2681396\n")
    open(out("empty.pth"), "wb").close()
    with open(out("random.pth"), "wb") as f:
        f.write(np.random.default_rng(0).bytes(4096))
    hostile(out)
    layer_zoo(out)
    huge_storage(out("huge_storage.pth"))
    damaged(out)
    unsupported(out, good)
    inbox(out)
    print("test fixtures written to", FIXTURES)


def cut_keras():
    """2024001's Keras file without its last 4 KB, as a failed attachment download leaves it: the
    weights are all still there, so a reader that trusts the bytes it finds would score it whole."""
    with open(os.path.join(SUBMISSIONS, "2024001-张三", "image_classify.h5"), "rb") as f:
        data = f.read()
    with open(os.path.join(FIXTURES, "image_classify_cut.h5"), "wb") as f:
        f.write(data[:-4096])


def example_class():
    def folder(name):
        path = os.path.join(SUBMISSIONS, name)
        os.makedirs(path, exist_ok=True)
        return path

    # 2024001-张三: everything done as the lesson says, saved the lesson's way.
    a = folder("2024001-张三")
    torch.save(train_linear(3000).state_dict(), os.path.join(a, "linear.pth"))
    quick = train_quickstart(5)
    torch.save(quick.state_dict(), os.path.join(a, "model.pth"))
    keras_like = train_keras_recipe(10)
    write_keras_h5(os.path.join(a, "image_classify.h5"), [(keras_like[1], "relu"), (keras_like[3], "linear")])
    torch.save(train_square(60).state_dict(), os.path.join(a, "square.pth"))

    # 2024002-李四: typical mistakes.
    b = folder("2024002-李四")
    torch.save(train_linear(300).state_dict(), os.path.join(b, "linear.pth"))          # stopped after 300 epochs
    torch.save(train_quickstart(1).state_dict(), os.path.join(b, "model.pth"))        # one epoch instead of five
    torch.save(train_square(5), os.path.join(b, "square.pth"))                         # torch.save(model), not the state_dict
    # image_classify.h5 forgotten

    # 2024003-王 小明: TorchScript and a Keras 3 file with a softmax at the end, plus submission.properties.
    c = folder("2024003-王 小明")
    trace(train_linear(3000, seed=5), torch.zeros(1, 1), os.path.join(c, "linear.pt"))
    trace(quick, torch.zeros(1, 1, 28, 28), os.path.join(c, "quickstart.pt"))
    write_keras_h5(os.path.join(c, "image_classify.h5"), [(keras_like[1], "relu"), (keras_like[3], "softmax")], keras3=True)
    trace(train_square(60, seed=7), torch.zeros(1, 2), os.path.join(c, "square.pt"))
    with open(os.path.join(c, "submission.properties"), "w", encoding="utf-8") as f:
        f.write("id=2024003\nname=王 小明\nemail=xiaoming@example.edu\ninput.shape=1,1,32,32\n")
    cut_keras()
    print("example submissions written to", SUBMISSIONS)



# --- ONNX ----------------------------------------------------------------------------------------
# torch.onnx.export writes ONNX itself (no `onnx` package is installed here, nor needed). External
# data, which torch 1.13 writes only for models over 2 GB, is made by hand: the ONNX protobuf is
# edited with the few lines of wire format below, the way onnx.save_model(..., save_as_external_data=True)
# would lay it out (raw bytes in a side-car file, each tensor naming location, offset and length).

def _varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _fields(data):
    """A protobuf message as a list of (field number, wire type, int or bytes)."""
    fields, i = [], 0
    while i < len(data):
        key, i = _read_varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _read_varint(data, i)
        elif wire == 2:
            length, i = _read_varint(data, i)
            value, i = data[i:i + length], i + length
        elif wire == 5:
            value, i = data[i:i + 4], i + 4
        elif wire == 1:
            value, i = data[i:i + 8], i + 8
        else:
            raise ValueError("wire type %d" % wire)
        fields.append((number, wire, value))
    return fields


def _read_varint(data, i):
    value, shift = 0, 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def _message(fields):
    out = bytearray()
    for number, wire, value in fields:
        out += _varint(number << 3 | wire)
        if wire == 0:
            out += _varint(value)
        elif wire == 2:
            out += _varint(len(value)) + value
        else:
            out += value
    return bytes(out)


def _text(number, text):
    return (number, 2, text.encode())


def _edit_graph(model_bytes, edit):
    """ModelProto with its graph (field 7) replaced by edit(graph fields)."""
    fields = _fields(model_bytes)
    return _message([(n, w, _message(edit(_fields(v))) if n == 7 else v) for n, w, v in fields])


def externalise(model_bytes, data_name, location=None):
    """Moves every initializer's raw_data (TensorProto field 9) into one side-car; returns (model, side-car)."""
    side = bytearray()

    def edit(graph):
        out = []
        for n, w, v in graph:
            if n == 5:  # initializer
                tensor, raw = [], None
                for tn, tw, tv in _fields(v):
                    if tn == 9:
                        raw = tv
                    else:
                        tensor.append((tn, tw, tv))
                if raw is not None:
                    while len(side) % 64:
                        side.append(0)
                    offset = len(side)
                    side.extend(raw)
                    for key, value in (("location", location or data_name), ("offset", str(offset)), ("length", str(len(raw)))):
                        tensor.append((13, 2, _message([_text(1, key), _text(2, value)])))
                    tensor.append((14, 0, 1))  # data_location = EXTERNAL
                v = _message(tensor)
            out.append((n, w, v))
        return out

    return _edit_graph(model_bytes, edit), bytes(side)


def with_node_domain(model_bytes, domain):
    """The first node (GraphProto field 1) moved to `domain` (NodeProto field 7), declared in opset_import (field 8)."""
    def edit(graph):
        out, done = [], False
        for n, w, v in graph:
            if n == 1 and not done:
                v = _message([f for f in _fields(v) if f[0] != 7] + [_text(7, domain)])
                done = True
            out.append((n, w, v))
        return out

    edited = _edit_graph(model_bytes, edit)
    return edited + _message([(8, 2, _message([_text(1, domain), (2, 0, 1)]))])


class TwoOutputs(nn.Module):
    """The prediction and the first hidden layer's activations: only the first output is graded."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net(x), self.net[1](self.net[0](x))


class OneImage(nn.Module):
    """Flattens everything it is given (start_dim 0): made for one image, with no batch dimension."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(784, 10)

    def forward(self, x):
        return self.linear(torch.flatten(x))


class MixesRows(nn.Module):
    """Adds each row's distance from the batch's mean: nothing for a batch of one, as exported, but
    rows mix in a larger batch, so the grader must not feed it one."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net(x) + (x - x.mean(0, keepdim=True)).sum(1, keepdim=True)


def export(model, example, path, dynamic=True, opset=13, outputs=("output",)):
    axes = {"input": {0: "batch"}, **{name: {0: "batch"} for name in outputs}} if dynamic else None
    torch.onnx.export(model, example, path, input_names=["input"], output_names=list(outputs),
                      dynamic_axes=axes, opset_version=opset)


def onnx_files():
    folder = os.path.join(FIXTURES, "onnx")
    os.makedirs(folder, exist_ok=True)
    out = lambda name: os.path.join(folder, name)  # noqa: E731
    # The quickstart's weights as 2024001-张三 handed them in (5 epochs of the lesson's script).
    quick = lesson.NeuralNetwork()
    quick.load_state_dict(torch.load(os.path.join(SUBMISSIONS, "2024001-张三", "model.pth")))
    quick.eval()
    export(quick, torch.zeros(1, 1, 28, 28), out("quickstart.onnx"))
    with open(out("quickstart.onnx"), "rb") as f:
        whole = f.read()
    model, side = externalise(whole, "quickstart_external.onnx.data")
    with open(out("quickstart_external.onnx"), "wb") as f:
        f.write(model)
    with open(out("quickstart_external.onnx.data"), "wb") as f:
        f.write(side)
    torch.manual_seed(0)
    export(OneImage().eval(), torch.zeros(1, 28, 28), out("one_image.onnx"), dynamic=False)
    expected = {"quickstart.onnx": {"accuracy": accuracy(quick, False)}}

    good = train_square(30)
    export(good, torch.zeros(1, 2), out("square.onnx"), opset=17)
    export(TwoOutputs(good).eval(), torch.zeros(1, 2), out("square_two_outputs.onnx"), outputs=("output", "hidden"))
    export(good, torch.zeros(1, 2), out("square_batch_of_one.onnx"), dynamic=False, opset=15)
    export(MixesRows(good).eval(), torch.zeros(1, 2), out("square_mixes_rows.onnx"), dynamic=False, opset=15)
    with open(out("square.onnx"), "rb") as f:
        square = f.read()
    for name, location in (("square_escapes.onnx", "../square_escapes.onnx.data"), ("square_absolute.onnx", "/etc/passwd")):
        model, _ = externalise(square, name + ".data", location)
        with open(out(name), "wb") as f:
            f.write(model)
    with open(out("square_custom_op.onnx"), "wb") as f:
        f.write(with_node_domain(square, "com.example.myops"))
    onnx_cnn(out)
    lin = train_linear(3000)
    export(lin, torch.zeros(1, 1), out("linear.onnx"))
    expected["linear.onnx"] = {"w": float(lin.weight), "b": float(lin.bias)}
    with open(out("expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print("ONNX fixtures written to", folder, json.dumps(expected))
class SmallCnn(nn.Module):
    """A convolutional FashionMNIST network: what a dense exercise's rule must refuse, whatever its format."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3)
        self.norm = nn.BatchNorm2d(8)
        self.fc = nn.Linear(8 * 13 * 13, 10)

    def forward(self, x):
        x = torch.nn.functional.max_pool2d(torch.relu(self.norm(self.conv(x))), 2)
        return self.fc(torch.flatten(x, 1))


def onnx_cnn(out):
    """Untrained (the rule reads layers, not accuracy); exported in eval mode, so the norm folds into the convolution."""
    torch.manual_seed(0)
    export(SmallCnn().eval(), torch.zeros(1, 1, 28, 28), out("small_cnn.onnx"))


class TutorialCifarNet(nn.Module):
    """pytorch.org's "Training a Classifier" tutorial network, as written there (input 3x32x32)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(torch.nn.functional.relu(self.conv1(x)))
        x = self.pool(torch.nn.functional.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = torch.nn.functional.relu(self.fc1(x))
        x = torch.nn.functional.relu(self.fc2(x))
        return self.fc3(x)


class TutorialLeNet(nn.Module):
    """pytorch.org's "Neural Networks" tutorial LeNet (input 1x32x32: none of the shapes a grader tries)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = torch.nn.functional.max_pool2d(torch.nn.functional.relu(self.conv1(x)), (2, 2))
        x = torch.nn.functional.max_pool2d(torch.nn.functional.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = torch.nn.functional.relu(self.fc1(x))
        x = torch.nn.functional.relu(self.fc2(x))
        return self.fc3(x)


def examples():
    """The free exercise's models: PyTorch-site examples, untrained (the exercise asks only that they run)."""
    folder = os.path.join(FIXTURES, "example")
    os.makedirs(folder, exist_ok=True)
    out = lambda name: os.path.join(folder, name)  # noqa: E731
    torch.manual_seed(0)
    torch.jit.script(TutorialCifarNet().eval()).save(out("cifar_net_scripted.pt"))
    torch.jit.script(TutorialLeNet().eval()).save(out("lenet_scripted.pt"))
    nan = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    with torch.no_grad():
        nan[1].weight.fill_(float("nan"))
    torch.jit.script(nan.eval()).save(out("nan_scripted.pt"))
    # The example class hands them in: 2024001 the CIFAR-10 net (found by trying shapes), 2024003 LeNet
    # with its shape declared in submission.properties (example_class writes that line).
    import shutil
    for student, name in [("2024001-张三", "cifar_net_scripted.pt"), ("2024003-王 小明", "lenet_scripted.pt")]:
        shutil.copyfile(out(name), os.path.join(SUBMISSIONS, student, "example.pt"))
    for name, model in [("cifar_net_scripted.pt", TutorialCifarNet()), ("lenet_scripted.pt", TutorialLeNet())]:
        print(name, sum(p.numel() for p in model.parameters()), "parameters")
    example_onnx(out)
    print("example fixtures written to", folder)


def example_onnx(out):
    """The same examples exported to ONNX with the TorchScript files' own weights: LeNet with its fixed
    1x1x32x32 input (a batch of one, as exported without dynamic_axes), the CIFAR net with a free batch."""
    for scripted, net, name, dynamic in [("cifar_net_scripted.pt", TutorialCifarNet(), "cifar_net.onnx", True),
                                         ("lenet_scripted.pt", TutorialLeNet(), "lenet.onnx", False)]:
        net.load_state_dict(torch.jit.load(out(scripted)).state_dict())
        net.eval()
        size = (1, 3, 32, 32) if name.startswith("cifar") else (1, 1, 32, 32)
        export(net, torch.zeros(*size), out(name), dynamic=dynamic)
        print(name, sum(p.numel() for p in net.parameters()), "parameters (PyTorch)")


if __name__ == "__main__":
    torch.set_num_threads(os.cpu_count())
    what = sys.argv[1:] or ["tests", "attacks", "class", "examples"]
    if "tests" in what:
        tests()
    if "attacks" in what:
        attacks()
    if "class" in what:
        example_class()
    if "testset" in what:
        test_set()
    if "onnx" in what:
        onnx_files()
    if "examples" in what:
        examples()
