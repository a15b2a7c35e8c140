#!/usr/bin/env python3
"""The cross-source event corpus: real pages that report the same meeting from several outlets,
with gold saying which pages share an event and which pages copy another page.

Standard library only, so it runs before the project is installed.

    python3 scripts/events_corpus.py save ID --from RESULT.json --query Q --outlet O --kind K \
        --event E [--copy-of ID --copy-kind reprint|rewrite]
    python3 scripts/events_corpus.py check [--cache DIR] [--no-reserved]
    python3 scripts/events_corpus.py stats

RESULT.json holds one search result as the search tool returned it: {"url": ..., "excerpt": ...}
(the excerpt string copied with its JSON escapes, so the text is saved exactly as stored).
The corpus layout and the gold conventions are in eval/events/README.md.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from realpages import KINDS, reserved, sha256  # the development corpus's script, beside this one

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "eval" / "events"
CACHE = CORPUS / ".cache"
MANIFEST = CORPUS / "manifest.jsonl"
EVENTS = CORPUS / "events.jsonl"
DEV_MANIFEST = ROOT / "eval" / "realpages" / "manifest"

COPY_KINDS = ("reprint", "rewrite")
PAGE_KEYS = ("id", "url", "query", "outlet", "outlet_kind", "event", "copy_of", "copy_kind",
             "chars", "sha256")
EVENT_KEYS = ("event", "participants", "date", "location", "note", "hard_negative_of")
MIN_PAGES = 3  # an event needs this many pages from this many outlets


def cache_path(doc_id: str, cache: Path = CACHE) -> Path:
    return cache / f"{doc_id}.txt"


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    rows: list[dict] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            row["_line"] = f"{path.name}:{n}"
            rows.append(row)
    return rows


def write_jsonl(path: Path, rows: list[dict], key: str) -> None:
    rows = sorted(({k: v for k, v in r.items() if not k.startswith("_")} for r in rows),
                  key=lambda r: r[key])
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def dev_urls() -> set[str]:
    """URLs of the real-page development corpus: this corpus must not reuse them."""
    return {json.loads(line)["url"] for part in sorted(DEV_MANIFEST.glob("*.jsonl"))
            for line in part.read_text(encoding="utf-8").splitlines() if line.strip()}


def cmd_save(a: argparse.Namespace) -> int:
    result = json.loads(Path(a.from_file).read_text(encoding="utf-8"))
    url, text = result["url"], result["excerpt"]
    if reserved([url]):
        print(f"error: {url}: reserved for the private evaluation; pick another page", file=sys.stderr)
        return 1
    if url in dev_urls():
        print(f"error: {url}: already in the development corpus (eval/realpages)", file=sys.stderr)
        return 1
    if not re.fullmatch(r"ev\d{3}", a.id):
        print(f"error: {a.id}: ids are 'ev' and three digits (e.g. ev001)", file=sys.stderr)
        return 1
    if not re.fullmatch(r"E\d{2,3}", a.event):
        print(f"error: {a.event}: events are 'E' and two digits (e.g. E01)", file=sys.stderr)
        return 1
    if (a.copy_of is None) != (a.copy_kind is None):
        print("error: --copy-of and --copy-kind go together", file=sys.stderr)
        return 1
    rows = read_jsonl(MANIFEST)
    others = [r for r in rows if r["id"] != a.id]
    if any(r["url"] == url for r in others):
        print(f"error: {url}: already in the corpus", file=sys.stderr)
        return 1
    if a.copy_of is not None:
        target = next((r for r in others if r["id"] == a.copy_of), None)
        if target is None:
            print(f"error: --copy-of {a.copy_of}: no such page in the manifest", file=sys.stderr)
            return 1
        if target["event"] != a.event:
            print(f"error: --copy-of {a.copy_of} belongs to {target['event']}, not {a.event}", file=sys.stderr)
            return 1
        if target.get("copy_of"):
            print(f"error: {a.copy_of} is itself a copy of {target['copy_of']}: point to the original",
                  file=sys.stderr)
            return 1
    CACHE.mkdir(parents=True, exist_ok=True)
    cache_path(a.id).write_text(text, encoding="utf-8", newline="")
    row = {"id": a.id, "url": url, "query": a.query, "outlet": a.outlet, "outlet_kind": a.kind,
           "event": a.event, "copy_of": a.copy_of, "copy_kind": a.copy_kind,
           "chars": len(text), "sha256": sha256(text)}
    write_jsonl(MANIFEST, others + [row], "id")
    print(f"saved {a.id} ({a.event}): {len(text)} chars -> {cache_path(a.id).relative_to(ROOT)}")
    return 0


def check_event(e: dict) -> list[str]:
    errs: list[str] = []
    missing = [k for k in EVENT_KEYS if k not in e]
    extra = sorted(set(e) - set(EVENT_KEYS) - {"_line"})
    if missing:
        errs.append(f"missing keys {missing}")
    if extra:
        errs.append(f"unknown keys {extra}")
    if not re.fullmatch(r"E\d{2,3}", str(e.get("event"))):
        errs.append(f"event id {e.get('event')!r}")
    parts = e.get("participants")
    if not isinstance(parts, list) or len(parts) < 2 or not all(isinstance(p, str) and p for p in parts):
        errs.append("participants must be a list of two or more names")
    d = e.get("date")
    if d is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(d)):
        errs.append(f"date {d!r} is not ISO")
    loc = e.get("location")
    if not isinstance(loc, list) or not loc:
        errs.append("location must be a non-empty list ([null] for 'not stated')")
    if not isinstance(e.get("note"), str) or not e.get("note"):
        errs.append("note is empty")
    return errs


def cmd_check(a: argparse.Namespace) -> int:
    cache = Path(a.cache) if a.cache else CACHE
    rows = read_jsonl(MANIFEST)
    events = read_jsonl(EVENTS)
    problems = 0
    warnings = 0

    def bad(where: str, why: str) -> None:
        nonlocal problems
        problems += 1
        print(f"error: {where}: {why}")

    def warn(where: str, why: str) -> None:
        nonlocal warnings
        warnings += 1
        print(f"below: {where}: {why}")

    ids = [r["id"] for r in rows]
    by_id = {r["id"]: r for r in rows}
    for d in sorted({i for i in ids if ids.count(i) > 1}):
        bad(d, "id listed twice in the manifest")
    urls = [r["url"] for r in rows]
    for u in sorted({u for u in urls if urls.count(u) > 1}):
        bad(u, "url listed twice in the manifest")
    if not a.no_reserved:
        for u in sorted(reserved(urls)):
            bad(u, "reserved for the private evaluation: remove the page")
    for u in sorted(set(urls) & dev_urls()):
        bad(u, "already in the development corpus (eval/realpages): remove the page")
    ev_ids = [e.get("event") for e in events]
    for d in sorted({i for i in ev_ids if ev_ids.count(i) > 1}):
        bad(d, "event listed twice in events.jsonl")
    ev_by_id = {e.get("event"): e for e in events}
    for e in events:
        for why in check_event(e):
            bad(e["_line"], why)
        h = e.get("hard_negative_of")
        if h is not None:
            if h not in ev_by_id:
                bad(e["_line"], f"hard_negative_of {h!r}: no such event")
            elif h == e.get("event"):
                bad(e["_line"], "hard_negative_of points to itself")

    missing = 0
    for r in rows:
        where = f"{r['_line']} {r['id']}"
        keys = [k for k in PAGE_KEYS if k not in r]
        if keys:
            bad(where, f"missing keys {keys}")
            continue
        if r["outlet_kind"] not in KINDS:
            bad(where, f"outlet_kind {r['outlet_kind']!r}; valid: {KINDS}")
        if r["event"] not in ev_by_id:
            bad(where, f"event {r['event']!r} is not in events.jsonl")
        if (r["copy_of"] is None) != (r["copy_kind"] is None):
            bad(where, "copy_of and copy_kind go together")
        if r["copy_kind"] is not None and r["copy_kind"] not in COPY_KINDS:
            bad(where, f"copy_kind {r['copy_kind']!r}; valid: {COPY_KINDS}")
        if r["copy_of"] is not None:
            t = by_id.get(r["copy_of"])
            if t is None:
                bad(where, f"copy_of {r['copy_of']!r}: no such page")
            elif t["event"] != r["event"]:
                bad(where, f"copy_of {t['id']} belongs to {t['event']}, not {r['event']}")
            elif t.get("copy_of") is not None:
                bad(where, f"copy_of {t['id']}, itself a copy of {t['copy_of']}: point to the original")
            elif t["id"] == r["id"]:
                bad(where, "copy_of points to itself")
        p = cache_path(r["id"], cache)
        if not p.exists():
            missing += 1
            continue
        text = p.read_text(encoding="utf-8")
        if sha256(text) != r["sha256"] or len(text) != r["chars"]:
            bad(str(p), f"differs from the page saved ({len(text)} chars, manifest {r['chars']}): "
                        "re-save it from the search result")
    for e in events:
        pages = [r for r in rows if r.get("event") == e.get("event")]
        outlets = {r["outlet"] for r in pages}
        if not pages:
            bad(e["_line"], f"{e.get('event')}: no page in the manifest")
        elif len(pages) < MIN_PAGES or len(outlets) < MIN_PAGES:
            warn(e["event"], f"{len(pages)} page(s) from {len(outlets)} outlet(s); "
                             f"wanted >= {MIN_PAGES} from >= {MIN_PAGES}")
    print(f"{len(rows)} pages, {len(events)} events in the manifest; {len(rows) - missing} cached; "
          f"{missing} missing from {cache}; {problems} problem(s); {warnings} event(s) below "
          f"{MIN_PAGES} pages/outlets")
    return 1 if problems else 0


def cmd_stats(a: argparse.Namespace) -> int:
    rows = read_jsonl(MANIFEST)
    events = read_jsonl(EVENTS)
    outlets = {r["outlet"] for r in rows}
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["outlet_kind"]] = kinds.get(r["outlet_kind"], 0) + 1
    copies = [r for r in rows if r["copy_of"]]
    copy_kinds = {k: sum(1 for r in copies if r["copy_kind"] == k) for k in COPY_KINDS}
    with_copies = sorted({r["event"] for r in copies})
    hard = [e for e in events if e.get("hard_negative_of")]
    pairs = 0
    for e in events:
        n = sum(1 for r in rows if r["event"] == e["event"])
        pairs += n * (n - 1) // 2
    print(f"pages {len(rows)}  events {len(events)}  outlets {len(outlets)}  "
          f"copies {len(copies)} ({', '.join(f'{k} {v}' for k, v in copy_kinds.items())})  "
          f"events with copies {len(with_copies)}  hard negatives {len(hard)}  same-event pairs {pairs}")
    print("kinds:", json.dumps(kinds))
    per = [sum(1 for r in rows if r["event"] == e["event"]) for e in events]
    if per:
        print(f"pages per event: min {min(per)}  max {max(per)}  mean {sum(per) / len(per):.1f}")
    print(f"  {'event':6s} {'pages':>5s} {'outlets':>7s} {'indep':>5s}  date        participants")
    for e in events:
        pages = [r for r in rows if r["event"] == e["event"]]
        indep = sum(1 for r in pages if not r["copy_of"])
        hn = f"  (hard negative of {e['hard_negative_of']})" if e.get("hard_negative_of") else ""
        print(f"  {e['event']:6s} {len(pages):5d} {len({r['outlet'] for r in pages}):7d} {indep:5d}  "
              f"{e.get('date') or '-':10s}  {', '.join(e['participants'])}{hn}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("save", help="save a search result into the cache and the manifest")
    s.add_argument("id")
    s.add_argument("--from", dest="from_file", required=True)
    s.add_argument("--query", required=True)
    s.add_argument("--outlet", required=True)
    s.add_argument("--kind", required=True, choices=KINDS)
    s.add_argument("--event", required=True)
    s.add_argument("--copy-of", dest="copy_of")
    s.add_argument("--copy-kind", dest="copy_kind", choices=COPY_KINDS)
    s.set_defaults(fn=cmd_save)
    c = sub.add_parser("check", help="check the cache and the gold against the manifest")
    c.add_argument("--cache")
    c.add_argument("--no-reserved", action="store_true", help="skip the reserved-page check (only while building)")
    c.set_defaults(fn=cmd_check)
    st = sub.add_parser("stats", help="pages, events, outlets, copies")
    st.set_defaults(fn=cmd_stats)
    a = ap.parse_args(argv)
    return int(a.fn(a))


if __name__ == "__main__":
    sys.exit(main())
