"""A pylsl outlet that Frisson's integration tests read from.

Protocol on stdout, one line each, flushed at once:
  READY                               the outlet exists and can be resolved
  {"first_stamp": t}                  (paced) the first sample is about to be pushed
  {"t0": t, "n": n, "stamps": [...]}  (burst) every sample has been pushed, with these stamps
  {"t0": t, "n": n}                   (paced) every sample has been pushed

Values are deterministic (see value()); the Java tests compute the same ones in SampleValues.java.

Modes:
  burst  wait for a consumer, push --count samples with stamps t0 + i/rate (irregular streams:
         t0 + i*0.05, plus 0.013 s on every third sample), then stay up until stdin closes
         or --linger seconds pass, so the consumer can drain its queue.
  paced  wait for a consumer, then push one sample every 1/rate seconds of real time, stamped
         t0 + i/rate on the local LSL clock, until --count samples are out.
  idle   push nothing; stay up until stdin closes or --linger seconds pass.

The process always ends on its own: every wait is bounded.
"""

import argparse
import json
import select
import sys
import time

import numpy as np
import pylsl

FORMATS = {
    "float32": (pylsl.cf_float32, np.float32),
    "double64": (pylsl.cf_double64, np.float64),
    "int64": (pylsl.cf_int64, np.int64),
    "int32": (pylsl.cf_int32, np.int32),
    "int16": (pylsl.cf_int16, np.int16),
    "int8": (pylsl.cf_int8, np.int8),
    "string": (pylsl.cf_string, None),
}

# Markers cycle through these; an empty one stays empty, the others get " #<sample>" appended.
MARKERS = ["chill_on", "chill_off", "frisson \u2014 \u00a1s\u00ed! \u97f3\u697d", "",
           "score \U0001f3b5 \U0001d11e", 'comma, "quoted"', "two\nlines"]


def signed(u, bits):
    """The two's-complement value of the low `bits` bits of u."""
    u %= 1 << bits
    return u - (1 << bits) if u >= 1 << (bits - 1) else u


def value(fmt, i, c, channels):
    """Channel c of sample i. Every operation is exactly rounded, so Java gets the same bits."""
    k = i * channels + c
    n = (k * 7919) % 2000003 - 1000001
    if fmt == "float32":
        return np.float32(n) / np.float32(3)
    if fmt == "double64":
        if k % 3 == 0:
            return n / 3.0
        if k % 3 == 1:
            return n * 1e-300 / 7.0
        return n * 1e300 / 7.0
    if fmt == "int64":
        return signed(k * 0x9E3779B97F4A7C15, 64)
    if fmt == "int32":
        return signed(k * 0x9E3779B9, 32)
    if fmt == "int16":
        return (k * 7919) % 65536 - 32768
    if fmt == "int8":
        return (k * 37) % 256 - 128
    marker = MARKERS[i % len(MARKERS)]
    if marker:
        marker += " #" + str(i)
    return marker if c == 0 else marker + " /" + str(c)


def stamp(t0, i, rate):
    if rate > 0:
        return t0 + i / rate
    return t0 + i * 0.05 + (0.013 if i % 3 == 1 else 0.0)


def chunk(fmt, first, count, channels):
    rows = [[value(fmt, i, c, channels) for c in range(channels)] for i in range(first, first + count)]
    dtype = FORMATS[fmt][1]
    return rows if dtype is None else np.array(rows, dtype=dtype)


def say(line):
    print(line, flush=True)


def make_outlet(args):
    info = pylsl.StreamInfo(args.name, args.type, args.channels, args.rate, FORMATS[args.format][0],
                            args.source_id)
    described = json.loads(args.channel_desc) if args.channel_desc else []
    if described:
        if len(described) != args.channels:
            sys.exit("%d channel descriptions for %d channels" % (len(described), args.channels))
        channels = info.desc().append_child("channels")
        for d in described:
            ch = channels.append_child("channel")
            ch.append_child_value("label", d["label"])
            ch.append_child_value("unit", d["unit"])
            ch.append_child_value("type", d["type"])
    return pylsl.StreamOutlet(info)


def wait_for_stdin_eof(seconds):
    """Returns when the parent closes our stdin (it is done reading) or after `seconds`."""
    end = time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return
        readable, _, _ = select.select([sys.stdin], [], [], left)
        if readable and not sys.stdin.buffer.read1(4096):
            return


def burst(args, outlet):
    if not outlet.wait_for_consumers(args.wait_consumer):
        sys.exit("no consumer within %.1f s" % args.wait_consumer)
    t0 = pylsl.local_clock()
    stamps = [stamp(t0, i, args.rate) for i in range(args.count)]
    for first in range(0, args.count, args.chunk):
        n = min(args.chunk, args.count - first)
        outlet.push_chunk(chunk(args.format, first, n, args.channels), stamps[first:first + n])
    say(json.dumps({"t0": t0, "n": args.count, "stamps": stamps}))
    wait_for_stdin_eof(args.linger)


def paced(args, outlet):
    if not outlet.wait_for_consumers(args.wait_consumer):
        sys.exit("no consumer within %.1f s" % args.wait_consumer)
    t0 = pylsl.local_clock()
    say(json.dumps({"first_stamp": t0}))
    for i in range(args.count):
        t = t0 + i / args.rate
        delay = t - pylsl.local_clock()
        if delay > 0:
            time.sleep(delay)
        outlet.push_chunk(chunk(args.format, i, 1, args.channels), [t])
    say(json.dumps({"t0": t0, "n": args.count}))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--name", required=True)
    p.add_argument("--type", default="Test")
    p.add_argument("--source-id", required=True)
    p.add_argument("--format", choices=sorted(FORMATS), default="float32")
    p.add_argument("--channels", type=int, default=1)
    p.add_argument("--rate", type=float, default=0.0, help="Hz; 0 for an irregular stream")
    p.add_argument("--count", type=int, default=100, help="samples to push")
    p.add_argument("--channel-desc", default="",
                   help='JSON list of {"label", "unit", "type"}, one per channel (ASCII-escaped)')
    p.add_argument("--mode", choices=["burst", "paced", "idle"], default="burst")
    p.add_argument("--chunk", type=int, default=250, help="samples per push in burst mode")
    p.add_argument("--wait-consumer", type=float, default=30.0, help="seconds to wait for an inlet")
    p.add_argument("--linger", type=float, default=30.0,
                   help="seconds to stay up after a burst, or in idle mode, unless stdin closes first")
    args = p.parse_args()

    outlet = make_outlet(args)
    say("READY")
    if args.mode == "burst":
        burst(args, outlet)
    elif args.mode == "paced":
        paced(args, outlet)
    else:
        wait_for_stdin_eof(args.linger)


if __name__ == "__main__":
    main()
