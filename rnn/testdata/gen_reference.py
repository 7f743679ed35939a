#!/usr/bin/python3
"""Writes reference.json: the tutorial's LSTM model computed by PyTorch.

The model is the TensorFlow tutorial's graph (BasicLSTMCell gate order i, j, f, o,
forget_bias 1.0, zero initial state), at a small size: batch 3, 28 steps of 28
inputs, 16 hidden units, 10 classes. The weights and inputs are drawn here from a
fixed seed and written out with the results, so the Go test needs no PyTorch.
Everything is computed in float64; the Go side computes in float32.

It also writes conv_reference.json: Conv2D and MaxPool in TensorFlow's NHWC layout
and padding rules (see conv_main), computed by PyTorch's NCHW conv2d and max_pool2d.

Run: /usr/bin/python3 rnn/testdata/gen_reference.py  (from the repository root,
or anywhere: the JSON goes next to this script).
"""
import json
import math
import os

import torch

BATCH, NSTEPS, NIN, NHIDDEN, NCLASSES = 3, 28, 28, 16, 10
FORGET_BIAS = 1.0
SGD_LR = 0.5


def model(p, x):
    """The tutorial's _RNN followed by the mean softmax cross entropy."""
    X = x.transpose(0, 1).reshape(-1, NIN)                      # tf.transpose [1,0,2]; tf.reshape
    H = X @ p["W_hidden"] + p["b_hidden"]                       # tf.matmul + bias
    h = torch.zeros(x.shape[0], NHIDDEN, dtype=x.dtype)
    c = torch.zeros(x.shape[0], NHIDDEN, dtype=x.dtype)
    outputs = []
    for xt in H.split(x.shape[0], 0):                           # tf.split(H, nsteps, 0)
        gates = torch.cat([xt, h], 1) @ p["kernel"] + p["bias"]
        i, j, f, o = gates.chunk(4, 1)
        c = c * torch.sigmoid(f + FORGET_BIAS) + torch.sigmoid(i) * torch.tanh(j)
        h = torch.tanh(c) * torch.sigmoid(o)
        outputs.append(h)
    logits = h @ p["W_out"] + p["b_out"]
    return H, outputs, c, h, logits


def xent(labels, logits):
    return -(labels * torch.log_softmax(logits, 1)).sum(1)


