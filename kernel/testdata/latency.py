#!/usr/bin/python3
"""Measure rnnkernel's latency as jupyter_client sees it.

    /usr/bin/python3 kernel/testdata/latency.py [--runs N] [--cells N]

Uses the installed gornn kernel spec (set JUPYTER_PATH for a --prefix
installation). Prints, per start, the time from launching the process to
the first kernel_info_reply, then the median round trip of a trivial cell
(execute_request to execute_reply and status idle).
"""

import argparse
import statistics
import time

import zmq
from jupyter_client.manager import KernelManager


def first_kernel_info(km):
    kc = km.client()
    # Reconnect quickly, so that the measure is not rounded up to libzmq's
    # default 100 ms reconnect interval when the kernel is still binding.
    kc.context.setsockopt(zmq.RECONNECT_IVL, 2)
    kc.start_channels()
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg_id:
            return kc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cells", type=int, default=200)
    args = ap.parse_args()

    starts = []
    for i in range(args.runs):
        km = KernelManager(kernel_name="gornn")
        # Ports and the connection file are prepared before the clock starts.
        km.write_connection_file()
        t0 = time.perf_counter()
        km.start_kernel()
        kc = first_kernel_info(km)
        starts.append(time.perf_counter() - t0)
        if i < args.runs - 1:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
    print("start to first kernel_info_reply: median %.1f ms, min %.1f ms (%d starts)" % (
        statistics.median(starts) * 1e3, min(starts) * 1e3, len(starts)))

    kc.wait_for_ready(timeout=30)
    kc.execute_interactive("1", timeout=30, output_hook=lambda m: None)  # warm up
    trips = []
    for _ in range(args.cells):
        t0 = time.perf_counter()
        msg_id = kc.execute("1")
        while True:
            m = kc.get_iopub_msg(timeout=30)
            if (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                    and m["content"]["execution_state"] == "idle"):
                break
        while kc.get_shell_msg(timeout=30)["parent_header"].get("msg_id") != msg_id:
            pass
        trips.append(time.perf_counter() - t0)
    print("trivial cell round trip: median %.2f ms, p90 %.2f ms (%d cells)" % (
        statistics.median(trips) * 1e3, sorted(trips)[int(len(trips) * 0.9)] * 1e3, len(trips)))
    kc.stop_channels()
    km.shutdown_kernel(now=False)


if __name__ == "__main__":
    main()
