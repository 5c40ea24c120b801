#!/usr/bin/env python3
"""Honest runs and copies of them, for the integrity report's tests (src/test/resources/fixtures/copies).

    /usr/bin/python3 python/make_copies.py

Honest: the same recipe from different seeds, as classmates who did their own work hand it in.
Copies: one honest model handed in again by someone else after a change that leaves it the same
model: another container (TorchScript, Keras HDF5), float16 with DataParallel's "module." prefix
and its hidden units shuffled, or one more epoch of training.

The quickstart's base is the example class's own 2024001-张三/model.pth (seed 3, 5 epochs), whose
TorchScript copy 2024003-王 小明/quickstart.pt already exists; its other files are written here as
float16 state_dicts (1.3 MB each instead of 2.7 MB), which the grader reads.
"""
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(__file__))
import lesson_pytorch as lesson  # noqa: E402
import make_fixtures as fx  # noqa: E402

OUT = os.path.join(fx.FIXTURES, "copies")


def out(name):
    return os.path.join(OUT, name)


def train_quickstart(seed, epochs, model=None):
    """The lesson's quickstart: SGD 1e-3, batch 64, no shuffling, so seeds differ only in the initial weights."""
    torch.manual_seed(seed)
    model = model or lesson.NeuralNetwork()
    data = torch.utils.data.DataLoader(lesson.fashion_mnist(True), batch_size=64)
    opt = torch.optim.SGD(model.parameters(), lr=1e-3)
    for _ in range(epochs):
        for X, y in data:
            loss = nn.functional.cross_entropy(model(X), y)
            loss.backward()
            opt.step()
            opt.zero_grad()
    return model.eval()


def fine_tune_square(model, seed):
    """One more epoch on freshly drawn points, with a fresh Adam at a third of the recipe's rate."""
    torch.manual_seed(seed)
    x = torch.rand(2048, 2) * 2 - 1
    y = (x ** 2).sum(1, keepdim=True)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for i in range(0, 2048, 32):
        loss = nn.functional.mse_loss(model(x[i:i + 32]), y[i:i + 32])
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model.eval()


def permuted(state, linears, seed, prefix="module."):
    """The same function with each hidden layer's units in another order, float16, keys prefixed."""
    g = torch.Generator().manual_seed(seed)
    state = {k: v.clone() for k, v in state.items()}
    for first, second in zip(linears, linears[1:]):
        order = torch.randperm(state[first + ".weight"].shape[0], generator=g)
        state[first + ".weight"] = state[first + ".weight"][order]
        state[first + ".bias"] = state[first + ".bias"][order]
        state[second + ".weight"] = state[second + ".weight"][:, order]
    return {prefix + k: v.half() for k, v in state.items()}


def half(state):
    return {k: v.half() for k, v in state.items()}


def square():
    for seed in (11, 12, 13):
        torch.save(fx.train_square(60, seed=seed).state_dict(), out(f"square_honest_{seed}.pth"))
    base = fx.train_square(60, seed=11)
    fx.trace(base, torch.zeros(1, 2), out("square_copy_traced.pt"))
    fx.write_keras_h5(out("square_copy_keras.h5"), [(base[0], "relu"), (base[2], "relu"), (base[4], "linear")], input_shape=(2,))
    torch.save(permuted(base.state_dict(), ["0", "2", "4"], seed=5), out("square_copy_permuted.pth"))
    tuned = fine_tune_square(fx.train_square(60, seed=11), seed=99)
    torch.save(tuned.state_dict(), out("square_copy_finetuned.pth"))


def quickstart_honest(seed):
    """Seeds 11 and 12 are kept as fixtures; 13 and 14 were made the same way to measure more honest pairs."""
    torch.save(half(train_quickstart(seed, 5).state_dict()), out(f"quickstart_honest_{seed}.pth"))


def quickstart_copies():
    base = lesson.NeuralNetwork()
    base.load_state_dict(torch.load(os.path.join(fx.SUBMISSIONS, "2024001-张三", "model.pth")))
    stack = base.linear_relu_stack
    fx.write_keras_h5(out("quickstart_copy_keras.h5"), [(stack[0], "relu"), (stack[2], "relu"), (stack[4], "linear")])
    names = ["linear_relu_stack.0", "linear_relu_stack.2", "linear_relu_stack.4"]
    torch.save(permuted(base.state_dict(), names, seed=6), out("quickstart_copy_permuted.pth"))
    torch.save(half(train_quickstart(99, 1, model=base).state_dict()), out("quickstart_copy_finetuned.pth"))


if __name__ == "__main__":
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    os.makedirs(OUT, exist_ok=True)
    # Each part alone, so that they can run side by side: python/make_copies.py honest-11 honest-12 copies
    what = sys.argv[1:] or ["square", "honest-11", "honest-12", "copies"]
    if "square" in what:
        square()
    for seed in (11, 12):
        if f"honest-{seed}" in what:
            quickstart_honest(seed)
    if "copies" in what:
        quickstart_copies()
    print("copies written to", OUT)
