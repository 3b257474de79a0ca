"""Argument helpers shared by the command-line tools."""
import re
import sys

from .cohort import DataError


def subject_ids(spec, available):
    """'1,3,5-8' or 's01,s03' -> ids among `available` (e.g. ['s01', ...]); None -> all."""
    if not spec:
        return list(available)
    out = []
    for part in spec.split(","):
        part = part.strip()
        m = re.fullmatch(r"s?(\d+)(?:-s?(\d+))?", part)
        if not m:
            raise DataError(f"--subjects: cannot read '{part}' (expected e.g. 1,3,5-8 or s01,s03)")
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        for n in range(lo, hi + 1):
            sid = f"s{n:02d}"
            if sid not in available:
                raise DataError(f"--subjects: no subject {sid} (have {available[0]}..{available[-1]})")
            if sid not in out:
                out.append(sid)
    return out


def fail(tool, error):
    print(f"{tool}: {error}", file=sys.stderr)
    sys.exit(2)
