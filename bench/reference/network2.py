"""The book's network2.py (Nielsen, "Neural Networks and Deep Learning", chapter 3), in
NumPy, as an independent check of the engine's accuracy table.

The algorithm is network2.py's: sigmoid layers, cross-entropy cost (output delta a - y),
L2 as w -> (1 - eta*lmbda/n) w - (eta/m) sum(nabla_w), biases not decayed, the training
set shuffled every epoch, accuracy on the evaluation set after every epoch. The only
change is that a mini-batch is back-propagated as one matrix (columns are examples)
instead of example by example, which sums the same gradients.

usage: python3 bench/reference/network2.py --mnist-dir target/mnist --seed 1 \
           [--hidden 100] [--epochs 30] [--batch-size 10] [--learning-rate 0.5] [--l2 5.0] \
           [--init scaled|normal] [--split test|validation]

--split test trains on all 60,000 training images and evaluates on the 10,000 test
images (what `descent train` does); --split validation is the book's own setup: the
first 50,000 training images, evaluated on the last 10,000 ("validation_data").
"""

import argparse
import gzip
import os
import struct
import time

import numpy as np


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(mnist_dir, split):
    train_x = read_idx(os.path.join(mnist_dir, "train-images-idx3-ubyte")).reshape(-1, 784)
    train_y = read_idx(os.path.join(mnist_dir, "train-labels-idx1-ubyte"))
    if split == "validation":
        return (train_x[:50000], train_y[:50000]), (train_x[50000:], train_y[50000:])
    test_x = read_idx(os.path.join(mnist_dir, "t10k-images-idx3-ubyte")).reshape(-1, 784)
    test_y = read_idx(os.path.join(mnist_dir, "t10k-labels-idx1-ubyte"))
    return (train_x, train_y), (test_x, test_y)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mnist-dir", default="data/mnist")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--hidden", type=int, default=100)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=10)
    p.add_argument("--learning-rate", type=float, default=0.5)
    p.add_argument("--l2", type=float, default=5.0)
    p.add_argument("--init", choices=["scaled", "normal"], default="scaled")
    p.add_argument("--split", choices=["test", "validation"], default="test")
    args = p.parse_args()

    (train_x, train_y), (eval_x, eval_y) = load(args.mnist_dir, args.split)
    n = len(train_y)
    eval_inputs = eval_x.astype(np.float64).T / 255.0
    rng = np.random.RandomState(args.seed)
    sizes = [784, args.hidden, 10]
    biases = [rng.randn(y, 1) for y in sizes[1:]]
    if args.init == "scaled":  # network2.default_weight_initializer
        weights = [rng.randn(y, x) / np.sqrt(x) for x, y in zip(sizes[:-1], sizes[1:])]
    else:  # network2.large_weight_initializer
        weights = [rng.randn(y, x) for x, y in zip(sizes[:-1], sizes[1:])]
    eta, lmbda, m = args.learning_rate, args.l2, args.batch_size
    one_hot = np.eye(10)

    best = (0, 0)
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        order = rng.permutation(n)
        for k in range(0, n, m):
            batch = order[k:k + m]
            x = train_x[batch].astype(np.float64).T / 255.0
            y = one_hot[:, train_y[batch]]
            a1 = sigmoid(weights[0] @ x + biases[0])
            a2 = sigmoid(weights[1] @ a1 + biases[1])
            delta2 = a2 - y
            delta1 = (weights[1].T @ delta2) * a1 * (1.0 - a1)
            rate = eta / len(batch)
            decay = 1.0 - eta * lmbda / n
            weights[1] = decay * weights[1] - rate * (delta2 @ a1.T)
            biases[1] -= rate * delta2.sum(axis=1, keepdims=True)
            weights[0] = decay * weights[0] - rate * (delta1 @ x.T)
            biases[0] -= rate * delta1.sum(axis=1, keepdims=True)
        seconds = time.perf_counter() - start
        out = sigmoid(weights[1] @ sigmoid(weights[0] @ eval_inputs + biases[0]) + biases[1])
        correct = int((out.argmax(axis=0) == eval_y).sum())
        if correct > best[0]:
            best = (correct, epoch)
        print(f"epoch {epoch:3d}  accuracy {correct / len(eval_y):.4f}  seconds {seconds:.1f}", flush=True)
    print(f"best epoch {best[1]}: accuracy {best[0] / len(eval_y):.4f}", flush=True)


if __name__ == "__main__":
    main()