def main():
    gen = torch.Generator().manual_seed(20180105)
    d = torch.float64
    limit = math.sqrt(6.0 / (NHIDDEN + NHIDDEN + 4 * NHIDDEN))
    params = {
        "W_hidden": torch.randn(NIN, NHIDDEN, generator=gen, dtype=d),
        "b_hidden": torch.randn(NHIDDEN, generator=gen, dtype=d),
        "kernel": (torch.rand(2 * NHIDDEN, 4 * NHIDDEN, generator=gen, dtype=d) * 2 - 1) * limit,
        # A non-zero bias exercises the bias path (TF starts it at zeros).
        "bias": torch.randn(4 * NHIDDEN, generator=gen, dtype=d) * 0.1,
        "W_out": torch.randn(NHIDDEN, NCLASSES, generator=gen, dtype=d),
        "b_out": torch.randn(NCLASSES, generator=gen, dtype=d),
    }
    # Round to float32 so both sides start from exactly the same numbers.
    params = {k: v.float().double().requires_grad_(True) for k, v in params.items()}
    x = torch.rand(BATCH, NSTEPS, NIN, generator=gen, dtype=d).float().double().requires_grad_(True)
    classes = torch.randint(0, NCLASSES, (BATCH,), generator=gen)
    y = torch.nn.functional.one_hot(classes, NCLASSES).double()

    H, outputs, c, h, logits = model(params, x)
    losses = xent(y, logits)
    cost = losses.mean()
    cost.backward()
    with torch.no_grad():
        stepped = {k: v - SGD_LR * v.grad for k, v in params.items()}
        cost_after = xent(y, model(stepped, x)[4]).mean()

    def flat(t):
        return [float(v) for v in t.detach().reshape(-1)]

    out = {
        "about": __doc__.strip().splitlines()[0],
        "torch_version": torch.__version__,
        "batch": BATCH, "nsteps": NSTEPS, "diminput": NIN, "dimhidden": NHIDDEN, "dimoutput": NCLASSES,
        "forget_bias": FORGET_BIAS, "sgd_lr": SGD_LR,
        "params": {k: {"shape": list(v.shape), "data": flat(v)} for k, v in params.items()},
        "x": {"shape": list(x.shape), "data": flat(x)},
        "y": {"shape": list(y.shape), "data": flat(y)},
        "H": flat(H),
        "lstm_outputs_first": flat(outputs[0]),
        "lstm_outputs_last": flat(outputs[-1]),
        "lstm_state_c": flat(c),
        "lstm_state_h": flat(h),
        "logits": flat(logits),
        "losses": flat(losses),
        "cost": float(cost),
        "grads": {k: flat(v.grad) for k, v in params.items()},
        "grad_x": flat(x.grad),
        "cost_after_sgd_step": float(cost_after),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", path, "cost", float(cost))


def tf_same_pad(size, k, stride):
    """TensorFlow's SAME padding of one dimension: (before, after)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + k - size, 0)
    return total // 2, total - total // 2


def conv_main():
    """Conv2D and MaxPool cases in NHWC, with the gradients of sum(out * r)."""
    gen = torch.Generator().manual_seed(20180106)
    d = torch.float64
    F = torch.nn.functional

    def rand(*shape):
        return (torch.rand(*shape, generator=gen, dtype=d) * 2 - 1).float().double()

    def flat(t):
        return [float(v) for v in t.detach().reshape(-1)]

    def tensor(t):
        return {"shape": list(t.shape), "data": flat(t)}

    def conv(x, w, stride, padding):
        xc = x.permute(0, 3, 1, 2)                 # NHWC -> NCHW
        wc = w.permute(3, 2, 0, 1)                 # HWIO -> OIHW
        if padding == "SAME":
            top, bottom = tf_same_pad(xc.shape[2], wc.shape[2], stride[0])
            left, right = tf_same_pad(xc.shape[3], wc.shape[3], stride[1])
            xc = F.pad(xc, (left, right, top, bottom))
        return F.conv2d(xc, wc, stride=stride).permute(0, 2, 3, 1)

    def pool(x, k, stride, padding):
        xc = x.permute(0, 3, 1, 2)
        if padding == "SAME":
            top, bottom = tf_same_pad(xc.shape[2], k[0], stride[0])
            left, right = tf_same_pad(xc.shape[3], k[1], stride[1])
            xc = F.pad(xc, (left, right, top, bottom), value=float("-inf"))
        return F.max_pool2d(xc, k, stride=stride).permute(0, 2, 3, 1)

    cases = []
    for name, xs, ws, stride, padding in [
        ("conv same stride 1", (2, 7, 6, 3), (3, 3, 3, 4), (1, 1), "SAME"),
        ("conv same stride 2", (2, 7, 6, 3), (5, 5, 3, 2), (2, 2), "SAME"),
        ("conv valid stride 2", (2, 7, 6, 3), (3, 2, 3, 4), (2, 2), "VALID"),
        ("conv valid strides 1,2", (1, 8, 9, 2), (4, 3, 2, 3), (1, 2), "VALID"),
    ]:
        x, w = rand(*xs).requires_grad_(True), rand(*ws).requires_grad_(True)
        out = conv(x, w, stride, padding)
        r = rand(*out.shape)
        (out * r).sum().backward()
        cases.append({"name": name, "op": "conv2d", "strides": [1, stride[0], stride[1], 1], "padding": padding,
                      "x": tensor(x), "w": tensor(w), "r": tensor(r), "out": tensor(out),
                      "grad_x": flat(x.grad), "grad_w": flat(w.grad)})
    for name, xs, k, stride, padding in [
        ("pool same 2x2 stride 2", (2, 7, 5, 3), (2, 2), (2, 2), "SAME"),
        ("pool same 3x3 stride 2", (2, 7, 6, 2), (3, 3), (2, 2), "SAME"),
        ("pool valid 3x2 stride 2,1", (1, 7, 6, 2), (3, 2), (2, 1), "VALID"),
    ]:
        x = rand(*xs).requires_grad_(True)
        out = pool(x, k, stride, padding)
        r = rand(*out.shape)
        (out * r).sum().backward()
        cases.append({"name": name, "op": "max_pool", "ksize": [1, k[0], k[1], 1],
                      "strides": [1, stride[0], stride[1], 1], "padding": padding,
                      "x": tensor(x), "r": tensor(r), "out": tensor(out), "grad_x": flat(x.grad)})
    out = {"about": conv_main.__doc__, "torch_version": torch.__version__, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", path, len(cases), "cases")


if __name__ == "__main__":
    main()
    conv_main()
