"""pylsl side of Frisson's LSL throughput benchmark.

Resolves the benchmark outlet by source_id, pulls chunks into a preallocated numpy array (the fastest
way pylsl offers), checks that channel 0 counts 0, 1, 2, ... without holes, and prints one JSON line:
samples received, samples out of order, wall time first to last chunk, CPU time of this thread.
"""
import argparse
import json
import sys
import time

import numpy as np
import pylsl


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source-id", required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--chunk", type=int, default=4096)
    args = ap.parse_args()

    found = pylsl.resolve_byprop("source_id", args.source_id, 1, 10.0)
    if not found:
        print("NOT FOUND", flush=True)
        return 1
    inlet = pylsl.StreamInlet(found[0], max_buflen=10)
    inlet.open_stream(10.0)
    channels = found[0].channel_count()
    buf = np.empty((args.chunk, channels), dtype=np.float32)
    print("READY", flush=True)

    received = 0
    disorder = 0
    first = last = None
    cpu0 = time.thread_time()
    idle_since = time.monotonic()
    while received < args.count and time.monotonic() - idle_since < 3.0:
        _, stamps = inlet.pull_chunk(timeout=0.05, max_samples=args.chunk, dest_obj=buf)
        n = len(stamps)
        if n == 0:
            continue
        now = time.monotonic()
        idle_since = now
        if first is None:
            first = now
        last = now
        expected = np.arange(received, received + n, dtype=np.float32)
        disorder += int(np.count_nonzero(buf[:n, 0] != expected))
        received += n
    cpu = time.thread_time() - cpu0
    print(json.dumps({"received": received, "out_of_order": disorder,
                      "wall": (last - first) if first is not None else 0.0, "cpu": cpu}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
