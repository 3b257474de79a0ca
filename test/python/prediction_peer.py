"""A pylsl inlet that waits for finite values on named channels of a stream Frisson publishes.

    prediction_peer.py --name frisson.chills --channel chill_probability [--channel ...] --timeout 120

Protocol on stdout, one line each, flushed at once:
  READY     the stream is resolved and the inlet subscribed
  {...}     one JSON object: name, labels, units (each label's <unit> in <desc>), provenance (every
            <desc><provenance><model> as a dict of its children), first_finite (per requested channel: the first finite value and its stamp, or null),
            samples (how many arrived)

Reading stops once every requested channel had a finite value, or after --timeout seconds of reading.
Every wait is bounded, so the process always ends on its own; exit code 1 if the stream was not found.
"""

import argparse
import json
import math
import sys
import time

import pylsl


def say(line):
    print(line, flush=True)


def channels_of(info):
    """(label, unit) of every <desc><channels><channel>, in order."""
    channels = []
    ch = info.desc().child("channels").child("channel")
    while not ch.empty():
        channels.append((ch.child_value("label"), ch.child_value("unit")))
        ch = ch.next_sibling("channel")
    return channels


def provenance_of(info):
    """Every <provenance><model> below <desc>, each as {child name: text}."""
    out = []
    model = info.desc().child("provenance").child("model")
    while not model.empty():
        fields = {}
        field = model.first_child()
        while not field.empty():
            fields[field.name()] = field.child_value()
            field = field.next_sibling()
        out.append(fields)
        model = model.next_sibling("model")
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--name", required=True)
    p.add_argument("--channel", action="append", required=True, help="a channel label to wait for")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds to resolve, and then to read")
    args = p.parse_args()

    found = pylsl.resolve_byprop("name", args.name, 1, args.timeout)
    if not found:
        sys.exit("no stream named '%s' within %.1f s" % (args.name, args.timeout))
    inlet = pylsl.StreamInlet(found[0])
    info = inlet.info(args.timeout)
    channels = channels_of(info)
    labels = [label for label, _ in channels]
    missing = [c for c in args.channel if c not in labels]
    if missing:
        sys.exit("stream '%s' has no channel(s) %s; it has %s" % (args.name, missing, labels))
    inlet.open_stream(args.timeout)
    say("READY")

    index = {c: labels.index(c) for c in args.channel}
    first = {c: None for c in args.channel}
    samples = 0
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline and any(v is None for v in first.values()):
        chunk, stamps = inlet.pull_chunk(timeout=0.5)
        for values, stamp in zip(chunk, stamps):
            samples += 1
            for c, i in index.items():
                if first[c] is None and math.isfinite(values[i]):
                    first[c] = {"value": values[i], "stamp": stamp}
    say(json.dumps({"name": args.name, "labels": labels, "units": dict(channels),
                    "provenance": provenance_of(info),
                    "first_finite": first, "samples": samples}))


if __name__ == "__main__":
    main()
