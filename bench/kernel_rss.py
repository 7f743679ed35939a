#!/usr/bin/python3
"""Runs a notebook through nbclient on the gornn kernelspec and reports the
kernel process's peak resident set size.

Usage (bench/kernel_rss.sh sets up the kernelspec and calls it):

    /usr/bin/python3 bench/kernel_rss.py NOTEBOOK [--kernel NAME] [--timeout S]

The peak is the kernel's VmHWM from /proc/PID/status, read every 0.2 s while
the notebook runs and once more after the last cell, before the kernel is
shut down; VmHWM only grows, so the last reading is the peak of the run. The
script fails if a cell fails, so that a broken run never reports a figure.
"""

import argparse
import os
import sys
import threading
import time

import nbclient
import nbformat


def read_status(pid):
    """Returns VmHWM and VmRSS of pid in KiB, or None once it has exited."""
    try:
        with open("/proc/%d/status" % pid) as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
    except (FileNotFoundError, ProcessLookupError):
        return None
    kib = lambda key: int(fields[key].split()[0])
    return kib("VmHWM"), kib("VmRSS")


def kernel_pid(km):
    """The kernel process's id, from jupyter_client 7's provisioner or older."""
    provisioner = getattr(km, "provisioner", None)
    if provisioner is not None and getattr(provisioner, "process", None) is not None:
        return provisioner.process.pid
    return km.kernel.pid


class Sampler(threading.Thread):
    """Reads pid's VmHWM until stopped or the process exits."""

    def __init__(self, pid, interval=0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.hwm = 0
        self.done = threading.Event()

    def sample(self):
        got = read_status(self.pid)
        if got is not None:
            self.hwm = max(self.hwm, got[0])
        return got

    def run(self):
        while not self.done.is_set() and self.sample() is not None:
            time.sleep(self.interval)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebook")
    ap.add_argument("--kernel", default="gornn", help="kernelspec name (default gornn)")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    args = ap.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=args.timeout, kernel_name=args.kernel,
                                     resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}})
    start = time.monotonic()
    with client.setup_kernel():
        pid = kernel_pid(client.km)
        sampler = Sampler(pid)
        sampler.start()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        sampler.done.set()
        sampler.join()
        if sampler.sample() is None:
            sys.exit("kernel_rss: the kernel (pid %d) exited before the last cell ended" % pid)
    elapsed = time.monotonic() - start

    for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                sys.exit("kernel_rss: code cell %d failed: %s" % (i + 1, out.get("evalue")))
    kib = sampler.hwm
    print("kernel peak RSS (VmHWM): %d KiB = %.1f MB = %.1f MiB" % (kib, kib * 1024 / 1e6, kib / 1024))
    print("notebook run: %.1f s" % elapsed)


if __name__ == "__main__":
    main()
