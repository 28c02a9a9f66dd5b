#!/usr/bin/env python3
"""The issue 13 speed table in one run: each network and update in PyTorch (one thread)
and in descent (java -jar ... train --threads 1), seconds per epoch of training on all
60,000 MNIST images, and their ratio. With --baseline-jar, an older descent jar too, for
the engine's own before/after ratio in the same run. With --djl, DJL 0.36 on PyTorch 2.7.1
(one intra-op and one inter-op thread) too, from the separate Maven project in bench/peers/djl
(build it first: ./mvnw -B -q -f bench/peers/djl/pom.xml package).

    python3 bench/peers/peers.py --jar target/descent.jar --mnist-dir data/mnist [--djl bench/peers/djl]

Needs Debian's python3-torch (apt-get install -y python3-torch; PyTorch 1.13).
"""
import argparse
import glob
import gzip
import os
import re
import subprocess
import time

import numpy as np
import torch

ROWS = [
    # name, layers, hidden, output, cost, optimizer, eta, m, l2
    ("[784,30,10] sigmoid, quadratic, SGD eta=3, m=10", [784, 30, 10], "sigmoid", "sigmoid", "quadratic", "sgd", 3.0, 10, 0.0),
    ("the same, m=128", [784, 30, 10], "sigmoid", "sigmoid", "quadratic", "sgd", 3.0, 128, 0.0),
    ("[784,100,10] cross-entropy, L2 lambda=5, eta=0.5, m=10", [784, 100, 10], "sigmoid", "sigmoid", "cross-entropy", "sgd", 0.5, 10, 5.0),
    ("[784,100,10] ReLU+softmax, cross-entropy, Adam, m=32", [784, 100, 10], "relu", "softmax", "cross-entropy", "adam", 0.001, 32, 0.0),
]


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def torch_epoch(row, x, y):
    _, layers, hidden, output, cost, optimizer, eta, m, l2 = row
    torch.manual_seed(1)
    act = torch.nn.Sigmoid() if hidden == "sigmoid" else torch.nn.ReLU()
    model = torch.nn.Sequential(torch.nn.Linear(layers[0], layers[1]), act, torch.nn.Linear(layers[1], layers[2]))
    weights = [p for n, p in model.named_parameters() if n.endswith("weight")]
    biases = [p for n, p in model.named_parameters() if n.endswith("bias")]
    n = x.shape[0]
    groups = [{"params": weights, "weight_decay": l2 / n}, {"params": biases, "weight_decay": 0.0}]
    opt = torch.optim.SGD(groups, lr=eta) if optimizer == "sgd" else torch.optim.Adam(groups, lr=eta)
    onehot = torch.nn.functional.one_hot(y, 10).to(x.dtype)
    order = torch.randperm(n)
    start = time.perf_counter()
    for k in range(0, n, m):
        batch = order[k:k + m]
        z = model(x[batch])
        if output == "softmax":
            loss = torch.nn.functional.cross_entropy(z, y[batch])
        elif cost == "quadratic":
            loss = 0.5 * ((torch.sigmoid(z) - onehot[batch]) ** 2).sum(dim=1).mean()
        else:
            loss = torch.nn.functional.binary_cross_entropy_with_logits(z, onehot[batch], reduction="sum") / len(batch)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return time.perf_counter() - start


