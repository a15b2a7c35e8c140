#!/usr/bin/env python3
"""The real-page development corpus: save pages into the git-ignored cache, locate evidence
offsets, and check a (rebuilt) cache against the manifest and the gold.

Standard library only, so it runs before the project is installed.

    python3 scripts/realpages.py save ID --from RESULT.json --query Q --outlet O --kind K \
        --countries IND,NPL --categories pubdate_furniture,attendees
    python3 scripts/realpages.py locate ID "words in the page" [--nth N]
    python3 scripts/realpages.py check [--cache DIR] [--no-reserved]
    python3 scripts/realpages.py stats
    python3 scripts/realpages.py missing [--corpus events] [--part N/M]
    python3 scripts/realpages.py restore RESULT.json...

`missing` lists the pages whose cached text is absent (id, url and the manifest's query), for the
real-page corpus or the event corpus (eval/events); `--part 2/8` takes the second of eight
slices, so that several people can rebuild a cache at once. `restore` writes a search result back
into the cache of whichever corpus lists its url, only when its text has the manifest's sha256
(a result file may hold one result or one result per line).

RESULT.json holds one search result as the search tool returned it: {"url": ..., "excerpt": ...}
(the excerpt string copied with its JSON escapes, so the text is saved exactly as stored).
The corpus layout and the gold conventions are in eval/realpages/README.md.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "eval" / "realpages"
CACHE = CORPUS / ".cache"
GOLD = CORPUS / "gold"
MANIFEST = CORPUS / "manifest"
RESERVED = ROOT.parent / "shared" / "tools" / "reserved.py"

KINDS = ("wire", "state_media", "official", "national_paper", "local_paper", "broadcaster",
         "aggregator", "blog", "magazine")
CATEGORIES = {
    # where the publication date is printed
    "pubdate_header": "the stored copy's first line ' date YYYY-MM-DD' gives it",
    "pubdate_furniture": "a 'Published/Updated/Last modified/Posted' line in page furniture",
    "pubdate_bare_line": "a bare date line in the furniture",
    "pubdate_dateline": "a dateline opening the story ('ROME, 12 March 2021 (ANSA) -')",
    "pubdate_none": "the page does not fix its publication date",
    # meetings
    "single_meeting": "one meeting",
    "multiple_meetings": "several separate meetings on one page",
    "earlier_meeting": "an earlier meeting mentioned in passing",
    "joint_press_conference": "a joint press conference of the principals",
    "summit_sidelines": "a meeting on the sidelines of a summit",
    "venue": "a venue (palace, house, residence) rather than or besides a city",
    "phone_call": "a phone call (not a meeting)",
    "video_call": "a video call (not a meeting)",
    "planned_meeting": "a planned, expected or proposed meeting (not a meeting)",
    "cancelled_meeting": "a cancelled or postponed meeting (not a meeting)",
    "no_meeting": "the page reports no meeting at all",
    "attendees": "others present at a meeting",
    "delegation": "a delegation named",
    "airport_greeting": "officials who greet a visitor on arrival",
    # who
    "head_of_state": "a head of state", "head_of_government": "a head of government",
    "foreign_minister": "a foreign minister", "other_minister": "another minister",
    "monarch": "a monarch", "envoy": "an envoy or ambassador",
    "international_org": "a head of an international organisation",
    "unknown_person": "a person the knowledge base is unlikely to know",
    "title_only": "a person referred to only by title",
    # quotes
    "quotes": "direct quotes", "quote_fragment": "quoted fragments in reported speech",
    "quote_split": "a quote split around 'he said'",
    "quote_multi_paragraph": "a quote running into the next paragraph",
    "quote_line_breaks": "a quote running over hard line breaks",
    "quote_single_marks": "single quotation marks", "quote_mismatched_marks": "mixed or mismatched marks",
    "quote_glued_mark": "a closing mark glued to the next word",
    "quote_pronoun_speaker": "speaker given only by a pronoun",
    "quote_title_speaker": "speaker given only by a title ('the Chilean leader')",
    "quote_context_speaker": "speaker only from context (a paragraph that is only a quote)",
    "quote_organisation": "a ministry's, army's or office's statement quoted",
    "quote_unnamed_speaker": "an unnamed official quoted",
    "quote_in_headline": "a quote in the headline",
    "scare_quotes": "quoted words that are not speech",
    # page
    "byline": "a byline", "photo_caption": "a photo caption or credit",
    "furniture": "site furniture (menus, share buttons, related links)",
    "spun_copy": "a machine-rewritten copy", "spam": "injected spam",
}
PERSON_KEYS = {"name", "role", "country", "variants", "required"}
MEETING_KEYS = {"participants", "attendees", "date", "date_text", "location", "evidence", "required", "note"}
QUOTE_KEYS = {"speaker", "text", "kind", "required", "note"}


def cache_path(doc_id: str, cache: Path = CACHE) -> Path:
    return cache / f"{doc_id}.txt"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_manifest(corpus: Path = CORPUS) -> list[dict]:
    rows: list[dict] = []
    for part in sorted((corpus / "manifest").glob("*.jsonl")):
        for n, line in enumerate(part.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                row["_file"] = f"{part.name}:{n}"
                rows.append(row)
    return rows


def reserved(urls: list[str]) -> set[str]:
    """URLs the project keeps for its private evaluation (never to be used here)."""
    if not RESERVED.exists():
        raise SystemExit(f"error: {RESERVED}: the reserved-page list is needed and missing")
    out = subprocess.run([sys.executable, str(RESERVED)], input="\n".join(urls), text=True,
                         capture_output=True, check=False).stdout
    return {line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("reserved ")}


def cmd_save(a: argparse.Namespace) -> int:
    result = json.loads(Path(a.from_file).read_text(encoding="utf-8"))
    url, text = result["url"], result["excerpt"]
    if reserved([url]):
        print(f"error: {url}: reserved for the private evaluation; pick another page", file=sys.stderr)
        return 1
    if not re.fullmatch(r"[a-z]{2}\d{3}", a.id):
        print(f"error: {a.id}: ids are two letters and three digits (e.g. af001)", file=sys.stderr)
        return 1
    cats = [c for c in a.categories.split(",") if c]
    bad = [c for c in cats if c not in CATEGORIES]
    if bad:
        print(f"error: unknown categories {bad}; valid: {sorted(CATEGORIES)}", file=sys.stderr)
        return 1
    if a.kind not in KINDS:
        print(f"error: kind {a.kind!r}; valid: {KINDS}", file=sys.stderr)
        return 1
    others = [r for r in read_manifest() if r["id"] != a.id]
    if any(r["url"] == url for r in others):
        print(f"error: {url}: already in the corpus", file=sys.stderr)
        return 1
    CACHE.mkdir(parents=True, exist_ok=True)
    cache_path(a.id).write_text(text, encoding="utf-8", newline="")
    row = {"id": a.id, "url": url, "query": a.query, "outlet": a.outlet, "outlet_kind": a.kind,
           "countries": [c for c in a.countries.split(",") if c], "categories": cats,
           "chars": len(text), "sha256": sha256(text)}
    part = MANIFEST / f"{a.id[:2]}.jsonl"
    MANIFEST.mkdir(parents=True, exist_ok=True)
    rows = [json.loads(x) for x in part.read_text(encoding="utf-8").splitlines() if x.strip()] if part.exists() else []
    rows = [r for r in rows if r["id"] != a.id] + [row]
    rows.sort(key=lambda r: r["id"])
    part.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"saved {a.id}: {len(text)} chars -> {cache_path(a.id).relative_to(ROOT)}")
    return 0


def cmd_locate(a: argparse.Namespace) -> int:
    text = cache_path(a.id).read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(re.escape(a.text), text)]
    if not starts:
        print(f"not found in {a.id}: {a.text!r}", file=sys.stderr)
        return 1
    s = starts[a.nth]
    print(json.dumps({"start": s, "end": s + len(a.text)}), f"# {len(starts)} occurrence(s)")
    return 0


def gold_strings(g: dict) -> list[tuple[str, str]]:
    """(where, string) pairs of the gold that must occur verbatim in the cached text."""
    out: list[tuple[str, str]] = []
    for k in ("title", "publication_date_text"):
        if g.get(k):
            out.append((k, g[k]))
    out += [("boilerplate", b) for b in g.get("boilerplate", [])]
    out += [("spam_phrases", b) for b in g.get("spam_phrases", [])]
    for p in g.get("people", []):
        out += [(f"variant of {p['name']}", v) for v in p.get("variants", [])]
    for m in g.get("meetings", []):
        if m.get("date_text"):
            out.append(("meeting date_text", m["date_text"]))
    out += [("quote", q["text"]) for q in g.get("quotes", [])]
    out += [("not_quote", q) for q in g.get("not_quotes", [])]
    return out


def check_gold(doc_id: str, g: dict, text: str) -> list[str]:
    errs: list[str] = []
    if g.get("doc_id") != doc_id:
        errs.append(f"doc_id {g.get('doc_id')!r} is not the file's id")
    pd = g.get("publication_date")
    if pd is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", pd):
        errs.append(f"publication_date {pd!r} is not ISO")
    for where, s in gold_strings(g):
        if s not in text:
            errs.append(f"{where} not in the text: {s[:80]!r}")
    names = {p["name"] for p in g.get("people", [])}
    for p in g.get("people", []):
        if set(p) - PERSON_KEYS:
            errs.append(f"person {p['name']}: unknown keys {sorted(set(p) - PERSON_KEYS)}")
        if p.get("country") is not None and not re.fullmatch(r"[A-Z]{3}|[A-Z]{2}-[A-Z]+", p["country"]):
            errs.append(f"person {p['name']}: country {p['country']!r} is not ISO-3")
    for i, m in enumerate(g.get("meetings", [])):
        if set(m) - MEETING_KEYS:
            errs.append(f"meeting {i}: unknown keys {sorted(set(m) - MEETING_KEYS)}")
        for n in m.get("participants", []) + m.get("attendees", []):
            if n not in names:
                errs.append(f"meeting {i}: {n!r} is not among the gold people")
        if len(m.get("participants", [])) < 2:
            errs.append(f"meeting {i}: fewer than two participants")
        if m.get("date") is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", m["date"]):
            errs.append(f"meeting {i}: date {m['date']!r} is not ISO")
        if not isinstance(m.get("location"), list) or not m["location"]:
            errs.append(f"meeting {i}: location must be a non-empty list (null inside for 'not stated')")
        ev = m.get("evidence") or {}
        if not (isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int)
                and 0 <= ev["start"] < ev["end"] <= len(text)):
            errs.append(f"meeting {i}: evidence offsets {ev} out of the text")
    for q in g.get("quotes", []):
        if set(q) - QUOTE_KEYS:
            errs.append(f"quote {q['text'][:30]!r}: unknown keys {sorted(set(q) - QUOTE_KEYS)}")
        if q.get("kind") not in ("direct", "fragment"):
            errs.append(f"quote {q['text'][:30]!r}: kind {q.get('kind')!r}")
        if q.get("speaker") is not None and q["speaker"] not in names:
            errs.append(f"quote {q['text'][:30]!r}: speaker {q['speaker']!r} is not among the gold people")
    bad = [c for c in g.get("categories", []) if c not in CATEGORIES]
    if bad:
        errs.append(f"unknown categories {bad}")
    return errs


def cmd_check(a: argparse.Namespace) -> int:
    corpus = Path(a.corpus)
    gold_dir = corpus / "gold"
    cache = Path(a.cache) if a.cache else corpus / ".cache"
    rows = read_manifest(corpus)
    problems = 0

    def bad(where: str, why: str) -> None:
        nonlocal problems
        problems += 1
        print(f"error: {where}: {why}")

    ids = [r["id"] for r in rows]
    for d in sorted({i for i in ids if ids.count(i) > 1}):
        bad(d, "id listed twice in the manifest")
    urls = [r["url"] for r in rows]
    for u in sorted({u for u in urls if urls.count(u) > 1}):
        bad(u, "url listed twice in the manifest")
    if not a.no_reserved:
        for u in sorted(reserved(urls)):
            bad(u, "reserved for the private evaluation: remove the page")
    missing = 0
    for r in rows:
        p = cache_path(r["id"], cache)
        gp = gold_dir / f"{r['id']}.json"
        if not gp.exists():
            bad(r["_file"], f"{r['id']}: no gold file {gp}")
            continue
        if not p.exists():
            missing += 1
            continue
        text = p.read_text(encoding="utf-8")
        if sha256(text) != r["sha256"]:
            bad(str(p), f"differs from the page saved ({len(text)} chars, manifest {r['chars']}): re-save it from the search result")
            continue
        for e in check_gold(r["id"], json.loads(gp.read_text(encoding="utf-8")), text):
            bad(str(gp), e)
    for gp in sorted(gold_dir.glob("*.json")):
        if gp.stem not in ids:
            bad(str(gp), "gold without a manifest entry")
    print(f"{len(rows)} pages in the manifest; {len(rows) - missing} cached; {missing} missing from {cache}; "
          f"{problems} problem(s)")
    return 1 if problems else 0


EVENTS_CORPUS = ROOT / "eval" / "events"


def cached_rows(corpus: str) -> list[tuple[dict, Path]]:
    """(manifest row, cache file) of every page of one corpus: `realpages`, `events`, or the folder of either
    layout (manifest/*.jsonl, or manifest.jsonl)."""
    folder = CORPUS if corpus == "realpages" else EVENTS_CORPUS if corpus == "events" else Path(corpus)
    if (folder / "manifest.jsonl").is_file():
        rows = [json.loads(x) for x in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    else:
        rows = read_manifest(folder)
    return [(r, cache_path(r["id"], folder / ".cache")) for r in rows]


def cmd_missing(a: argparse.Namespace) -> int:
    todo = [(r, p) for r, p in cached_rows(a.corpus) if not p.exists()]
    k, m = (int(x) for x in a.part.split("/")) if a.part else (1, 1)
    queries = sorted({r["query"] for r, _ in todo})
    mine = set(queries[k - 1::m])
    for r, _ in todo:
        if r["query"] in mine:
            print(json.dumps({"id": r["id"], "url": r["url"], "query": r["query"]}, ensure_ascii=False))
    return 0


def read_results(path: Path) -> list[dict]:
    raw = path.read_text(encoding="utf-8")
    try:
        one = json.loads(raw)
        return one if isinstance(one, list) else [one]
    except json.JSONDecodeError:
        return [json.loads(x) for x in raw.splitlines() if x.strip()]


def cmd_restore(a: argparse.Namespace) -> int:
    by_url = {r["url"]: (r, p) for corpus in a.corpus or ("realpages", "events") for r, p in cached_rows(corpus)}
    failed = 0
    for f in a.files:
        for res in read_results(Path(f)):
            url, text = res.get("url"), res.get("excerpt", "")
            if url not in by_url:
                print(f"skip: {f}: {url}: not in either manifest")
                continue
            row, path = by_url[url]
            if sha256(text) != row["sha256"]:
                failed += 1
                print(f"error: {f}: {row['id']}: {len(text)} chars, sha256 differs from the manifest's "
                      f"({row['chars']} chars): copy the excerpt string exactly, escapes included")
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            print(f"restored {row['id']}: {len(text)} chars")
    return 1 if failed else 0


def cmd_stats(a: argparse.Namespace) -> int:
    rows = read_manifest()
    outlets = {r["outlet"] for r in rows}
    countries = {c for r in rows for c in r["countries"]}
    cats: dict[str, int] = {}
    for r in rows:
        for c in r["categories"]:
            cats[c] = cats.get(c, 0) + 1
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["outlet_kind"]] = kinds.get(r["outlet_kind"], 0) + 1
    reviewed = sum(1 for r in rows if (GOLD / f"{r['id']}.json").exists()
                   and json.loads((GOLD / f"{r['id']}.json").read_text(encoding="utf-8")).get("review", {}).get("status") == "checked")
    print(f"pages {len(rows)}  outlets {len(outlets)}  countries {len(countries)}  second-read {reviewed}")
    print("kinds:", json.dumps(kinds))
    print("countries:", " ".join(sorted(countries)))
    for c in sorted(CATEGORIES):
        print(f"  {c:26s} {cats.get(c, 0)}")
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
    s.add_argument("--countries", required=True, help="ISO-3 codes of the countries whose leaders appear")
    s.add_argument("--categories", default="")
    s.set_defaults(fn=cmd_save)
    lo = sub.add_parser("locate", help="offsets of a string in a cached page")
    lo.add_argument("id")
    lo.add_argument("text")
    lo.add_argument("--nth", type=int, default=0)
    lo.set_defaults(fn=cmd_locate)
    c = sub.add_parser("check", help="check the cache against the manifest and the gold")
    c.add_argument("--cache")
    c.add_argument("--no-reserved", action="store_true", help="skip the reserved-page check (only while building)")
    c.add_argument("--corpus", default=str(CORPUS), help="the corpus folder (default: eval/realpages)")
    c.set_defaults(fn=cmd_check)
    mi = sub.add_parser("missing", help="pages whose cached text is absent, with their queries")
    mi.add_argument("--corpus", default="realpages", help="realpages, events, or a corpus folder")
    mi.add_argument("--part", help="K/M: the K-th of M slices (by query)")
    mi.set_defaults(fn=cmd_missing)
    rs = sub.add_parser("restore", help="write search results back into the cache (sha256 checked)")
    rs.add_argument("files", nargs="+")
    rs.add_argument("--corpus", action="append", help="a corpus to restore into (repeatable; default: both)")
    rs.set_defaults(fn=cmd_restore)
    st = sub.add_parser("stats", help="pages, outlets, countries and categories")
    st.set_defaults(fn=cmd_stats)
    a = ap.parse_args(argv)
    return int(a.fn(a))


if __name__ == "__main__":
    sys.exit(main())
