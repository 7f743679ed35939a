#!/usr/bin/python3
"""The kernel's reliability, seen through Debian's jupyter_client.

Run from the repository root:

    /usr/bin/python3 kernel/testdata/jupyter_client_reliability_test.py [-v]

It builds cmd/rnnkernel (or uses $RNNKERNEL). Each test asserts what a
notebook user relies on: redefined globals reach the functions of earlier
cells, runtime.Goexit and runaway recursion are errors of their cell,
an interrupt frees a cell stuck on a lock at once, the kernel's replies
carry its own session, and is_complete says how to indent.
"""

import os
import shutil
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jupyter_client_test import TIMEOUT, result_text, run, setup_kernelspec, shell_reply, start  # noqa: E402


def streams(outputs):
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")


class ReliabilityTest(unittest.TestCase):
    """One kernel for all: each test uses names of its own."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start()
        reply, _ = run(cls.kc, 'import "fmt"')
        assert reply["status"] == "ok", reply

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    def ok(self, code):
        """Runs code, which must succeed; returns its iopub messages."""
        reply, outputs = run(self.kc, code)
        self.assertEqual(reply["status"], "ok", "%s: %s" % (code, reply))
        return outputs

    # (a) Re-running or redefining globals.

    def test_redefined_variable_reaches_earlier_function(self):
        self.ok("relA := 1")
        self.ok("func readA() int { return relA }")
        self.ok("relA := 3")
        self.assertEqual(streams(self.ok("fmt.Println(relA, readA())")), "3 3\n")

    def test_rerun_map_declaration(self):
        self.ok("var relM = map[string]int{}")
        self.ok("func countM() int { return len(relM) }")
        self.assertEqual(result_text(self.ok('relM["x"] = 1\ncountM()')), "1")
        # The re-run makes a new, empty map, which the function sees too.
        self.ok("var relM = map[string]int{}")
        self.assertEqual(streams(self.ok("fmt.Println(len(relM), countM())")), "0 0\n")

    def test_result_type_change_names_the_functions_to_rerun(self):
        self.ok("func relVal() int { return 1 }")
        self.ok("func relUse() int { return relVal() + 1 }")
        self.assertEqual(result_text(self.ok("relUse()")), "2")
        reply, _ = run(self.kc, 'func relVal() string { return "one" }')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "StaleError")
        self.assertIn("relUse", reply["evalue"])
        # relUse says so rather than run its old body against the new relVal.
        reply, _ = run(self.kc, "relUse()")
        self.assertEqual(reply["status"], "error")
        self.assertIn("run its cell again", reply["evalue"])
        self.assertEqual(result_text(self.ok("relVal()")), "one")
        # Back to a result relUse compiles with: it gives the new value.
        self.ok("func relVal() int { return 41 }")
        self.assertEqual(result_text(self.ok("relUse()")), "42")

    def test_functions_of_two_cells_call_the_latest_of_each_other(self):
        self.ok("func relPing(n int) int { return n }")
        self.ok("func relPong(n int) int { return relPing(n + 1) }")
        self.ok("func relPing(n int) int { if n >= 10 { return n }; return relPong(n + 1) }")
        # relPong calling the first relPing would stop at 2.
        self.assertEqual(result_text(self.ok("relPing(0)")), "10")
        self.assertEqual(result_text(self.ok("relPong(0)")), "11")

    # (b) runtime.Goexit in a cell.

    def test_goexit_is_an_error(self):
        reply, outputs = run(self.kc, 'import "runtime"\nrelBefore := 1\nruntime.Goexit()\nrelBefore = 2')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Goexit")
        self.assertIn("runtime.Goexit", reply["evalue"])
        self.assertEqual([m["content"]["ename"] for m in outputs if m["msg_type"] == "error"], ["Goexit"])
        # The cell stopped at Goexit; the session goes on.
        self.assertEqual(result_text(self.ok("relBefore")), "1")

    # (c) Interrupting a cell that waits for what no one will release.

    def test_interrupt_frees_a_deadlocked_cell(self):
        self.ok('import "sync"\nrelKept := "kept"')
        cases = [
            ("sync.Mutex.Lock", "var relMu sync.Mutex\nrelMu.Lock()\nrelMu.Lock()"),
            ("sync.WaitGroup.Wait", "var relWG sync.WaitGroup\nrelWG.Add(1)\nrelWG.Wait()"),
        ]
        for wait, code in cases:
            with self.subTest(wait):
                msg_id = self.kc.execute(code)
                time.sleep(0.5)  # the cell is blocked by now
                started = time.monotonic()
                self.km.interrupt_kernel()
                reply = shell_reply(self.kc, msg_id)["content"]
                self.assertLess(time.monotonic() - started, 2)
                self.assertEqual(reply["status"], "error")
                self.assertEqual(reply["ename"], "Interrupted")
                self.assertIn(wait, reply["evalue"])
                # The next cell runs at once, with the session's state.
                started = time.monotonic()
                outputs = self.ok("relKept")
                self.assertLess(time.monotonic() - started, 1)
                self.assertEqual(result_text(outputs), "kept")

    # (e) is_complete.

    def test_incomplete_carries_indent(self):
        cases = [
            ("func f() {", "\t"),
            ("if x {\n\tfor {", "\t\t"),
            ("x := 1 +", ""),
        ]
        for code, indent in cases:
            with self.subTest(code):
                r = shell_reply(self.kc, self.kc.is_complete(code))["content"]
                self.assertEqual(r, {"status": "incomplete", "indent": indent})
        r = shell_reply(self.kc, self.kc.is_complete("x := 1"))["content"]
        self.assertEqual(r["status"], "complete")

    # (f) Runaway recursion through closures.

    def test_runaway_recursion_through_closures_keeps_the_session(self):
        session = self.kc.kernel_info(reply=True, timeout=TIMEOUT)["header"]["session"]
        self.ok("relState := 7")
        cases = [
            ("closure in a variable", ["var relF func(int) int\nrelF = func(n int) int { return relF(n+1) + 1 }\nrelF(0)"]),
            ("closures of two cells", ["var relCA, relCB func(int) int",
                                       "relCA = func(n int) int { return relCB(n + 1) }",
                                       "relCB = func(n int) int { return relCA(n + 1) }\nrelCA(0)"]),
        ]
        for name, cells in cases:
            with self.subTest(name):
                for code in cells[:-1]:
                    self.ok(code)
                reply, _ = run(self.kc, cells[-1])  # 64 MB of stack: a few seconds
                self.assertEqual(reply["status"], "error")
                self.assertEqual(reply["ename"], "StackOverflow")
                self.assertEqual(result_text(self.ok("relState")), "7")
        # The same process: the kernel was not restarted behind the client.
        self.assertTrue(self.km.is_alive())
        self.assertEqual(self.kc.kernel_info(reply=True, timeout=TIMEOUT)["header"]["session"], session)


class SessionTest(unittest.TestCase):
    # (d) The kernel's own session id.

    def test_replies_carry_the_kernels_session_new_after_restart(self):
        km, kc = start()
        try:
            sessions = []
            for restart in (False, True):
                if restart:
                    km.restart_kernel(now=False)
                    kc.wait_for_ready(timeout=TIMEOUT)
                info = kc.kernel_info(reply=True, timeout=TIMEOUT)
                msg_id = kc.execute("1 + 1")
                reply = shell_reply(kc, msg_id)
                own = info["header"]["session"]
                self.assertTrue(own)
                self.assertNotEqual(own, kc.session.session)
                # Every reply of one kernel carries the same session.
                self.assertEqual(reply["header"]["session"], own)
                sessions.append(own)
            self.assertNotEqual(sessions[0], sessions[1])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)


if __name__ == "__main__":
    tmp = setup_kernelspec()
    try:
        unittest.main()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
