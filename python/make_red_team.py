#!/usr/bin/env python3
"""Makes the hostile files of the red-team tests (src/test/resources/fixtures/red/): each small on
disk, each claiming far more than it holds, aimed at what the grading process reads itself.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 python/make_red_team.py

Only h5py and the standard library; the outputs are committed.
"""
import os
import shutil
import struct
import tempfile
import zipfile
import zlib

import h5py
import numpy as np

ROOT = os.path.join(os.path.dirname(__file__), "..")
FIXTURES = os.path.join(ROOT, "src", "test", "resources", "fixtures")
OUT = os.path.join(FIXTURES, "red")


def hollow_keras_kernel(path):
    """square_keras2.h5 with its first kernel 2 x 240,000,000 float32 zeros (1.9 GB), gzip-compressed
    at HDF5's highest level: the file stays about 2 MB. (Chunks never written, which would be
    smaller still, jhdf reads as no floats at all.)"""
    shutil.copy(os.path.join(FIXTURES, "square_keras2.h5"), path)
    zeros = np.zeros((1, 8_000_000), dtype="f4")
    with h5py.File(path, "r+") as f:
        group = f["model_weights/dense/dense"]
        del group["kernel:0"]
        kernel = group.create_dataset("kernel:0", shape=(2, 240_000_000), dtype="f4", chunks=(1, 8_000_000),
                                      compression="gzip", compression_opts=9)
        for row in range(2):
            for at in range(0, 240_000_000, 8_000_000):
                kernel[row:row + 1, at:at + 8_000_000] = zeros


def looped_keras(path):
    """square.keras whose weights file links its root group into itself ("a" -> "/"), as HDF5's hard
    links allow: a search of the groups that does not remember where it has been never ends."""
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(os.path.join(FIXTURES, "square.keras")) as zin:
            zin.extractall(tmp)
        with h5py.File(os.path.join(tmp, "model.weights.h5"), "r+") as f:
            f["a"] = f["/"]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
            for name in ("metadata.json", "config.json", "model.weights.h5"):
                zout.write(os.path.join(tmp, name), name)


def large_png(path, side):
    """A side x side truecolour PNG, white with a dark diagonal: 36 M pixels for side 6000, just
    under the page's cap, compressed to a few hundred KB."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    packer = zlib.compressobj(9)
    body = []
    for y in range(side):
        row = bytearray(b"\xff" * (3 * side))
        row[3 * y:3 * y + 3] = b"\x20\x20\x20"
        body.append(packer.compress(b"\x00" + bytes(row)))
    body.append(packer.flush())
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(body)) + chunk(b"IEND", b""))


def _varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _field(number, payload):
    """A length-delimited protobuf field."""
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def many_inputs_onnx(path, nodes=16, inputs=100_000):
    """An ONNX model written by hand (protobuf bytes, no onnx package): 16 Add nodes of 100,000
    inputs each, every input the same 2x2 weight. Each three-byte input becomes a string the
    grader's reader keeps: 1.6 M of them from 4.8 MB."""
    weight = _varint(1 << 3) + b"\x02" + _varint(1 << 3) + b"\x02" + _varint(2 << 3) + b"\x01" \
        + _field(8, b"W") + _field(9, bytes(16))
    node = _field(1, b"W") * inputs + _field(2, b"y") + _field(4, b"Add")
    scalar = _field(2, _field(1, _varint(1 << 3) + b"\x01" + _field(2, _field(1, _varint(1 << 3) + b"\x01"))))
    graph = _field(1, node) * nodes + _field(2, b"g") + _field(5, weight) \
        + _field(11, _field(1, b"x") + scalar) + _field(12, _field(1, b"y") + scalar)
    model = _varint(1 << 3) + b"\x08" + _field(8, _varint(2 << 3) + b"\x11") + _field(7, graph)
    with open(path, "wb") as f:
        f.write(model)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    if not os.path.exists(os.path.join(OUT, "hollow_kernel.h5")):
        hollow_keras_kernel(os.path.join(OUT, "hollow_kernel.h5"))
    if not os.path.exists(os.path.join(OUT, "looped.keras")):
        looped_keras(os.path.join(OUT, "looped.keras"))
    if not os.path.exists(os.path.join(OUT, "36-megapixels.png")):
        large_png(os.path.join(OUT, "36-megapixels.png"), 6000)
    many_inputs_onnx(os.path.join(OUT, "many-inputs.onnx"))
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))
