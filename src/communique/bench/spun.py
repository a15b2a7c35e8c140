"""``communique bench spun``: false spun flags on clean pages, and recall on spun copies of them.

A spun flag marks every quote of a report as not the speaker's words, so a false flag silently
discredits a real report. The clean set is every page of the real-page corpora whose cache is
present (``eval/realpages``, ``eval/events``; pages the gold marks spun are left out) and the
project's own test articles of every style (wire, state media, readouts, analysis, opinion,
transcripts: ``tests/corpus``, ``tests/kinds``, ``tests/identity``). Each clean page is then
spun at several rates with ``communique.spin`` (seeded) and scored again for recall.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..options import Options

RATES = (0.15, 0.3, 0.5)
CORPORA = ("eval/realpages", "eval/events")
LONG_WORDS = 100
OWN = ("tests/corpus/articles", "tests/kinds/articles", "tests/identity/articles", "tests/styles/articles")


@dataclass
class SpunReport:
    clean: int = 0
    by_set: dict[str, int] = field(default_factory=dict)
    false_flags: list[dict[str, Any]] = field(default_factory=list)
    recall: dict[float, tuple[int, int]] = field(default_factory=dict)  # rate -> (flagged, spun pages)
    # the same over pages of at least LONG_WORDS words: a spun copy of a three-paragraph note often
    # carries too few rewritten words for any detector, so the two figures are kept apart
    recall_long: dict[float, tuple[int, int]] = field(default_factory=dict)
    lowest_clean_score: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return {"benchmark": "spun", "clean_pages": self.clean, "sets": self.by_set,
                "false_flags": self.false_flags, "false_flag_rate": round(len(self.false_flags) / self.clean, 4) if self.clean else 0.0,
                "lowest_clean_score": round(self.lowest_clean_score, 3),
                "recall": {str(r): round(a / b, 3) if b else 0.0 for r, (a, b) in self.recall.items()},
                f"recall_{LONG_WORDS}_words": {str(r): round(a / b, 3) if b else 0.0 for r, (a, b) in self.recall_long.items()}}

    def lines(self) -> list[str]:
        out = [f"spun flags: {self.clean} clean pages ({', '.join(f'{k} {v}' for k, v in self.by_set.items())})",
               f"  false flags: {len(self.false_flags)} (lowest clean score {self.lowest_clean_score:.3f})"]
        out += [f"    {f['page']}: score {f['score']} ({'; '.join(f['reasons'])})" for f in self.false_flags]
        out += [f"  recall on spun copies at rate {r}: {a}/{b} = {a / b:.3f}" for r, (a, b) in self.recall.items() if b]
        out += [f"  recall on spun copies of pages of {LONG_WORDS}+ words at rate {r}: {a}/{b} = {a / b:.3f}"
                for r, (a, b) in self.recall_long.items() if b]
        return out


def _gold_spun(corpus: Path) -> set[str]:
    spun: set[str] = set()
    for g in sorted((corpus / "gold").glob("*.json")):
        data = json.loads(g.read_text(encoding="utf-8"))
        if data.get("spun"):
            spun.add(str(data.get("doc_id", g.stem)))
    return spun


def clean_pages(root: Path) -> dict[str, dict[str, str]]:
    """Set name -> {page id: text} of every clean page found under ``root``."""
    sets: dict[str, dict[str, str]] = {}
    for name in CORPORA:
        corpus = root / name
        cache = corpus / ".cache"
        if cache.is_dir():
            spun = _gold_spun(corpus)
            pages = {f.stem: f.read_text(encoding="utf-8") for f in sorted(cache.glob("*.txt")) if f.stem not in spun}
            if pages:
                sets[name] = pages
    for name in OWN:
        folder = root / name
        if folder.is_dir():
            spun = _gold_spun(folder.parent)
            sets[name] = {f.stem: f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt")) if f.stem not in spun}
    return sets


def run_spun_bench(root: Path, opts: Options | None = None, rates: tuple[float, ...] = RATES) -> SpunReport:
    from ..clean import clean, load_furniture
    from ..ingest.text import parse_text
    from ..quality import SpinModel, assess
    from ..spin import load_thesaurus, spin

    opts = opts or Options()
    lexicon, thesaurus, model = load_furniture(), load_thesaurus(), SpinModel.load()
    report = SpunReport(recall={r: (0, 0) for r in rates}, recall_long={r: (0, 0) for r in rates})

    def quality(text: str, page: str) -> Any:
        return assess(clean(parse_text(text, page, page, lexicon=lexicon), lexicon), opts, model=model)

    for set_name, pages in clean_pages(root).items():
        report.by_set[set_name] = len(pages)
        for page, text in pages.items():
            report.clean += 1
            q = quality(text, page)
            report.lowest_clean_score = min(report.lowest_clean_score, q.score)
            if q.spun:
                report.false_flags.append({"page": f"{set_name}/{page}", "score": round(q.score, 3), "reasons": list(q.reasons)})
            for rate in rates:
                s = quality(spin(text, rate, seed=zlib.crc32(page.encode()), thesaurus=thesaurus), f"{page}-spun")
                flagged, total = report.recall[rate]
                report.recall[rate] = (flagged + bool(s.spun), total + 1)
                if len(text.split()) >= LONG_WORDS:
                    flagged, total = report.recall_long[rate]
                    report.recall_long[rate] = (flagged + bool(s.spun), total + 1)
    return report


@click.command(name="spun")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The project folder (its eval/ caches and tests/ articles).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def bench_spun_cmd(root: Path, as_json: bool) -> None:
    """False spun flags on every clean page found (real pages where cached, our own articles of
    every style) and recall on seeded spun copies of the same pages; exit code 1 on a false flag."""
    report = run_spun_bench(root)
    click.echo(json.dumps(report.to_json()) if as_json else "\n".join(report.lines()))
    if report.false_flags:
        raise SystemExit(1)
