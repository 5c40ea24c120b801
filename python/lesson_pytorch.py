#!/usr/bin/env python3
"""The lesson's PyTorch code (exercises 1, 2 and the homework), runnable offline.

It is the code students run, with two changes the lesson's text does not need to spell out:
FashionMNIST is read from the official IDX .gz files on disk (the Debian package
`dataset-fashion-mnist`, or a folder named by $FASHION_MNIST_DIR) instead of torchvision's
download, and each exercise prints one JSON line with its timing and result, which
`dl-grader bench` reads to compare with the Java references.

    /usr/bin/python3 python/lesson_pytorch.py [linear] [fashion-mlp] [square] [--seed N] [--epochs N]
                                                [--save DIR]

With --save DIR the trained models are written the way the lesson saves them
(torch.save(model.state_dict(), ...)) plus TorchScript, so they can be graded.
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

DEFAULT_DIRS = [os.environ.get("FASHION_MNIST_DIR", ""), "/usr/share/datasets/fashion-mnist",
                os.path.expanduser("~/.cache/dl-grader/fashion-mnist")]


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    rank = magic & 0xFF
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def fashion_mnist(train):
    prefix = "train" if train else "t10k"
    for d in DEFAULT_DIRS:
        images = os.path.join(d, prefix + "-images-idx3-ubyte.gz")
        if d and os.path.exists(images):
            x = read_idx(images).astype(np.float32) / 255.0          # ToTensor(): [0, 1]
            y = read_idx(os.path.join(d, prefix + "-labels-idx1-ubyte.gz")).astype(np.int64)
            return TensorDataset(torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y))  # N, 1, 28, 28
    sys.exit("FashionMNIST not found: apt-get install dataset-fashion-mnist, or set FASHION_MNIST_DIR")


def linear(args):
    """Exercise 1: y = 5x + 7 + noise, Linear(1, 1), MSELoss, SGD lr 0.01, 3000 epochs."""
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    x = np.random.rand(256)
    noise = np.random.randn(256) / 4
    y = x * 5 + 7 + noise
    model = nn.Linear(1, 1)
    criterion = nn.MSELoss()
    optim = torch.optim.SGD(model.parameters(), lr=0.01)
    epochs = args.epochs or 3000
    x_train = torch.from_numpy(x.reshape(-1, 1).astype("float32"))
    y_train = torch.from_numpy(y.reshape(-1, 1).astype("float32"))
    start = time.perf_counter()
    for i in range(epochs):
        outputs = model(x_train)
        optim.zero_grad()
        loss = criterion(outputs, y_train)
        loss.backward()
        optim.step()
    seconds = time.perf_counter() - start
    w, b = [p.item() for p in model.parameters()]
    save(args, model, "linear", torch.zeros(1, 1))
    return {"exercise": "linear", "w": w, "b": b, "mse": loss.item(), "epochs": epochs,
            "seconds_per_epoch": seconds / epochs}


class NeuralNetwork(nn.Module):
    """The quickstart's network, keys linear_relu_stack.{0,2,4}.{weight,bias}."""

    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512), nn.ReLU(),
            nn.Linear(512, 512), nn.ReLU(),
            nn.Linear(512, 10))

    def forward(self, x):
        return self.linear_relu_stack(self.flatten(x))


def fashion_mlp(args):
    """Exercise 2: the quickstart, SGD lr 1e-3, batch 64, 5 epochs, no shuffling."""
    torch.manual_seed(args.seed)
    train_dataloader = DataLoader(fashion_mnist(True), batch_size=64)
    test_dataloader = DataLoader(fashion_mnist(False), batch_size=64)
    model = NeuralNetwork()
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)
    epochs = args.epochs or 5
    epoch_seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        model.train()
        for X, y in train_dataloader:
            loss = loss_fn(model(X), y)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        epoch_seconds.append(time.perf_counter() - start)
    model.eval()
    test_loss, correct = 0.0, 0.0
    with torch.no_grad():
        for X, y in test_dataloader:
            pred = model(X)
            test_loss += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()
    save(args, model, "quickstart", torch.zeros(1, 1, 28, 28), state_dict_name="model.pth")
    return {"exercise": "fashion-mlp", "accuracy": correct / len(test_dataloader.dataset),
            "loss": test_loss / len(test_dataloader), "epochs": epochs,
            "seconds_per_epoch": sum(epoch_seconds) / epochs}


def square(args):
    """Homework: an MLP 2-64-64-1 learning y = x1^2 + x2^2 on [-1, 1]^2 (same recipe as the Java reference)."""
    torch.manual_seed(args.seed)
    g = torch.Generator().manual_seed(args.seed)
    x = torch.rand(4096, 2, generator=g) * 2 - 1
    y = (x ** 2).sum(1, keepdim=True)
    x_test = torch.rand(10000, 2, generator=g) * 2 - 1
    y_test = (x_test ** 2).sum(1, keepdim=True)
    model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True, generator=g)
    epochs = args.epochs or 100
    start = time.perf_counter()
    for _ in range(epochs):
        for X, Y in loader:
            loss = loss_fn(model(X), Y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        mse = loss_fn(model(x_test), y_test).item()
    save(args, model, "square", torch.zeros(1, 2))
    return {"exercise": "square", "mse": mse, "epochs": epochs, "seconds_per_epoch": seconds / epochs}


def save(args, model, name, example, state_dict_name=None):
    if not args.save:
        return
    os.makedirs(args.save, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(args.save, state_dict_name or name + ".pth"))
    torch.jit.trace(model.eval(), example).save(os.path.join(args.save, name + ".pt"))


EXERCISES = {"linear": linear, "fashion-mlp": fashion_mlp, "square": square}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("exercises", nargs="*", choices=[[]] + list(EXERCISES), default=[])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--epochs", type=int, default=0, help="override the lesson's epochs")
    parser.add_argument("--threads", type=int, default=0, help="torch threads (default: all cores)")
    parser.add_argument("--save", default="", help="folder to save the trained models in")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    for name in args.exercises or list(EXERCISES):
        result = EXERCISES[name](args)
        result.update({"torch": torch.__version__, "threads": torch.get_num_threads()})
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
