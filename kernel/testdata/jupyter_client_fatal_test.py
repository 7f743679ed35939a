#!/usr/bin/python3
"""A Go fatal runtime error in a cell, seen through Debian's jupyter_client.

Run from the repository root:

    /usr/bin/python3 kernel/testdata/jupyter_client_fatal_test.py [-v]

Each cell makes the Go runtime fail beyond recovery. The kernel process
must end within seconds with the runtime's report in its stderr (the front
end's log), and jupyter_client's restarter must bring up a fresh kernel
that answers. The kernel used to hang instead: no heartbeat, no replies,
SIGTERM ignored, and no report anywhere.
"""

import os
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from jupyter_client.manager import KernelManager  # noqa: E402
from jupyter_client.restarter import KernelRestarter  # noqa: E402

from jupyter_client_test import TIMEOUT, run, setup_kernelspec  # noqa: E402

# Far beyond the seconds a crash takes to be seen: only a hang reaches it.
GUARD = 180

FAULTS = {
    # Recursion in compiled code: fmt prints a slice that contains itself.
    "stack_overflow": ('import "fmt"\na := []any{0}\na[0] = a\nfmt.Sprint(a)', "fatal error: stack overflow"),
    "out_of_memory": ("b := make([]byte, 50<<30)\nb[len(b)-1] = 1", "fatal error: runtime: out of memory"),
    "concurrent_map_writes": (
        "m := map[int]int{}\n"
        "for g := 0; g < 4; g++ {\n\tgo func() {\n\t\tfor i := 0; ; i++ {\n\t\t\tm[i%64] = i\n\t\t}\n\t}()\n}\n"
        "for i := 0; ; i++ {\n\tm[i%64] = i\n}",
        "fatal error: concurrent map writes",
    ),
}


class FatalTest(unittest.TestCase):
    def crash(self, name):
        code, want = FAULTS[name]
        log_path = os.path.join(tempfile.mkdtemp(prefix="gornn-fatal-"), "kernel.log")
        with open(log_path, "wb") as log:
            km = KernelManager(kernel_name="gornn")
            km.start_kernel(stderr=log, stdout=log)
            kc = km.client()
            kc.start_channels()
            try:
                kc.wait_for_ready(timeout=TIMEOUT)
                # The restarter Jupyter's servers run, driven here without
                # their event loop: poll() sees a dead kernel, fires
                # "restart" and starts a new process.
                restarter = KernelRestarter(kernel_manager=km)
                restarted = []
                restarter.add_callback(lambda: restarted.append(time.monotonic()), "restart")
                start = time.monotonic()
                kc.execute(code)
                while not restarted and time.monotonic() - start < GUARD:
                    restarter.poll()
                    time.sleep(0.2)  # the restarter's own polling, at a finer period
                self.assertTrue(restarted, "the kernel was not seen dying within %d s" % GUARD)
                print("\n%s: restarter saw the kernel die %.1f s after the request"
                      % (name, restarted[0] - start), file=sys.stderr)
                # The restarter has started a new kernel: it answers.
                kc.stop_channels()
                kc = km.client()
                kc.start_channels()
                kc.wait_for_ready(timeout=TIMEOUT)
                reply, _ = run(kc, "1 + 1")
                self.assertEqual(reply["status"], "ok")
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=True)
        with open(log_path, errors="replace") as log:
            text = log.read()
        self.assertIn(want, text)
        self.assertIn("goroutine ", text)
        shutil.rmtree(os.path.dirname(log_path), ignore_errors=True)

    def test_runaway_recursion_is_an_error(self):
        # Recursion in functions of cells is stopped before the runtime's
        # limit: an error reply, and the kernel lives on.
        km = KernelManager(kernel_name="gornn")
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=TIMEOUT)
            start = time.monotonic()
            reply, _ = run(kc, "func rec(n int) int { return rec(n+1) + 1 }\nrec(0)")
            print("\nrunaway recursion: error reply after %.1f s" % (time.monotonic() - start), file=sys.stderr)
            self.assertEqual(reply["status"], "error")
            self.assertEqual(reply["ename"], "StackOverflow")
            reply, outputs = run(kc, "1 + 1")
            self.assertEqual(reply["status"], "ok")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def test_stack_overflow(self):
        self.crash("stack_overflow")

    def test_out_of_memory(self):
        self.crash("out_of_memory")

    def test_concurrent_map_writes(self):
        self.crash("concurrent_map_writes")


if __name__ == "__main__":
    tmp = setup_kernelspec()
    try:
        unittest.main()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
