"""``communique bench fuzz``: hostile input at volume, and what it must never do.

``build_fuzz_corpus(folder, n, seed)`` writes ``n`` files of a fixed-seed mix: good articles
(each with a unique id and text that must be stored exactly once) and hostile files of every
reader (random and truncated bytes, decompression bombs, WARC records with bad headers and
charsets, JSONL records that are deep, huge, mistyped or hold unpaired surrogates, text with
control characters, long lines and odd encodings, file names with control characters and bytes
that are not UTF-8). ``run_fuzz`` ingests the folder into a fresh store in this process and
checks the invariants: no exception escapes, every good document is stored once with its text,
every failure is printable and bounded, peak memory stays under a bound.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..options import Options
from ..records import MAX_REASON_CHARS, MAX_SOURCE_CHARS, Failure, printable
from .ingest import _maxrss_bytes


def peak_rss_bytes() -> int:
    """This process's peak resident memory: VmHWM on Linux (its own address space: a process
    started from a big one does not report the parent's peak, as ``ru_maxrss`` can), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return _maxrss_bytes()

GOOD_TEXT = ("President {a} met Prime Minister {b} in {city} on Monday, the foreign ministry said.\n\n"
             "\"We agreed to deepen trade and energy ties,\" {a} told reporters after the talks.\n")
NAMES = ("Alvaro Mendes", "Ines Kovac", "Tomas Reyes", "Amina Diallo", "Kenji Sato", "Leila Haddad", "Ole Berg")
CITIES = ("Lisbon", "Zagreb", "Quito", "Dakar", "Osaka", "Beirut", "Bergen")


@dataclass(slots=True)
class FuzzCorpus:
    folder: Path
    files: int = 0
    good: dict[str, str] = field(default_factory=dict)  # doc_id -> text that must be stored once
    kinds: dict[str, int] = field(default_factory=dict)  # generator -> files written


Gen = Callable[[random.Random, int], tuple[bytes, bytes]]  # -> (file name as bytes, content)


def _good_text(rng: random.Random, i: int) -> str:
    a, b = rng.sample(NAMES, 2)
    return GOOD_TEXT.format(a=a, b=b, city=rng.choice(CITIES)) + f"The talks were round {i} of the series.\n"


def _random_bytes(rng: random.Random, i: int) -> tuple[bytes, bytes]:
    ext = rng.choice([b".txt", b".html", b".jsonl", b".warc", b".warc.gz", b".ndjson", b".htm"])
    return b"random-%d" % i + ext, rng.randbytes(rng.choice([1, 7, 100, 4096, 70_000]))


def _jsonl_mutants(rng: random.Random, i: int) -> tuple[bytes, bytes]:
    depth = rng.choice([65, 1000, 50_000])
    big = "9" * rng.choice([101, 4301, 10_000])
    lines = [line.replace("#", str(i)) for line in (
        '{"id": "x#", "text": "a\\ud800b"}',
        '{"id": "x#", "title": "\\udfff", "text": "Alpha met Beta."}',
        '{"id": "x#", "n": ' + big + ', "text": "Alpha met Beta."}',
        "[" * depth + "]" * depth,
        '{"a": ' * depth + "1" + "}" * depth,
        '{"id": ["list"], "text": {"not": "text"}}',
        '{"id": null, "text": null, "html": 5}',
        '{"text": "' + "x" * rng.choice([10, 300_000]) + '"}',
        '{"id": "x#", "text": "unterminated',
        "\x00\x01\x02{}",
        '\ufeff{"id": "bom-#", "text": ""}',
        '{"id": "\x1b[31mred\x07", "text": "Alpha met Beta in Oslo on Monday."}',
        "1e999999",
        '"just a string"',
    )]
    rng.shuffle(lines)
    return b"mutants-%d.jsonl" % i, "\n".join(lines[: rng.randint(1, len(lines))]).encode("utf-8", "surrogatepass")


def _bomb(rng: random.Random, i: int) -> tuple[bytes, bytes]:
    head = rng.choice([b"WARC/1.0\r\nWARC-Type: response\r\nX: ", b"WARC/1.0\r\n", b"", b"<html><body><p>"])
    return b"bomb-%d.warc.gz" % i, gzip.compress(head + b"\0" * (rng.choice([9, 12]) << 20), compresslevel=9)


