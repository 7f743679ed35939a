#!/usr/bin/python3
"""Go as people type it, seen through Debian's jupyter_client.

Run from the repository root:

    /usr/bin/python3 kernel/testdata/jupyter_client_golike_test.py [-v]

It builds cmd/rnnkernel (or uses $RNNKERNEL). Each test is a first step
off the tutorial's path: compile errors in Go's words at the cell's line,
runtime errors at the failing statement with Go's texts, packages used
without an import, generics and the generic standard library, the
statements of a function body at a cell's top level, and runaway
recursion that leaves the session as it was.
"""

import os
import shutil
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jupyter_client_test import result_text, run, setup_kernelspec, start  # noqa: E402


def streams(outputs, name="stdout"):
    return "".join(m["content"]["text"] for m in outputs
                   if m["msg_type"] == "stream" and m["content"]["name"] == name)


def errors(outputs):
    return [m["content"] for m in outputs if m["msg_type"] == "error"]


class GoLikeTest(unittest.TestCase):
    """One kernel for all: each test uses names of its own."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start()

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    def ok(self, code, **kw):
        """Runs code, which must succeed; returns its iopub messages."""
        reply, outputs = run(self.kc, code, **kw)
        self.assertEqual(reply["status"], "ok", "%s: %s" % (code, reply))
        self.assertNotIn("nil type", streams(outputs, "stderr"))
        return outputs

    def fails(self, code, ename, evalue):
        """Runs code, which must fail with ename and evalue; returns the
        error's traceback."""
        reply, outputs = run(self.kc, code)
        self.assertEqual(reply["status"], "error", code)
        self.assertEqual((reply["ename"], reply["evalue"]), (ename, evalue))
        errs = errors(outputs)
        self.assertEqual(len(errs), 1, errs)
        self.assertNotIn("nil type", streams(outputs, "stderr"))
        tb = errs[0]["traceback"]
        self.assertFalse([line for line in tb if "_.go" in line or "yaegi" in line], tb)
        return tb

    # 1. Go's errors, Go's words, at the cell's line.

    def test_packages_without_imports(self):
        out = self.ok('sessA := rnn.NewSession()\nt0A := time.Now()\n'
                      'fmt.Println(sessA != nil, time.Since(t0A) < time.Hour, strings.ToUpper("ok"))')
        self.assertEqual(streams(out), "true true OK\n")

    def test_undefined_at_its_line(self):
        tb = self.fails("xB := 1\nyB := xB + nopeB", "CompileError", "undefined: nopeB")
        self.assertEqual(tb, ["cell:2:12: undefined: nopeB", "    yB := xB + nopeB", "               ^"])

    def test_two_results_as_one_value(self):
        tb = self.fails('nC := strconv.Atoi("42")', "CompileError",
                        "assignment mismatch: 1 variable but strconv.Atoi returns 2 values")
        self.assertEqual(tb[0], "cell:1:7: assignment mismatch: 1 variable but strconv.Atoi returns 2 values")

    def test_missing_method_in_a_chain(self):
        self.fails("xD := rnn.Placeholder(rnn.Float32, rnn.None, 28, 28)\n"
                   "yD := xD.Reshape(5, 28, 28).Transpose(0, 2, 1)", "CompileError",
                   "xD.Reshape undefined (type *rnn.Node has no field or method Reshape)")

    def test_ambiguous_package_lists_the_candidates(self):
        self.fails("fE := rand.Float64()", "CompileError",
                   'undefined: rand (2 packages are named rand: import one of "math/rand", "math/rand/v2")')

    # 2. Runtime errors at the failing statement, with Go's texts.

    def test_panic_on_the_fourth_line(self):
        tb = self.fails('var mF map[string]int\nnF := 3\nfmt.Println(nF)\nmF["x"] = nF',
                        "Panic", "assignment to entry in nil map")
        self.assertEqual(tb[:5], ["panic: assignment to entry in nil map", "", "goroutine 1 [running]:",
                                  "main.main()", '\tcell:4:1\tmF["x"] = nF'])

    def test_index_out_of_range(self):
        tb = self.fails("xsG := []int{1, 2, 3}\niG := 5\nvG := xsG[iG]", "Panic",
                        "runtime error: index out of range [5] with length 3")
        self.assertIn("\tcell:3:7\tvG := xsG[iG]", tb)

    # 4. Generics and the generic standard library.

    def test_generics(self):
        self.ok("func MapH[T, U any](xs []T, f func(T) U) []U {\n"
                "\tvar out []U\n\tfor _, x := range xs {\n\t\tout = append(out, f(x))\n\t}\n\treturn out\n}")
        out = self.ok('xsH := []int{3, 1, 2}\nslices.Sort(xsH)\n'
                      'fmt.Println(xsH, MapH(xsH, func(i int) string { return strconv.Itoa(i * 10) }), min(4, 2), max(1.5, 3))')
        self.assertEqual(streams(out), "[1 2 3] [10 20 30] 2 3\n")

    def test_custom_error_types(self):
        self.ok("type HTTPErrorL struct {\n\tCode int\n\tErr  error\n}\n\n"
                "func (e HTTPErrorL) Error() string { return fmt.Sprintf(\"http %d: %v\", e.Code, e.Err) }\n"
                "func (e HTTPErrorL) Unwrap() error { return e.Err }\n"
                "func handleL() error { return HTTPErrorL{404, os.ErrNotExist} }")
        out = self.ok('errL := fmt.Errorf("serve: %w", handleL())\nvar heL HTTPErrorL\n'
                      'fmt.Println(errors.As(errL, &heL), heL.Code, errors.Is(errL, os.ErrNotExist))\n'
                      'switch e := handleL().(type) {\ncase HTTPErrorL:\n\tfmt.Printf("%T %d\\n", e, e.Code)\n}')
        self.assertEqual(streams(out), "true 404 true\nmain.HTTPErrorL 404\n")

    # 6. A cell's top level is a function body.

    def test_log_and_errors_at_the_top_level(self):
        out = self.ok('lI := log.New(os.Stdout, "", 0)\nlI.SetPrefix("app: ")\nlI.Println("ready")\n'
                      'errI := fmt.Errorf("wrap: %w", &fs.PathError{Op: "open", Path: "p", Err: fs.ErrNotExist})\n'
                      'peI, okI := errors.AsType[*fs.PathError](errI)\nfmt.Println(peI.Path, okI)')
        self.assertEqual(streams(out), "app: ready\np true\n")

    def test_log_fatal_is_an_error_of_its_cell(self):
        tb = self.fails('lJ := log.New(os.Stdout, "", 0)\nlJ.Fatalf("bad %d", 3)', "Panic", "os.Exit(1)")
        self.assertIn('\tcell:2:1\tlJ.Fatalf("bad %d", 3)', tb)
        self.assertEqual(result_text(self.ok("lJ.Prefix() == \"\"")), "true")

    # 5. A cell cannot kill the kernel by accident.

    def test_runaway_recursion_names_its_line(self):
        self.ok("keptK := 42\nfunc recK(n int) int {\n\treturn recK(n+1) + 1\n}")
        reply, outputs = run(self.kc, "yK := 1\nrecK(yK)")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "StackOverflow")
        tb = errors(outputs)[0]["traceback"]
        self.assertIn("main.recK(...)", tb)
        self.assertIn("\tcell:2:1\trecK(yK)", tb)
        self.assertTrue([line for line in tb if "frames elided" in line], tb)
        self.assertEqual(result_text(self.ok("keptK")), "42")


if __name__ == "__main__":
    tmp = setup_kernelspec()
    try:
        unittest.main()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
