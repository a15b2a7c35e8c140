#!/usr/bin/env python3
"""The PLOVER gold standard's development half: save it into the git-ignored cache, and check it.

    python3 scripts/plover_gsr.py build PATH      # PATH: PLOVER_GSR_CAMEO.txt, or a clone of openeventdata/PLOVER
    python3 scripts/plover_gsr.py check           # the cache against eval/plover/source.json

``build`` checks the file's sha256 against ``eval/plover/source.json`` and writes only the records
whose id ends in an even number (the development half) to ``eval/plover/.cache/dev.jsonl``. The
odd-numbered records are the project's private measurement: they are never written, printed or
counted by type here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval" / "plover"
SOURCE = CORPUS / "source.json"
DEV = CORPUS / ".cache" / "dev.jsonl"


def is_development(record_id: str) -> bool:
    m = re.search(r"-(\d+)$", record_id)
    return m is not None and int(m.group(1)) % 2 == 0


def development_half(raw: str) -> list[dict]:
    """The even-numbered event records of the gold standard file (its DOCUMENT records dropped)."""
    return [r for r in json.loads(raw) if r.get("event") != "DOCUMENT" and is_development(str(r.get("id", "")))]


def cmd_build(a: argparse.Namespace) -> int:
    path = Path(a.path)
    if path.is_dir():
        path = path / json.loads(SOURCE.read_text(encoding="utf-8"))["path"]
    if not path.is_file():
        print(f"error: {path}: no such file (give PLOVER_GSR_CAMEO.txt or a clone of openeventdata/PLOVER)", file=sys.stderr)
        return 1
    data = path.read_bytes()
    want = json.loads(SOURCE.read_text(encoding="utf-8"))
    got = hashlib.sha256(data).hexdigest()
    if got != want["sha256"] and not a.any_version:
        print(f"error: {path}: sha256 {got} is not the version this corpus was read from ({want['sha256']}, "
              f"commit {want['commit']}); pass --any-version to use it anyway", file=sys.stderr)
        return 1
    records = development_half(data.decode("utf-8"))
    DEV.parent.mkdir(parents=True, exist_ok=True)
    DEV.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"saved {len(records)} development records -> {DEV.relative_to(ROOT)}")
    return 0


def cmd_check(a: argparse.Namespace) -> int:
    if not DEV.is_file():
        print(f"no cache at {DEV.relative_to(ROOT)}: run 'build' first", file=sys.stderr)
        return 1
    records = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x.strip()]
    odd = [r["id"] for r in records if not is_development(r["id"])]
    if odd:
        print(f"error: {len(odd)} record(s) of the private half in the cache: rebuild it", file=sys.stderr)
        return 1
    want = json.loads(SOURCE.read_text(encoding="utf-8"))["development_records"]
    if len(records) != want:
        print(f"error: {len(records)} development records, source.json says {want}", file=sys.stderr)
        return 1
    print(f"ok: {len(records)} development records")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="save the development half into the cache")
    b.add_argument("path")
    b.add_argument("--any-version", action="store_true", help="accept a file whose sha256 differs from source.json")
    b.set_defaults(fn=cmd_build)
    c = sub.add_parser("check", help="check the cache")
    c.set_defaults(fn=cmd_check)
    a = ap.parse_args(argv)
    return int(a.fn(a))


if __name__ == "__main__":
    sys.exit(main())
