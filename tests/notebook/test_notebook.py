"""Runs notebooks/mnist_rnn.ipynb through nbclient on the installed gornn
kernelspec, in quick mode, and checks what a reader of the notebook sees."""

import os
import re
import unittest

import nbclient
import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOTEBOOK = os.path.join(ROOT, "notebooks", "mnist_rnn.ipynb")

TUTORIAL_LINES = [
    r"MNIST DATA READY",
    r"NETWORK READY",
    r"RNN READY",
    r"FUNCTION READY",
] + [
    line
    for epoch in range(1, 6)
    for line in (
        r"Epoch: %03d/005 cost: \d+\.\d{9}" % epoch,
        r" Training accuracy: \d\.\d{3}",
        r" Test accuracy: \d\.\d{3}",
    )
] + [r"FINISHED"]


def stream_text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o["output_type"] == "stream")


class NotebookTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.environ["GORNN_QUICK"] = "1"
        cls.nb = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(cls.nb, timeout=600, kernel_name="gornn",
                                         resources={"metadata": {"path": os.path.dirname(NOTEBOOK)}})
        client.execute()
        cls.code = [c for c in cls.nb.cells if c.cell_type == "code"]

    def test_no_errors(self):
        for i, cell in enumerate(self.code):
            for out in cell.outputs:
                self.assertNotEqual(out["output_type"], "error",
                                    "code cell %d failed: %s" % (i + 1, out.get("evalue")))

    def test_execution_counts_in_order(self):
        counts = [c.execution_count for c in self.code]
        self.assertEqual(counts, list(range(1, len(self.code) + 1)))

    def test_tutorial_lines_in_order(self):
        text = "".join(stream_text(c) for c in self.code)
        lines = text.splitlines()
        pos = 0
        for pattern in TUTORIAL_LINES:
            while pos < len(lines) and not re.fullmatch(pattern, lines[pos]):
                pos += 1
            self.assertLess(pos, len(lines), "line %r missing (or out of order) in:\n%s" % (pattern, text))
            pos += 1

    def test_plots_are_png(self):
        plot_cells = [c for c in self.code if re.search(r"rnn\.Plot\w+\(", c.source)]
        self.assertEqual(len(plot_cells), 4)
        for cell in plot_cells:
            pngs = [o for o in cell.outputs
                    if o["output_type"] in ("execute_result", "display_data") and "image/png" in o.get("data", {})]
            self.assertTrue(pngs, "no image/png output in cell:\n%s" % cell.source)
            self.assertGreater(len(pngs[0]["data"]["image/png"]), 1000)

    def test_progress_bar_finished(self):
        training = next(c for c in self.code if "NewProgress" in c.source)
        bars = [o for o in training.outputs if o["output_type"] == "display_data"]
        self.assertEqual(len(bars), 5, "one progress display per epoch")
        for bar in bars:
            self.assertIn("100%", bar["data"]["text/plain"])

    def test_restored_session_matches(self):
        cell = next(c for c in self.code if "Restore(" in c.source)
        m = re.search(r"trained session (\d\.\d+), restored session (\d\.\d+)", stream_text(cell))
        self.assertIsNotNone(m, stream_text(cell))
        self.assertEqual(m.group(1), m.group(2))

    def test_comparison_table(self):
        cell = self.code[-1]
        md = [o for o in cell.outputs if "text/markdown" in o.get("data", {})]
        self.assertTrue(md)
        self.assertEqual(md[0]["data"]["text/markdown"].count("\n| "), 5)


if __name__ == "__main__":
    unittest.main()