def descent_epoch(jar, row, mnist_dir, threads, epochs):
    _, layers, hidden, output, cost, optimizer, eta, m, l2 = row
    args = ["java", "-jar", jar, "train", "--mnist-dir", mnist_dir, "--seed", "1", "--epochs", str(epochs),
            "--layers", ",".join(map(str, layers)), "--hidden-activation", hidden, "--output-activation", output,
            "--cost", cost, "--optimizer", optimizer, "--learning-rate", str(eta), "--batch-size", str(m),
            "--l2", str(l2), "--init", "scaled"]
    if threads is not None:
        args += ["--threads", str(threads)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return float(re.search(r"seconds per epoch: median [0-9.]+, min ([0-9.]+)", out).group(1))


def djl_epoch(project, row, index, mnist_dir, epochs):
    """Seconds of DJL's fastest timed epoch after one warm-up epoch, or None where the DJL
    program does not support the row."""
    _, layers, hidden, output, cost, optimizer, eta, m, l2 = row
    jars = glob.glob(os.path.join(project, "target", "djl-peer-*.jar"))
    if not jars:
        raise SystemExit(f"no DJL jar in {project}/target: ./mvnw -B -q -f {project}/pom.xml package")
    classpath = jars[0] + os.pathsep + os.path.join(project, "target", "lib", "*")
    args = ["java", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1", "-cp", classpath, "descent.peers.DjlPeer",
            "--row", str(index), "--mnist-dir", mnist_dir, "--seed", "1", "--warmup", "1",
            "--epochs", str(epochs), "--layers", ",".join(map(str, layers)), "--hidden-activation", hidden,
            "--output-activation", output, "--cost", cost, "--optimizer", optimizer,
            "--learning-rate", str(eta), "--batch-size", str(m), "--l2", str(l2)]
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run(args, capture_output=True, text=True, check=True, env=env).stdout
    found = re.search(rf"^row={index} seconds=([0-9.]+) accuracy=([0-9.]+)", out, re.M)
    if found is None:
        if re.search(rf"^row={index} unsupported", out, re.M):
            return None
        raise SystemExit(f"the DJL program printed no result for row {index}: {out}")
    return float(found.group(1)), float(found.group(2))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default="target/descent.jar")
    parser.add_argument("--baseline-jar", help="an older descent jar to time beside (it has no --threads)")
    parser.add_argument("--mnist-dir", default="data/mnist")
    parser.add_argument("--epochs", type=int, default=3, help="descent epochs per row; the fastest is reported")
    parser.add_argument("--djl", metavar="DIR", help="the built DJL project (bench/peers/djl): adds a DJL column")
    parser.add_argument("--djl-epochs", type=int,
                        help="DJL epochs timed per row after one warm-up epoch, the fastest reported; "
                             "default --epochs (a load burst on a shared machine can slow two epochs in a row)")
    a = parser.parse_args()
    a.djl_epochs = a.djl_epochs or a.epochs
    torch.set_num_threads(1)
    images = idx(a.mnist_dir + "/train-images-idx3-ubyte")
    labels = idx(a.mnist_dir + "/train-labels-idx1-ubyte")
    x = torch.from_numpy(images.reshape(-1, 784).astype(np.float32) / 255.0)
    y = torch.from_numpy(labels.astype(np.int64))
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread, float32; descent --threads 1, float64; "
          "seconds per epoch of training on 60,000 images")
    if a.djl:
        print(f"DJL 0.36 on PyTorch 2.7.1, 1 intra-op and 1 inter-op thread, float32, fastest of {a.djl_epochs} "
              "epochs after one warm-up epoch; its test accuracy after them in brackets")
    print("| network and update | descent | PyTorch | PyTorch / descent |"
          + (" DJL | DJL / descent |" if a.djl else "") + (" descent before | before / now |" if a.baseline_jar else ""))
    print("|---|---|---|---|" + ("---|---|" if a.djl else "") + ("---|---|" if a.baseline_jar else ""))
    for index, row in enumerate(ROWS):
        now = descent_epoch(a.jar, row, a.mnist_dir, 1, a.epochs)
        peer = torch_epoch(row, x, y)
        line = f"| {row[0]} | {now:.3f} | {peer:.2f} | {peer / now:.1f}x |"
        if a.djl:
            djl = djl_epoch(a.djl, row, index, a.mnist_dir, a.djl_epochs)
            line += " – | – |" if djl is None else f" {djl[0]:.2f} ({djl[1]:.1%}) | {djl[0] / now:.1f}x |"
        if a.baseline_jar:
            before = descent_epoch(a.baseline_jar, row, a.mnist_dir, None, a.epochs)
            line += f" {before:.3f} | {before / now:.2f}x |"
        print(line, flush=True)
    row = ROWS[3]
    for m in (32, 128):
        r = row[:7] + (m, row[8])
        one = descent_epoch(a.jar, r, a.mnist_dir, 1, a.epochs)
        two = descent_epoch(a.jar, r, a.mnist_dir, 2, a.epochs)
        print(f"two threads, {row[0].replace('m=32', f'm={m}')}: 1 thread {one:.3f} s, 2 threads {two:.3f} s, "
              f"{one / two:.2f}x", flush=True)


if __name__ == "__main__":
    main()
