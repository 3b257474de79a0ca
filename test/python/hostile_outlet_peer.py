"""pylsl outlets whose descriptions are hostile, for Frisson's hostile-input tests.

Usage: hostile_outlet_peer.py PREFIX
Opens one outlet per kind below (source_id PREFIX-<kind>), plus PREFIX-good: 4 float32 channels at 100 Hz.
Prints READY with a JSON list of the kinds that liblsl let it open (or the reason it refused), then pushes a
sample a second to every numeric outlet and 100 samples a second to the good one, until stdin closes or 120 s
pass. Every wait is bounded.
"""

import json
import select
import sys
import time

import pylsl

PREFIX = sys.argv[1]


def outlet(kind, name, channels, rate, fmt, desc=None, labels=None):
    info = pylsl.StreamInfo(name, "Hostile", channels, rate, fmt, PREFIX + "-" + kind)
    if desc:
        desc(info.desc())
    if labels:
        chans = info.desc().append_child("channels")
        for label in labels:
            chans.append_child("channel").append_child_value("label", label)
    return pylsl.StreamOutlet(info)


def deep(e):
    for _ in range(1000):
        e = e.append_child("a")


KINDS = {
    "big-desc": lambda: outlet("big-desc", "Big description", 1, 10, "float32",
                               desc=lambda d: d.append_child_value("blob", "x" * 10_000_000)),
    "huge-labels": lambda: outlet("huge-labels", "Huge labels", 4, 10, "float32",
                                  labels=["L%d" % i + "\u00e9" * 1_000_000 for i in range(4)]),
    "unicode": lambda: outlet("unicode", "\u0645\u0648\u0633\u064a\u0642\u0649 \U0001f3b5 e\u0301 \u200b\ufffd \u2028x",
                              2, 10, "float32", labels=["\u97f3\u697d", "\U0001d11e\u0300"]),
    "quotes": lambda: outlet("quotes", "q\"uo'te <&> \x01\x07\ttab\nline", 1, 10, "float32",
                             labels=["a\x02b\"'<>&"]),
    "wide": lambda: outlet("wide", "Wide", 100_000, 1, "float32"),
    "no-channels": lambda: outlet("no-channels", "No channels", 0, 10, "float32"),
    "nan-rate": lambda: outlet("nan-rate", "NaN rate", 1, float("nan"), "float32"),
    "fast": lambda: outlet("fast", "Fast", 1, 1e9, "float32"),
    "undefined": lambda: outlet("undefined", "Undefined format", 1, 10, 0),
    "deep": lambda: outlet("deep", "Deep", 1, 10, "float32", desc=deep),
    "many-strings": lambda: outlet("many-strings", "Many strings", 100, 0, "string"),
}


def main():
    opened = {}
    refused = {}
    for kind, make in KINDS.items():
        try:
            opened[kind] = make()
        except Exception as e:  # liblsl's refusal is part of what the test reports
            refused[kind] = str(e)
    good = pylsl.StreamOutlet(pylsl.StreamInfo("Good", "Hostile", 4, 100, "float32", PREFIX + "-good"))
    print("READY " + json.dumps({"opened": sorted(opened), "refused": refused}), flush=True)
    end = time.monotonic() + 120
    next_slow = 0.0
    i = 0
    while time.monotonic() < end:
        readable, _, _ = select.select([sys.stdin], [], [], 0.01)
        if readable and not sys.stdin.buffer.read1(4096):
            return
        good.push_sample([float(i)] * 4)
        i += 1
        now = time.monotonic()
        if now >= next_slow:
            next_slow = now + 1.0
            for kind, o in opened.items():
                n = o.channel_count
                if n <= 0 or kind == "undefined":
                    continue
                o.push_sample(["m%d" % i] * n if kind == "many-strings" else [float(i)] * n)


if __name__ == "__main__":
    main()
