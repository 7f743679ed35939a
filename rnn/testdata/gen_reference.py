#!/usr/bin/python3
"""Writes reference.json: the tutorial's LSTM model computed by PyTorch.

The model is the TensorFlow tutorial's graph (BasicLSTMCell gate order i, j, f, o,
forget_bias 1.0, zero initial state), at a small size: batch 3, 28 steps of 28
inputs, 16 hidden units, 10 classes. The weights and inputs are drawn here from a
fixed seed and written out with the results, so the Go test needs no PyTorch.
Everything is computed in float64; the Go side computes in float32.

It also writes conv_reference.json: Conv2D and MaxPool in TensorFlow's NHWC layout
and padding rules (see conv_main), computed by PyTorch's NCHW conv2d and max_pool2d.

It also writes cells.json: TensorFlow's GRUCell, sequence lengths and a
bidirectional run (see cells_main).

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


# TensorFlow's GRUCell and static_rnn/static_bidirectional_rnn semantics,
# written out in torch ops, in float64.
#
# torch.nn.GRU is not TensorFlow's GRU: it applies the reset gate after the
# recurrent product, n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), where
# TensorFlow's GRUCell computes c = tanh([x, r * h] @ candidate_kernel + b).
# Gate layouts differ too (torch: rows r, z, n of weight_ih and weight_hh;
# TensorFlow: columns r, u of gates/kernel over [x, h], and a separate
# candidate kernel). So the GRU below is written out, as the tutorial's LSTM
# is above. The LSTM with sequence lengths and the bidirectional LSTM are
# also checked here against torch.nn.LSTM over packed sequences, with the
# weights mapped (TensorFlow's columns i, j, f, o are torch's rows i, g, f,
# o; TensorFlow's forget bias goes into torch's bias of f).

C_BATCH, C_STEPS, C_NIN, C_UNITS = 3, 5, 4, 6
C_LENGTHS = [5, 2, 3]        # each at least 1, as torch's packed sequences need
C_LENGTHS_ZERO = [4, 0, 5]   # with an empty sequence, for the GRU


def lstm_step(p, x, c, h):
    gates = torch.cat([x, h], 1) @ p["kernel"] + p["bias"]
    i, j, f, o = gates.chunk(4, 1)
    c = c * torch.sigmoid(f + FORGET_BIAS) + torch.sigmoid(i) * torch.tanh(j)
    return torch.tanh(c) * torch.sigmoid(o), (c, torch.tanh(c) * torch.sigmoid(o))


def gru_step(p, x, h):
    ru = torch.sigmoid(torch.cat([x, h], 1) @ p["gates_kernel"] + p["gates_bias"])
    r, u = ru.chunk(2, 1)
    c = torch.tanh(torch.cat([x, r * h], 1) @ p["candidate_kernel"] + p["candidate_bias"])
    h = u * h + (1 - u) * c
    return h, h


def static_rnn(step, p, xs, state, lengths):
    """static_rnn with sequence_length: past an example's length the output
    is zero and the state is copied through."""
    outputs = []
    for t, x in enumerate(xs):
        out, new = step(p, x, *state) if isinstance(state, tuple) else step(p, x, state)
        valid = torch.tensor([[1.0 if t < l else 0.0] for l in lengths], dtype=x.dtype)
        outputs.append(out * valid)
        if isinstance(state, tuple):
            state = tuple(n * valid + s * (1 - valid) for n, s in zip(new, state))
        else:
            state = new * valid + state * (1 - valid)
    return outputs, state


def reverse_sequence(xs, lengths):
    """tf.reverse_sequence on a list of [batch, ...] steps."""
    out = []
    for t in range(len(xs)):
        rows = []
        for b, l in enumerate(lengths):
            src = l - 1 - t if t < l else t
            rows.append(xs[src][b])
        out.append(torch.stack(rows))
    return out


def rand_params(gen, shapes, scale=0.5):
    return {k: (torch.randn(*s, generator=gen, dtype=torch.float64) * scale).float().double().requires_grad_(True)
            for k, s in shapes.items()}


def torch_lstm_from_tf(p_fw, p_bw=None):
    """torch.nn.LSTM with TensorFlow BasicLSTMCell weights."""
    lstm = torch.nn.LSTM(C_NIN, C_UNITS, bidirectional=p_bw is not None).double()

    def load(p, suffix):
        k, b = p["kernel"].detach(), p["bias"].detach().clone()
        b[2 * C_UNITS:3 * C_UNITS] += FORGET_BIAS
        i, j, f, o = k.chunk(4, 1)
        bi, bj, bf, bo = b.chunk(4)
        kt = torch.cat([i, f, j, o], 1)  # torch's order i, f, g, o
        getattr(lstm, "weight_ih_l0" + suffix).data.copy_(kt[:C_NIN].t())
        getattr(lstm, "weight_hh_l0" + suffix).data.copy_(kt[C_NIN:].t())
        getattr(lstm, "bias_ih_l0" + suffix).data.copy_(torch.cat([bi, bf, bj, bo]))
        getattr(lstm, "bias_hh_l0" + suffix).data.zero_()
    load(p_fw, "")
    if p_bw is not None:
        load(p_bw, "_reverse")
    return lstm


def cells_main():
    gen = torch.Generator().manual_seed(20260127)
    d = torch.float64
    lstm_shapes = {"kernel": (C_NIN + C_UNITS, 4 * C_UNITS), "bias": (4 * C_UNITS,)}
    gru_shapes = {"gates_kernel": (C_NIN + C_UNITS, 2 * C_UNITS), "gates_bias": (2 * C_UNITS,),
                  "candidate_kernel": (C_NIN + C_UNITS, C_UNITS), "candidate_bias": (C_UNITS,)}

    def inputs():
        x = torch.randn(C_STEPS, C_BATCH, C_NIN, generator=gen, dtype=d).float().double().requires_grad_(True)
        return x

    def weights(shape):
        return torch.randn(*shape, generator=gen, dtype=d).float().double()

    def flat(t):
        return [float(v) for v in t.detach().reshape(-1)]

    def tensor(t):
        return {"shape": list(t.shape), "data": flat(t)}

    cases = {}

    def record(name, params, x, extra_inputs, outputs, states, lengths):
        # A cost that weights every output and final state element
        # differently, so that any mix-up shows in the gradients.
        r_out = [weights(o.shape) for o in outputs]
        r_st = [weights(s.shape) for s in states]
        cost = sum((o * r).sum() for o, r in zip(outputs, r_out)) + sum((s * r).sum() for s, r in zip(states, r_st))
        wrt = list(params.values()) + [x] + list(extra_inputs.values())
        grads = torch.autograd.grad(cost, wrt)
        names = list(params) + ["x"] + list(extra_inputs)
        cases[name] = {
            "lengths": lengths,
            "params": {k: tensor(v) for k, v in params.items()},
            "x": tensor(x),
            "inputs": {k: tensor(v) for k, v in extra_inputs.items()},
            "outputs": [flat(o) for o in outputs],
            "states": [flat(s) for s in states],
            "r_outputs": [tensor(r) for r in r_out],
            "r_states": [tensor(r) for r in r_st],
            "cost": float(cost),
            "grads": {n: flat(g) for n, g in zip(names, grads)},
        }

    # GRU, from a given state, with an empty sequence among the lengths.
    p = rand_params(gen, gru_shapes)
    x = inputs()
    h0 = torch.randn(C_BATCH, C_UNITS, generator=gen, dtype=d).float().double().requires_grad_(True)
    outs, h = static_rnn(gru_step, p, list(x), h0, C_LENGTHS_ZERO)
    record("gru_lengths", p, x, {"h0": h0}, outs, [h], C_LENGTHS_ZERO)

    # GRU, no lengths, from the zero state.
    p = rand_params(gen, gru_shapes)
    x = inputs()
    outs, h = static_rnn(gru_step, p, list(x), torch.zeros(C_BATCH, C_UNITS, dtype=d), [C_STEPS] * C_BATCH)
    record("gru", p, x, {}, outs, [h], None)

    # LSTM with sequence lengths, checked against torch.nn.LSTM.
    p = rand_params(gen, lstm_shapes)
    x = inputs()
    zero = torch.zeros(C_BATCH, C_UNITS, dtype=d)
    outs, (c, h) = static_rnn(lstm_step, p, list(x), (zero, zero), C_LENGTHS)
    packed = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(C_LENGTHS), enforce_sorted=False)
    out_t, (h_t, c_t) = torch_lstm_from_tf(p)(packed)
    out_t, _ = torch.nn.utils.rnn.pad_packed_sequence(out_t, total_length=C_STEPS)
    assert torch.allclose(torch.stack(outs), out_t, atol=1e-12), "LSTM with lengths differs from torch.nn.LSTM"
    assert torch.allclose(h, h_t[0], atol=1e-12) and torch.allclose(c, c_t[0], atol=1e-12)
    record("lstm_lengths", p, x, {}, outs, [c, h], C_LENGTHS)

    # Bidirectional LSTM with sequence lengths, checked against
    # torch.nn.LSTM(bidirectional=True) over packed sequences.
    pf, pb = rand_params(gen, lstm_shapes), rand_params(gen, lstm_shapes)
    params = {"fw_kernel": pf["kernel"], "fw_bias": pf["bias"], "bw_kernel": pb["kernel"], "bw_bias": pb["bias"]}
    x = inputs()
    outs_f, (cf, hf) = static_rnn(lstm_step, pf, list(x), (zero, zero), C_LENGTHS)
    outs_b, (cb, hb) = static_rnn(lstm_step, pb, reverse_sequence(list(x), C_LENGTHS), (zero, zero), C_LENGTHS)
    outs_b = reverse_sequence(outs_b, C_LENGTHS)
    outs = [torch.cat([f, b], 1) for f, b in zip(outs_f, outs_b)]
    packed = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(C_LENGTHS), enforce_sorted=False)
    out_t, (h_t, c_t) = torch_lstm_from_tf(pf, pb)(packed)
    out_t, _ = torch.nn.utils.rnn.pad_packed_sequence(out_t, total_length=C_STEPS)
    assert torch.allclose(torch.stack(outs), out_t, atol=1e-12), "bidirectional LSTM differs from torch.nn.LSTM"
    assert torch.allclose(hb, h_t[1], atol=1e-12) and torch.allclose(cb, c_t[1], atol=1e-12)
    record("bidirectional_lstm_lengths", params, x, {}, outs, [cf, hf, cb, hb], C_LENGTHS)

    # Bidirectional GRU over LSTM, no lengths.
    pf, pb = rand_params(gen, lstm_shapes), rand_params(gen, gru_shapes)
    params = {"fw_kernel": pf["kernel"], "fw_bias": pf["bias"]}
    params.update({"bw_" + k: v for k, v in pb.items()})
    x = inputs()
    outs_f, (cf, hf) = static_rnn(lstm_step, pf, list(x), (zero, zero), [C_STEPS] * C_BATCH)
    outs_b, hb = static_rnn(gru_step, pb, list(x)[::-1], zero, [C_STEPS] * C_BATCH)
    outs = [torch.cat([f, b], 1) for f, b in zip(outs_f, outs_b[::-1])]
    record("bidirectional_lstm_gru", params, x, {}, outs, [cf, hf, hb], None)

    out = {
        "about": "cells.json: TensorFlow's GRUCell, sequence lengths and bidirectional runs computed by PyTorch "
                 "(gen_reference.py); x is time-major [steps, batch, inputs]",
        "torch_version": torch.__version__,
        "batch": C_BATCH, "steps": C_STEPS, "inputs": C_NIN, "units": C_UNITS, "forget_bias": FORGET_BIAS,
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cells.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", path, {k: round(v["cost"], 6) for k, v in cases.items()})


if __name__ == "__main__":
    main()
    conv_main()
    cells_main()