def _warc_mutants(rng: random.Random, i: int) -> tuple[bytes, bytes]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=rng.random() < 0.5)
    for k in range(rng.randint(1, 4)):
        charset = rng.choice(["utf-8", "undefined", "punycode", "base64", "rot13", "x-nonsense", "utf-16", ""])
        ctype = rng.choice(["text/html; charset=" + charset, "text/html", "application/octet-stream", "text/html\x00"])
        body = rng.choice([b"<html><body><p>President Alpha met Premier Beta.</p></body></html>", rng.randbytes(300),
                           b"<p>" * 5000, b""])
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"http://fuzz.example/{i}/{k}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    data = buf.getvalue()
    cut = rng.choice([len(data), len(data) - 1, len(data) // 2, 20])
    return b"warc-%d.warc" % i + (b".gz" if data[:2] == b"\x1f\x8b" else b""), data[:cut]


def _text_mutants(rng: random.Random, i: int) -> tuple[bytes, bytes]:
    base = _good_text(rng, i)
    choice = rng.randrange(6)
    if choice == 0:
        data = ("\x1b[2J\x07" + base).encode()
    elif choice == 1:
        data = ("word " * rng.choice([50_000, 100_000])).encode()
    elif choice == 2:
        data = base.encode("utf-16-le")
    elif choice == 3:
        data = base.encode("latin-1", "replace") + b"\xe9\xe8\xff"
    elif choice == 4:
        data = b"\xef\xbb\xbf\xff\xfe" + base.encode()
    else:
        data = b"%PDF-1.4\n" + rng.randbytes(500)
    return b"text-%d.txt" % i, data


def _html_mutants(rng: random.Random, i: int) -> tuple[bytes, bytes]:
    choice = rng.randrange(4)
    if choice == 0:
        data = b"<div>" * 20_000 + b"Alpha met Beta." + b"</div>" * 20_000
    elif choice == 1:
        data = b'<html><body><p title="' + b"a" * 200_000 + b'">Alpha met Beta.</p></body></html>'
    elif choice == 2:
        data = b"<html><head><meta charset=undefined></head><body><script>" + rng.randbytes(2000) + b"</script></body></html>"
    else:
        data = b"<!doctype html><html><body>" + b"<p>&#xd800;&#0;&#x110000;</p>" * 50 + b"</body></html>"
    return b"page-%d.html" % i, data


def _odd_names(rng: random.Random, i: int) -> tuple[bytes, bytes]:
    name = rng.choice([b"ctl-\x1b[31m-%d.txt", b"latin-\xe9\xff-%d.txt", b" spaced %d .txt", b"-dash-%d.txt",
                       b"long-" + b"n" * 200 + b"-%d.txt"]) % i
    return name, b"Alpha met Beta in Oslo on Monday.\n"


HOSTILE: dict[str, Gen] = {
    "random": _random_bytes, "jsonl": _jsonl_mutants, "bomb": _bomb, "warc": _warc_mutants,
    "text": _text_mutants, "html": _html_mutants, "names": _odd_names,
}
WEIGHTS = {"random": 6, "jsonl": 5, "bomb": 1, "warc": 4, "text": 5, "html": 3, "names": 2}


def build_fuzz_corpus(folder: Path, n: int, seed: int = 0, good_share: float = 0.3) -> FuzzCorpus:
    """``n`` files in ``folder``: good articles (share ``good_share``, as .txt and .jsonl) and hostile ones."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    corpus = FuzzCorpus(folder)
    names, weights = list(HOSTILE), [WEIGHTS[k] for k in HOSTILE]
    for i in range(n):
        if rng.random() < good_share:
            doc_id, text = f"good-{seed}-{i}", _good_text(rng, i)
            if rng.random() < 0.5:
                name, data = f"{doc_id}.txt".encode(), text.encode()
            else:
                name = f"good-{seed}-{i}.jsonl".encode()
                data = json.dumps({"id": doc_id, "text": text}).encode() + b"\n"
            corpus.good[doc_id] = text
            kind = "good"
        else:
            kind = rng.choices(names, weights)[0]
            name, data = HOSTILE[kind](rng, i)
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write(data)
        corpus.files += 1
        corpus.kinds[kind] = corpus.kinds.get(kind, 0) + 1
    return corpus


@dataclass(slots=True)
class FuzzReport:
    cases: int
    good: int
    stored_good: int  # good documents stored exactly once with their text
    stored: int  # documents stored in all
    failures: int
    problems: list[str]  # broken invariants: empty when all hold
    seconds: float
    peak_rss_bytes: int
    kinds: dict[str, int]

    def lines(self) -> list[str]:
        out = [f"fuzz: {self.cases} files ({', '.join(f'{k} {v}' for k, v in sorted(self.kinds.items()))})",
               f"  good documents stored once: {self.stored_good} of {self.good}; stored in all {self.stored}",
               f"  failures reported: {self.failures}; invariants broken: {len(self.problems)}",
               f"  {self.seconds:.1f} s, peak memory (RSS) {self.peak_rss_bytes / 1e6:.0f} MB"]
        out.extend(f"  problem: {p}" for p in self.problems[:20])
        return out

    def to_json(self) -> dict[str, Any]:
        return {"benchmark": "fuzz", "cases": self.cases, "good": self.good, "stored_good": self.stored_good,
                "stored": self.stored, "failures": self.failures, "problems": self.problems,
                "seconds": round(self.seconds, 2), "peak_rss_mb": round(self.peak_rss_bytes / 1e6, 1), "kinds": self.kinds}


def run_fuzz(n: int, seed: int = 0, folder: Path | None = None, opts: Options | None = None) -> FuzzReport:
    """Build the corpus (in a temp dir unless ``folder``), ingest it twice into a fresh store, check."""
    from ..store import Store
    from ..store.loader import ingest_into

    tmp = Path(tempfile.mkdtemp(prefix="cq-fuzz-"))
    try:
        corpus = build_fuzz_corpus(folder or tmp / "corpus", n, seed)
        opts = (opts or Options()).with_(db=f"sqlite:///{tmp / 'fuzz.db'}", progress="never")
        problems: list[str] = []
        failures: list[Failure] = []
        start = time.perf_counter()
        with Store.open(opts=opts) as store:
            for _ in range(2):  # the second run must store nothing new
                failures.clear()
                try:
                    ingest_into(store, [corpus.folder], opts, on_failure=failures.append)
                except Exception as exc:  # the invariant under test: nothing escapes
                    problems.append(f"ingest raised {type(exc).__name__}: {str(exc)[:200]}")
            seconds = time.perf_counter() - start
            docs = {d.doc_id: d.raw_text for d in store.iter_documents()}
            stored_failures = store.failures()
        stored_good = sum(1 for d, text in corpus.good.items() if docs.get(d) == text)
        problems += [f"good document {d} not stored with its text" for d in corpus.good if docs.get(d) != corpus.good[d]]
        for f in failures:
            text = f"{f.source}{f.reason}"
            if len(f.reason) > MAX_REASON_CHARS or len(f.source) > MAX_SOURCE_CHARS or printable(text, len(text)) != text:
                problems.append(f"failure text not printable or not bounded: {f.source[:80]!r}")
        if len(stored_failures) != len(set(stored_failures)):
            problems.append("a failure is recorded more than once")
        return FuzzReport(cases=corpus.files, good=len(corpus.good), stored_good=stored_good, stored=len(docs),
                          failures=len(failures), problems=problems, seconds=seconds,
                          peak_rss_bytes=peak_rss_bytes(), kinds=corpus.kinds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@click.command(name="fuzz")
@click.option("-n", "n", type=click.IntRange(min=1), default=1000, show_default=True, help="Files in the corpus.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the generated corpus.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def bench_fuzz_cmd(n: int, seed: int, as_json: bool) -> None:
    """Ingest N generated hostile files (and good ones among them) twice into a fresh store:
    prints cases, failures, broken invariants and peak memory; exit code 1 when an invariant broke."""
    report = run_fuzz(n, seed)
    click.echo(json.dumps(report.to_json()) if as_json else "\n".join(report.lines()))
    if report.problems:
        raise SystemExit(1)
