#!/usr/bin/env python3
"""Makes the screenshots, notebook and script a student hands in beside the models, for the
student page's "handed in" section and its tests.

    /usr/bin/python3 python/make_handed_in.py

Writes src/test/resources/fixtures/handed-in/ (a notebook, a script, a PNG, and the hostile
variants the tests need) and submissions/2024001-张三/screenshot-quickstart.png, a real screenshot
taken by Debian's headless Chromium of a terminal page showing the lesson's quickstart output.
Only the standard library: the PNGs are written with zlib, the notebook with json in nbformat 4's
layout (nbformat itself is not installed here). The outputs are committed.
"""
import base64
import json
import os
import struct
import subprocess
import tempfile
import zlib

ROOT = os.path.join(os.path.dirname(__file__), "..")
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures", "handed-in")
EXAMPLE = os.path.join(ROOT, "submissions", "2024001-张三")


def png(width, height, pixel):
    """A truecolour PNG; pixel(x, y) gives (r, g, b)."""
    rows = b"".join(b"\x00" + bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def loss_curve(x, y):
    """A falling loss curve on white: what a student's plot looks like, roughly."""
    curve = int(20 + 100 * (1 - (x / 160) ** 0.3))
    return (30, 90, 220) if abs(y - curve) < 2 else (255, 255, 255)


HOSTILE = "</pre><script>alert('pwned')</script><pre>"

LINES = lambda text: [line + "\n" for line in text.split("\n")[:-1]] + [text.split("\n")[-1]]


def notebook():
    curve = base64.b64encode(png(160, 120, loss_curve)).decode("ascii")
    cells = [
        {"cell_type": "markdown", "metadata": {}, "id": "intro",
         "source": LINES("# 第四课：快速入门\nTraining the quickstart MLP <b>for 5 epochs</b>.")},
        {"cell_type": "code", "execution_count": 1, "metadata": {}, "id": "train",
         "source": LINES("for t in range(epochs):\n    train(train_dataloader, model, loss_fn, optimizer)\nprint(\"" + HOSTILE + "\")"),
         "outputs": [{"output_type": "stream", "name": "stdout",
                      "text": LINES("Epoch 1\n-------------------------------\nloss: 2.303541  [   64/60000]\n" + HOSTILE + "\n")}]},
        {"cell_type": "code", "execution_count": 2, "metadata": {}, "id": "html",
         "source": ["model"],
         "outputs": [{"output_type": "execute_result", "execution_count": 2, "metadata": {},
                      "data": {"text/html": "<div onmouseover=\"alert(1)\"><script>alert('html output')</script>NeuralNetwork</div>"}}]},
        {"cell_type": "code", "execution_count": 3, "metadata": {}, "id": "plot",
         "source": ["plt.plot(losses)"],
         "outputs": [{"output_type": "display_data", "metadata": {},
                      "data": {"image/png": curve, "text/plain": ["<Figure size 640x480 with 1 Axes>"]}}]},
        {"cell_type": "code", "execution_count": 4, "metadata": {}, "id": "error",
         "source": ["model(torch.zeros(3))"],
         "outputs": [{"output_type": "error", "ename": "RuntimeError", "evalue": "mat1 and mat2 shapes cannot be multiplied",
                      "traceback": ["\u001b[0;31m---------------------------------------------------------------------------\u001b[0m",
                                    "\u001b[0;31mRuntimeError\u001b[0m                              Traceback (most recent call last)",
                                    "\u001b[0;32m<ipython-input-4>\u001b[0m in \u001b[0;36m<module>\u001b[0;34m\u001b[0m",
                                    "\u001b[0;31mRuntimeError\u001b[0m: mat1 and mat2 shapes cannot be multiplied (1x3 and 784x512)"]}]},
    ]
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                         "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


SCRIPT = '''"""The homework MLP for y = x1² + x2² (第四课作业)."""
import torch
from torch import nn

model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))
print("''' + HOSTILE + '''")
torch.save(model.state_dict(), "square.pth")
'''

TERMINAL = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #1e1e1e; color: #d4d4d4; font: 15px/1.35 "DejaVu Sans Mono", monospace; padding: 14px; }
.p { color: #6a9955; }</style></head><body><pre><span class="p">zhangsan@laptop:~/lesson-04$</span> python quickstart.py
Using cpu device
Epoch 1
-------------------------------
loss: 2.303541  [   64/60000]
loss: 2.289105  [ 6464/60000]
loss: 2.267232  [12864/60000]
Test Error:
 Accuracy: 36.2%, Avg loss: 2.160105

Epoch 5
-------------------------------
loss: 1.267012  [57664/60000]
Test Error:
 Accuracy: 64.2%, Avg loss: 1.094226

Done!
Saved PyTorch Model State to model.pth
<span class="p">zhangsan@laptop:~/lesson-04$</span> </pre></body></html>"""


def screenshot(target):
    with tempfile.TemporaryDirectory() as folder:
        page = os.path.join(folder, "terminal.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(TERMINAL)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--user-data-dir=" + os.path.join(folder, "profile"), "--window-size=640,440",
                        "--screenshot=" + os.path.abspath(target), "file://" + page],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "quickstart.ipynb"), "w", encoding="utf-8") as f:
        json.dump(notebook(), f, ensure_ascii=False, indent=1)
    with open(os.path.join(OUT, "square_mlp.py"), "w", encoding="utf-8") as f:
        f.write(SCRIPT)
    with open(os.path.join(OUT, "loss.png"), "wb") as f:
        f.write(png(160, 120, loss_curve))
    # An SVG with a script, named as a screenshot: refused by its first bytes, whatever its name.
    with open(os.path.join(OUT, "svg-named.png"), "w", encoding="utf-8") as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>\n')
    # A decompression bomb's header: 100,000 x 100,000 pixels claimed by a file of a few hundred bytes.
    small = bytearray(png(8, 8, lambda x, y: (0, 0, 0)))
    small[16:24] = struct.pack(">II", 100_000, 100_000)
    small[29:33] = struct.pack(">I", zlib.crc32(bytes(small[12:29])) & 0xFFFFFFFF)
    with open(os.path.join(OUT, "bomb.png"), "wb") as f:
        f.write(small)
    screenshot(os.path.join(EXAMPLE, "screenshot-quickstart.png"))
    screenshot(os.path.join(OUT, "screenshot.png"))


if __name__ == "__main__":
    main()
