"""A pylsl inlet that reads a stream published by Frisson and reports what arrived.

Protocol on stdout, one line each, flushed at once:
  READY     the stream is resolved and the inlet subscribed: whatever is pushed from now on arrives
  {...}     one JSON object: name, format, channel_count, nominal_srate, labels, units, types (from
            <desc><channels>), time_correction, stamps (with time_correction added), values (one
            list per sample), complete (whether --count samples arrived)

Every wait is bounded (--timeout), so the process always ends on its own; exit code 1 if the stream
was not found or not every sample arrived.
"""

import argparse
import json
import sys
import time

import pylsl

FORMAT_NAMES = {pylsl.cf_float32: "float32", pylsl.cf_double64: "double64", pylsl.cf_string: "string",
                pylsl.cf_int32: "int32", pylsl.cf_int16: "int16", pylsl.cf_int8: "int8",
                pylsl.cf_int64: "int64"}


def say(line):
    print(line, flush=True)


def channel_descriptions(info):
    """(labels, units, types) read by walking <desc><channels><channel>."""
    labels, units, types = [], [], []
    ch = info.desc().child("channels").child("channel")
    while not ch.empty():
        labels.append(ch.child_value("label"))
        units.append(ch.child_value("unit"))
        types.append(ch.child_value("type"))
        ch = ch.next_sibling("channel")
    return labels, units, types


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source-id", required=True)
    p.add_argument("--count", type=int, required=True, help="samples to read")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds for each of resolve, subscribe, read")
    args = p.parse_args()

    found = pylsl.resolve_byprop("source_id", args.source_id, 1, args.timeout)
    if not found:
        sys.exit("no stream with source_id '%s' within %.1f s" % (args.source_id, args.timeout))
    inlet = pylsl.StreamInlet(found[0])
    # Fetch the full description first, with a bound: liblsl's pull_chunk fetches it without one
    # on the first pull, and would then block for good should the outlet be gone by that time.
    # The first clock offset estimate takes a moment too; get it now rather than after reading.
    info = inlet.info(args.timeout)
    inlet.time_correction(args.timeout)
    inlet.open_stream(args.timeout)
    say("READY")

    values, stamps = [], []
    end = time.monotonic() + args.timeout
    while len(stamps) < args.count and time.monotonic() < end:
        chunk, ts = inlet.pull_chunk(timeout=0.2, max_samples=args.count - len(stamps), min_samples=1)
        values.extend(chunk)
        stamps.extend(ts)

    correction = inlet.time_correction(args.timeout)
    labels, units, types = channel_descriptions(info)
    say(json.dumps({
        "name": info.name(),
        "format": FORMAT_NAMES[info.channel_format()],
        "channel_count": info.channel_count(),
        "nominal_srate": info.nominal_srate(),
        "labels": labels,
        "units": units,
        "types": types,
        "time_correction": correction,
        "stamps": [t + correction for t in stamps],
        "values": values,
        "complete": len(stamps) == args.count,
    }))
    sys.exit(0 if len(stamps) == args.count else 1)


if __name__ == "__main__":
    main()
