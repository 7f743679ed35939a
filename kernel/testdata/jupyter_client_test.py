#!/usr/bin/python3
"""Drive rnnkernel through Debian's jupyter_client, as Jupyter front ends do.

Run from the repository root:

    /usr/bin/python3 kernel/testdata/jupyter_client_test.py [-v]

It builds cmd/rnnkernel (or uses $RNNKERNEL), installs the kernel spec
under a temporary --prefix, and starts it with KernelManager.
"""

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import zmq
from jupyter_client.manager import KernelManager

TIMEOUT = 30


def setup_kernelspec():
    """Builds and installs the kernel in a temporary prefix; returns the dir."""
    tmp = tempfile.mkdtemp(prefix="gornn-jupyter-")
    binary = os.environ.get("RNNKERNEL")
    if not binary:
        binary = os.path.join(tmp, "rnnkernel")
        subprocess.run(["go", "build", "-o", binary, "./cmd/rnnkernel"], check=True)
    prefix = os.path.join(tmp, "prefix")
    subprocess.run([binary, "install", "--prefix", prefix], check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
    os.environ["XDG_DATA_HOME"] = os.path.join(tmp, "data")  # the kernel's history file
    return tmp


def start():
    km = KernelManager(kernel_name="gornn")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc


def run(kc, code, **kw):
    """Executes code; returns (reply content, iopub messages of the request)."""
    outputs = []
    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=outputs.append, **kw)
    return reply["content"], outputs


def shell_reply(kc, msg_id):
    """Waits for the shell reply to msg_id."""
    while True:
        msg = kc.get_shell_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def result_text(outputs):
    for m in outputs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]["text/plain"]
    return None


class KernelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start()

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    def test_kernel_info(self):
        info = self.kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]
        self.assertEqual(info["protocol_version"], "5.3")
        self.assertEqual(info["implementation"], "gornn")
        self.assertEqual(info["language_info"]["name"], "go")
        self.assertEqual(info["language_info"]["file_extension"], ".go")

    def test_execute_stream_and_result(self):
        reply, outputs = run(self.kc, 'import "fmt"\nfmt.Println("héllo")\n6 * 7')
        self.assertEqual(reply["status"], "ok")
        streams = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        self.assertEqual(streams, "héllo\n")
        self.assertEqual(result_text(outputs), "42")

    def test_error(self):
        reply, outputs = run(self.kc, "thisIsUndefined")
        self.assertEqual(reply["status"], "error")
        errors = [m for m in outputs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertTrue(errors[0]["content"]["traceback"])

    def test_runtime_error(self):
        # A panic in a function of an earlier cell names that cell (by its
        # execution count) and line, and the call in the cell that ran.
        reply, _ = run(self.kc, "func lookupRT(m map[string]int, k string) {\n\tn := len(m)\n\tm[k] = n\n}")
        declared = reply["execution_count"]
        reply, outputs = run(self.kc, 'var mRT map[string]int\nlookupRT(mRT, "a")')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Panic")
        self.assertEqual(reply["evalue"], "assignment to entry in nil map")
        errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0]["ename"], "Panic")
        self.assertEqual(errors[0]["evalue"], "assignment to entry in nil map")
        tb = errors[0]["traceback"]
        self.assertEqual(reply["traceback"], tb)
        self.assertEqual(tb[:3], ["panic: assignment to entry in nil map", "", "goroutine 1 [running]:"])
        self.assertEqual(tb[3:7], ["main.lookupRT(...)", "\tIn [%d]:3:2\tm[k] = n" % declared,
                                   "main.main()", '\tcell:2:1\tlookupRT(mRT, "a")'])

    def test_complete_inspect_is_complete(self):
        run(self.kc, 'import "strings"')
        code = 's := "é"; strings.ToUp'
        r = self.kc.complete(code, len(code), reply=True, timeout=TIMEOUT)["content"]
        self.assertIn("ToUpper", r["matches"])
        self.assertEqual(r["cursor_end"], len(code))  # Python counts code points too
        self.assertEqual(r["cursor_start"], len(code) - len("ToUp"))
        r = self.kc.inspect("strings.ToUpper", 10, reply=True, timeout=TIMEOUT)["content"]
        self.assertTrue(r["found"])
        self.assertIn("ToUpper", r["data"]["text/plain"])
        r = shell_reply(self.kc, self.kc.is_complete("func f() {"))["content"]
        self.assertEqual(r["status"], "incomplete")
        r = shell_reply(self.kc, self.kc.is_complete("x := 1"))["content"]
        self.assertEqual(r["status"], "complete")
        # An incomplete reply carries indent even when it is empty.
        r = shell_reply(self.kc, self.kc.is_complete("x := 1 +"))["content"]
        self.assertEqual(r, {"status": "incomplete", "indent": ""})

    def test_history(self):
        run(self.kc, "historyMarker := 1")
        r = self.kc.history(hist_access_type="tail", n=5, output=False, raw=True, reply=True, timeout=TIMEOUT)
        inputs = [entry[2] for entry in r["content"]["history"]]
        self.assertIn("historyMarker := 1", inputs)
        r = self.kc.history(hist_access_type="search", pattern="historyMarker*", output=False, raw=True,
                            reply=True, timeout=TIMEOUT)
        self.assertEqual([e[2] for e in r["content"]["history"]], ["historyMarker := 1"])

    def test_stdin(self):
        asked = []

        def stdin_hook(msg):
            asked.append(msg["content"]["prompt"])
            self.kc.input("typed text")

        outputs = []
        reply = self.kc.execute_interactive(
            'import "bufio"\nimport "os"\nline, _ := bufio.NewReader(os.Stdin).ReadString(\'\\n\')\nline',
            timeout=TIMEOUT, allow_stdin=True, stdin_hook=stdin_hook, output_hook=outputs.append)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(len(asked), 1)
        self.assertIn("typed text", result_text(outputs))

    def test_cell_top_level_is_a_function_body(self):
        # defer and recover, comma-ok, a global from an index, range over
        # a function, and stdin without input, at a cell's top level.
        code = (
            'import ("bufio"; "fmt"; "io"; "maps"; "os"; "slices")\n'
            'caught := ""\n'
            'defer func() { caught = fmt.Sprint(recover()) }()\n'
            'var m map[string]int\n'
            'm["x"] = 1\n')
        reply, _ = run(self.kc, code)
        self.assertEqual(reply["status"], "ok")
        code = (
            'v, ok := map[string]int{"k": 2}["k"]\n'
            'arg := os.Args[0]\n'
            'keys := ""\n'
            'for _, k := range slices.Sorted(maps.Keys(map[string]bool{"b": true, "a": true})) { keys += k }\n'
            '_, err := bufio.NewReader(os.Stdin).ReadString(\'\\n\')\n'
            'fmt.Sprintf("%v %v %v %v %s %v", caught != "", v, ok, arg != "", keys, err == io.EOF)')
        reply, outputs = run(self.kc, code, allow_stdin=False)
        self.assertEqual(reply["status"], "ok", reply)
        self.assertEqual(result_text(outputs), "true 2 true true ab true")

    def test_interrupt(self):
        run(self.kc, "keptValue := 5")
        msg_id = self.kc.execute('import "time"\ntime.Sleep(time.Minute)')
        time.sleep(0.5)
        started = time.time()
        self.km.interrupt_kernel()
        reply = shell_reply(self.kc, msg_id)
        self.assertLess(time.time() - started, 2)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        _, outputs = run(self.kc, "keptValue")
        self.assertEqual(result_text(outputs), "5")

    def test_replayed_request_runs_once(self):
        run(self.kc, "replays := 0")
        # A socket of its own: the client's channels run on another thread.
        sock = self.km.connect_shell()
        try:
            msg = self.km.session.msg("execute_request", {"code": "replays++", "silent": False})
            frames = self.km.session.serialize(msg)
            sock.send_multipart(frames)
            sock.send_multipart(frames)
            info = self.km.session.msg("kernel_info_request", {})
            sock.send_multipart(self.km.session.serialize(info))
            answered = []
            while not answered or answered[-1] != info["header"]["msg_id"]:
                self.assertTrue(sock.poll(TIMEOUT * 1000), "no reply")
                _, reply = self.km.session.feed_identities(sock.recv_multipart())
                answered.append(self.km.session.deserialize(reply)["parent_header"]["msg_id"])
            # The shell is served in order: a run of the replay would have
            # been answered before the kernel info.
            self.assertEqual(answered, [msg["header"]["msg_id"], info["header"]["msg_id"]])
        finally:
            sock.close()
        _, outputs = run(self.kc, "replays")
        self.assertEqual(result_text(outputs), "1")

    def test_stalled_subscriber_does_not_freeze_output(self):
        # A suspended `jupyter console --existing`: a SUB that takes one
        # message and then reads no more. Its own queue and receive buffer
        # are small, so that libzmq stops reading the socket for it soon.
        sub = zmq.Context.instance().socket(zmq.SUB)
        sub.setsockopt(zmq.RCVHWM, 1)
        sub.setsockopt(zmq.RCVBUF, 64 << 10)
        sub.setsockopt(zmq.SUBSCRIBE, b"")
        sub.connect("tcp://%s:%d" % (self.km.ip, self.km.iopub_port))
        try:
            while not sub.poll(200):  # its subscription is live once it gets something
                self.kc.kernel_info(reply=True, timeout=TIMEOUT)
            sub.recv_multipart()
            mib = 20
            started = time.time()
            reply, outputs = run(self.kc, 'import "fmt"\nimport "strings"\nline := strings.Repeat("x", 1023) + "\\n"\n'
                                 'for i := 0; i < %d*1024; i++ { fmt.Print(line) }' % mib)
            elapsed = time.time() - started
            self.assertEqual(reply["status"], "ok")
            text = sum(len(m["content"]["text"]) for m in outputs if m["msg_type"] == "stream")
            self.assertEqual(text, mib << 20)
            print("\n%d MiB past a stalled subscriber in %.2f s" % (mib, elapsed), file=sys.stderr)
        finally:
            sub.close(linger=0)


class RestartTest(unittest.TestCase):
    def test_restart_keeps_history_and_clears_state(self):
        km, kc = start()
        try:
            run(kc, "beforeRestart := 1")
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=TIMEOUT)
            reply, _ = run(kc, "beforeRestart")
            self.assertEqual(reply["status"], "error")  # a new process has no state
            r = kc.history(hist_access_type="range", session=-1, start=1, stop=0, raw=True, output=False,
                           reply=True, timeout=TIMEOUT)
            self.assertIn("beforeRestart := 1", [e[2] for e in r["content"]["history"]])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)


if __name__ == "__main__":
    tmp = setup_kernelspec()
    try:
        unittest.main()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
