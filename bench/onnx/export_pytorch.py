#!/usr/bin/python3
"""Makes the PyTorch-exported ONNX files that descent's import tests read.

Trains two small fully connected networks on the committed MNIST sample (the first 2,000
training images) and writes them with torch.onnx.export:

  pytorch-784-30-10.onnx        nn.Linear layers (exported as Gemm, transB=1), ReLU, Softmax;
                                float32 weights
  pytorch-matmul-784-16-10.onnx x @ W + b written out (exported as MatMul and Add), Sigmoid
                                throughout; float64 weights and input

Run from the repository's root with Debian's PyTorch (apt-get install python3-torch):

  /usr/bin/python3 bench/onnx/export_pytorch.py

The output is deterministic for a given PyTorch build (seeded, one thread).
"""

import gzip
import os
import struct
import sys

import torch

SAMPLE = os.path.join("src", "test", "resources", "mnist-sample")
OUT = os.path.join("src", "test", "resources", "onnx")


def read_idx(name):
    with gzip.open(os.path.join(SAMPLE, name), "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


class MatMulNetwork(torch.nn.Module):
    """Two layers as explicit matrix products, so that the export has MatMul and Add."""

    def __init__(self):
        super().__init__()
        self.w1 = torch.nn.Parameter(torch.randn(784, 16) * 784 ** -0.5)
        self.b1 = torch.nn.Parameter(torch.zeros(16))
        self.w2 = torch.nn.Parameter(torch.randn(16, 10) * 16 ** -0.5)
        self.b2 = torch.nn.Parameter(torch.zeros(10))

    def forward(self, x):
        return torch.sigmoid(torch.sigmoid(x @ self.w1 + self.b1) @ self.w2 + self.b2)


def train(model, images, labels, epochs, learning_rate, loss):
    optimiser = torch.optim.SGD(model.parameters(), lr=learning_rate)
    for _ in range(epochs):
        for start in range(0, len(images), 10):
            x, y = images[start:start + 10], labels[start:start + 10]
            optimiser.zero_grad()
            loss(model(x), y).backward()
            optimiser.step()
    model.eval()
    return model


def accuracy(model, images, labels):
    with torch.no_grad():
        return (model(images).argmax(dim=1) == labels).float().mean().item()


def export(model, example, name):
    path = os.path.join(OUT, name)
    torch.onnx.export(model, example, path, input_names=["pixels"], output_names=["probabilities"],
                      dynamic_axes={"pixels": {0: "batch"}, "probabilities": {0: "batch"}}, opset_version=13)
    print(path, os.path.getsize(path), "bytes")


def main():
    torch.manual_seed(14)
    torch.set_num_threads(1)
    images = read_idx("train-images-idx3-ubyte.gz").reshape(-1, 784).float() / 255.0
    labels = read_idx("train-labels-idx1-ubyte.gz").long()
    test_images = read_idx("t10k-images-idx3-ubyte.gz").reshape(-1, 784).float() / 255.0
    test_labels = read_idx("t10k-labels-idx1-ubyte.gz").long()

    gemm = torch.nn.Sequential(torch.nn.Linear(784, 30), torch.nn.ReLU(), torch.nn.Linear(30, 10),
                               torch.nn.Softmax(dim=1))
    nll = torch.nn.NLLLoss()
    train(gemm, images, labels, 3, 0.1, lambda p, y: nll(torch.log(p + 1e-12), y))
    print("Gemm network, sample test accuracy", accuracy(gemm, test_images, test_labels))
    export(gemm, torch.zeros(1, 784), "pytorch-784-30-10.onnx")

    matmul = MatMulNetwork().double()
    one_hot = torch.nn.functional.one_hot(labels, 10).double()
    mse = torch.nn.MSELoss()
    train(matmul, images.double(), one_hot, 3, 3.0, lambda p, y: mse(p, y))
    print("MatMul network, sample test accuracy", accuracy(matmul, test_images.double(), test_labels))
    export(matmul, torch.zeros(1, 784, dtype=torch.float64), "pytorch-matmul-784-16-10.onnx")

    conv = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3, stride=3), torch.nn.ReLU(), torch.nn.Flatten(),
                               torch.nn.Linear(2 * 9 * 9, 10), torch.nn.Softmax(dim=1)).eval()
    export(conv, torch.zeros(1, 1, 28, 28), "pytorch-conv.onnx")


if __name__ == "__main__":
    sys.exit(main())
