#!/usr/bin/python3
"""Notebook commands and Go modules through Debian's jupyter_client.

Run from the repository root:

    /usr/bin/python3 kernel/testdata/jupyter_client_commands_test.py [-v]

It builds cmd/rnnkernel (or uses $RNNKERNEL). The modules a cell imports
come from a file-based GOPROXY written in a temporary directory, so the
test needs no network.
"""

import io
import json
import os
import shutil
import sys
import tempfile
import unittest
import zipfile

from jupyter_client.manager import KernelManager

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jupyter_client_test import TIMEOUT, result_text, run, setup_kernelspec  # noqa: E402

# Modules to publish: greet depends on words, a module of its own, and
# words has a later version that %get pins.
MODULES = [
    ("example.com/words", "v1.0.0", {
        "go.mod": "module example.com/words\n\ngo 1.21\n",
        "words.go": 'package words\n\n// Hello is a greeting.\nfunc Hello() string { return "hello" }\n',
    }),
    ("example.com/words", "v1.1.0", {
        "go.mod": "module example.com/words\n\ngo 1.21\n",
        "words.go": 'package words\n\n// Hello is a greeting.\nfunc Hello() string { return "hi" }\n',
    }),
    ("example.com/greet", "v0.1.0", {
        "go.mod": "module example.com/greet\n\ngo 1.21\n\nrequire example.com/words v1.0.0\n",
        "greet.go": 'package greet\n\nimport "example.com/words"\n\n'
                    '// To greets name.\nfunc To(name string) string { return words.Hello() + ", " + name }\n',
    }),
]


def publish(proxy, modules):
    """Writes modules as a GOPROXY directory: for each version its .info,
    .mod and .zip (files under "path@version/"), and each module's list."""
    versions = {}
    for path, version, files in modules:
        d = os.path.join(proxy, path, "@v")  # lower-case paths need no escaping
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, version + ".info"), "w") as f:
            json.dump({"Version": version, "Time": "2026-01-01T00:00:00Z"}, f)
        with open(os.path.join(d, version + ".mod"), "w") as f:
            f.write(files["go.mod"])
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name, text in sorted(files.items()):
                z.writestr("%s@%s/%s" % (path, version, name), text)
        with open(os.path.join(d, version + ".zip"), "wb") as f:
            f.write(buf.getvalue())
        versions.setdefault(d, []).append(version)
    for d, vs in versions.items():
        with open(os.path.join(d, "list"), "w") as f:
            f.write("\n".join(vs) + "\n")


def start(cwd):
    """Starts the kernel in cwd, the notebook's directory."""
    km = KernelManager(kernel_name="gornn")
    km.start_kernel(cwd=cwd)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc


def stream_text(outputs, name="stdout"):
    return "".join(m["content"]["text"] for m in outputs
                   if m["msg_type"] == "stream" and m["content"]["name"] == name)


def ok(test, code, kc):
    """Runs code, checks that it succeeded; returns its iopub messages."""
    reply, outputs = run(kc, code)
    test.assertEqual(reply["status"], "ok", "%s: %s" % (code, reply))
    return reply, outputs


class ModuleTest(unittest.TestCase):
    def test_module_in_a_live_session_and_after_a_restart(self):
        tmp = tempfile.mkdtemp(prefix="gornn-modules-")
        self.addCleanup(shutil.rmtree, tmp, True)
        proxy = os.path.join(tmp, "proxy")
        publish(proxy, MODULES)
        notebook = os.path.join(tmp, "notebook")
        os.mkdir(notebook)
        os.environ.update({
            "GOPROXY": "file://" + proxy,
            "GOSUMDB": "off",
            "GOMODCACHE": os.path.join(tmp, "modcache"),
            "GOFLAGS": "-mod=mod -modcacherw",
            "GOTOOLCHAIN": "local",
            # Interpreted: a compiled plugin's first build outlasts a
            # cell's TIMEOUT; kernel/modules and cmd/rnnrepl test plugins.
            "GORNN_MODULES": "interp",
        })
        km, kc = start(notebook)
        try:
            ok(self, "kept := 41", kc)
            ok(self, 'import "example.com/greet"', kc)
            _, outputs = ok(self, 'greet.To("gopher") + fmt.Sprint(" ", kept+1)', kc)
            self.assertEqual(result_text(outputs), "hello, gopher 42")
            with open(os.path.join(notebook, ".gornn", "go.mod")) as f:
                record = f.read()
            self.assertIn("example.com/greet v0.1.0", record)

            _, outputs = ok(self, "%get example.com/words@v1.1.0", kc)
            self.assertIn("example.com/words", stream_text(outputs))

            # Without the proxy, a restarted kernel of the same directory
            # loads the recorded versions from the module cache.
            shutil.rmtree(proxy)
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=TIMEOUT)
            reply, _ = run(kc, "kept")
            self.assertEqual(reply["status"], "error")  # a new process
            ok(self, 'import "example.com/greet"', kc)
            _, outputs = ok(self, 'greet.To("again")', kc)
            self.assertEqual(result_text(outputs), "hi, again")
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)


class CommandTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="gornn-commands-")
        os.mkdir(os.path.join(cls.tmp, "sub"))
        cls.km, cls.kc = start(cls.tmp)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_time(self):
        _, outputs = ok(self, "%time timed := 6 * 7", self.kc)
        self.assertRegex(stream_text(outputs), r"CPU time: .*, wall time: ")
        _, outputs = ok(self, "%%time\ncelled := timed + 1\ncelled", self.kc)
        self.assertRegex(stream_text(outputs), r"CPU time: .*, wall time: ")
        self.assertEqual(result_text(outputs), "43")

    def test_timeit(self):
        _, outputs = ok(self, '%timeit -n 25 _ = make([]byte, 64)', self.kc)
        self.assertRegex(stream_text(outputs), r"^25\t.* ns/op\t\d+ B/op\t\d+ allocs/op\n$")

    def test_doc_is_a_page_payload(self):
        reply, outputs = ok(self, 'import "strings"\nstrings.ToUpper?', self.kc)
        pages = [p for p in reply["payload"] if p["source"] == "page"]
        self.assertEqual(len(pages), 1, reply["payload"])
        self.assertIn("func ToUpper(s string) string", pages[0]["data"]["text/plain"])
        self.assertEqual(stream_text(outputs), "")  # in the pager, not in the cell's output

    def test_shell_output_is_streamed(self):
        _, outputs = ok(self, "!echo from-the-shell", self.kc)
        self.assertEqual(stream_text(outputs), "from-the-shell\n")

    def test_env(self):
        _, outputs = ok(self, "%env GORNN_COMMAND_TEST=set-by-env", self.kc)
        self.assertIn("GORNN_COMMAND_TEST=set-by-env", stream_text(outputs))
        _, outputs = ok(self, 'import "os"\nos.Getenv("GORNN_COMMAND_TEST")', self.kc)
        self.assertEqual(result_text(outputs), "set-by-env")
        _, outputs = ok(self, "!echo $GORNN_COMMAND_TEST", self.kc)
        self.assertEqual(stream_text(outputs), "set-by-env\n")

    def test_cd(self):
        ok(self, "%cd " + os.path.join(self.tmp, "sub"), self.kc)
        try:
            _, outputs = ok(self, 'import "os"\nwd, _ := os.Getwd()\nwd', self.kc)
            self.assertEqual(result_text(outputs), os.path.join(self.tmp, "sub"))
            _, outputs = ok(self, "!pwd", self.kc)
            self.assertEqual(stream_text(outputs), os.path.join(self.tmp, "sub") + "\n")
        finally:
            ok(self, "%cd " + self.tmp, self.kc)

    def test_who_and_reset(self):
        # A kernel of its own: %reset would take the other tests' names.
        km, kc = start(self.tmp)
        try:
            ok(self, 'counted := 3\nlabel := "x"', kc)
            _, outputs = ok(self, "%who", kc)
            who = stream_text(outputs)
            self.assertRegex(who, r"counted\s+var\s+int")
            self.assertRegex(who, r"label\s+var\s+string")
            ok(self, "%reset", kc)
            reply, _ = run(kc, "counted")
            self.assertEqual(reply["status"], "error")
            _, outputs = ok(self, "%who", kc)
            self.assertNotIn("counted", stream_text(outputs))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)

    def test_help(self):
        _, outputs = ok(self, "%help", self.kc)
        text = stream_text(outputs)
        for command in ("%time", "%%time", "%timeit", "NAME?", "!COMMAND", "%get", "%env", "%cd", "%who",
                        "%reset", "%help"):
            self.assertIn(command, text)

    def test_values_show_summaries(self):
        cells = [
            ("g := rnn.NewGraph()\ng", "Graph(0 nodes, 0 variables)"),
            ("rnn.GlorotUniform(28, 128)", "GlorotUniform(shape=[28,128])"),
            ("g.NewSession()", "Session(Graph(0 nodes, 0 variables))"),
            ("rnn.AdamOptimizer(0.001)", "AdamOptimizer(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08)"),
            ('import "sync"\n&sync.Mutex{}', "&sync.Mutex{…}"),
        ]
        for code, want in cells:
            _, outputs = ok(self, code, self.kc)
            self.assertEqual(result_text(outputs), want)

    def test_completion_hides_unexported_fields(self):
        ok(self, 'import "strings"\nbuilder := &strings.Builder{}', self.kc)
        code = "builder."
        r = self.kc.complete(code, len(code), reply=True, timeout=TIMEOUT)["content"]
        self.assertIn("WriteString", r["matches"])
        self.assertNotIn("buf", r["matches"])
        self.assertNotIn("addr", r["matches"])


if __name__ == "__main__":
    tmp = setup_kernelspec()
    try:
        unittest.main()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
