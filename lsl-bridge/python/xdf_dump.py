"""Loads XDF files with pyxdf and prints what it returns as JSON, for the Java tests to compare against.

usage: xdf_dump.py [--sync] [--dejitter] FILE...

Prints one JSON array with an entry per file: {"file", "ok", "error", "header", "streams": [...]}; floats are
written in their shortest exact form (float32 values widened to float64 exactly), values sample-major.
A file pyxdf fails on gets "ok": false and pyxdf's error.
"""
import json
import logging
import sys

import numpy as np
import pyxdf


def labels(info):
    try:
        chans = info["desc"][0]["channels"][0]["channel"]
        return [c["label"][0] for c in chans]
    except (KeyError, IndexError, TypeError):
        return []


def flat(stream):
    ts = stream["time_series"]
    if stream["info"]["channel_format"][0] == "string":
        return [v for row in ts for v in row]
    arr = np.asarray(ts)
    if arr.dtype.kind in "iu":
        return [int(v) for v in arr.reshape(-1)]
    return [float(v) for v in arr.astype(np.float64).reshape(-1)]


def text(d, key):
    v = d.get(key) if d else None
    return v[0] if isinstance(v, list) and v and isinstance(v[0], str) else None


def dump(path, sync, dejitter):
    try:
        streams, header = pyxdf.load_xdf(path, synchronize_clocks=sync, dejitter_timestamps=dejitter)
    except Exception as e:  # the comparison needs to know pyxdf failed, not why it crashed
        return {"file": path, "ok": False, "error": f"{type(e).__name__}: {e}"}
    out = []
    for s in streams:
        info = s["info"]
        footer = s.get("footer", {}).get("info") if isinstance(s.get("footer"), dict) else None
        out.append({
            "id": int(info["stream_id"]),
            "name": info["name"][0],
            "type": info["type"][0] if info.get("type") else None,
            "format": info["channel_format"][0],
            "channels": int(info["channel_count"][0]),
            "srate": float(info["nominal_srate"][0]),
            "labels": labels(info),
            "stamps": [float(t) for t in np.asarray(s["time_stamps"], dtype=np.float64)],
            "values": flat(s),
            "clock_times": [float(t) for t in s["clock_times"]],
            "clock_values": [float(v) for v in s["clock_values"]],
            "segments": [list(x) for x in info["segments"]],
            "clock_segments": [list(x) for x in info["clock_segments"]],
            "effective_srate": float(info["effective_srate"]),
            "footer_sample_count": text(footer, "sample_count"),
            "footer_first_timestamp": text(footer, "first_timestamp"),
            "footer_last_timestamp": text(footer, "last_timestamp"),
        })
    return {"file": path, "ok": True, "header_version": text(header["info"], "version") if header else None,
            "header_datetime": text(header["info"], "datetime") if header else None, "streams": out}


def main(argv):
    logging.disable(logging.CRITICAL)
    sync = "--sync" in argv
    dejitter = "--dejitter" in argv
    files = [a for a in argv if not a.startswith("--")]
    json.dump([dump(f, sync, dejitter) for f in files], sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
