"""Long commands show progress (count, rate, ETA) as the progress setting and --quiet say, and
`run`/`batch` print a summary of at most a screen (--verbose for every document)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from communique.cli import cli

# a progress line of communique.progress (plain form): "extracting: 5/5 in 0:00:12 (0.4/s)"
PROGRESS = re.compile(r"^(extracting|ingesting|shards|linking and merging): \d+/\d+ ")


def invoke(args: list[str], monkeypatch: pytest.MonkeyPatch, progress: str) -> Result:
    monkeypatch.setenv("COMMUNIQUE_EMBEDDINGS", "0")
    monkeypatch.setenv("COMMUNIQUE_PROGRESS", progress)
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def _commands(inputs: Path, tmp: Path) -> dict[str, list[str]]:
    db = f"sqlite:///{tmp / 'p.db'}"
    return {
        "run": ["run", "--db", db, str(inputs)],
        "extract": ["extract", str(inputs), "-o", str(tmp / "out.jsonl")],
        "ingest": ["ingest", "--db", db, str(inputs)],
        "batch": ["batch", str(inputs), "-o", str(tmp / "batch"), "--engine", "local", "--workers", "1",
                  "--format", "jsonl"],
    }


@pytest.mark.parametrize("command", ["run", "extract", "ingest", "batch"])
def test_progress_always_shows_a_count_even_off_a_terminal(command: str, seeds_dir: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(_commands(seeds_dir, tmp_path)[command], monkeypatch, "always")
    assert result.exit_code == 0, result.stderr
    lines = [x for x in result.stderr.splitlines() if PROGRESS.match(x)]
    assert any("5/5 in " in x and x.endswith("/s)") for x in lines), result.stderr
    if command == "run":  # the link-and-merge phase has its own count
        assert any(x.startswith("linking and merging: 5/5 in ") for x in lines), result.stderr


@pytest.mark.parametrize("command", ["run", "extract", "ingest", "batch"])
@pytest.mark.parametrize("how", ["never", "quiet"])
def test_progress_never_or_quiet_shows_none(command: str, how: str, samples_dir: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in").mkdir()
    shutil.copy(samples_dir / "erdogan_tamim_ankara.txt", tmp_path / "in")
    args = _commands(tmp_path / "in", tmp_path)[command] + (["--quiet"] if how == "quiet" else [])
    result = invoke(args, monkeypatch, "never" if how == "never" else "always")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_estimate_counts_jsonl_records_and_files(samples_dir: Path) -> None:
    from communique.progress import estimate_documents

    records = sum(1 for line in (samples_dir / "samples.jsonl").read_bytes().splitlines() if line.strip())
    assert estimate_documents([samples_dir / "samples.jsonl"]) == records > 1
    assert estimate_documents([samples_dir / "erdogan_tamim_ankara.txt", "-"]) is None
    assert estimate_documents([samples_dir / "nope.txt"]) == 1


PEOPLE = [("Arvel Donti", "Norland President"), ("Besa Kormi", "Ostrava Prime Minister"),
          ("Celio Varn", "Pellmark Foreign Minister"), ("Dunya Estrel", "Quarro President")]
CITIES = ["Velmora", "Astrakhen", "Port Ilsen", "Dranmoor"]
TOPICS = ("grain", "ports", "fisheries", "railways", "tariffs", "pipelines", "schools", "vaccines", "bridges",
          "satellites", "forests", "pensions", "customs", "tourism", "shipyards", "copper", "wheat", "visas",
          "drones", "canals", "hospitals", "solar", "wind", "textiles", "orchards", "dams", "airports", "lithium")


def _invented_articles(folder: Path, n: int) -> None:
    folder.mkdir()
    import random

    for i in range(n):
        a, b = PEOPLE[i % 4], PEOPLE[(i + 1) % 4]
        topics = random.Random(i).sample(TOPICS, 14)
        day = 1 + i % 28
        (folder / f"report{i:03d}.txt").write_text(
            f"date 2024-03-{day:02d} Talks number {i}\n\n"
            f"{a[1]} {a[0]} met {b[1]} {b[0]} in {CITIES[i % 4]} on March {day}, 2024 to discuss "
            f"{', '.join(topics[:7])}. Aides said {' and '.join(topics[7:])} come next.\n\n"
            f"\"We agreed to keep talking,\" {a[0].split()[1]} said after meeting number {i}.\n",
            encoding="utf-8")
    (folder / "empty-1.txt").write_text("", encoding="utf-8")
    (folder / "empty-2.txt").write_text("", encoding="utf-8")


def test_run_summary_fits_a_screen_and_verbose_shows_every_document(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _invented_articles(tmp_path / "in", 62)
    args = ["run", "--db", f"sqlite:///{tmp_path / 's.db'}", str(tmp_path / "in")]
    short = invoke(args, monkeypatch, "never")
    assert short.exit_code == 1  # the two empty files
    out = short.stdout.splitlines()
    assert len(out) <= 30, short.stdout
    assert out[0].startswith("62 documents, ") and out[0].endswith(", 2 failed")
    assert "stored: 62 extracted now, 0 already stored" in out
    assert out.index("failures: 2 (each on stderr), the first:") < len(out) - 3
    line = re.search(r"^events in the store: (\d+); this run made or changed (\d+), those with the most independent "
                     r"reports:$", short.stdout, re.M)
    assert line is not None and int(line.group(1)) == int(line.group(2)) > 5  # a first run makes every event
    assert sum(line.startswith("  evt-") for line in out) == 5
    assert out[-1].startswith("next: communique events (every event), communique show DOC_ID")
    verbose = invoke([*args, "--verbose"], monkeypatch, "never")
    lines = verbose.stdout.splitlines()
    assert len(lines) > 62 * 3 and "stored: 0 extracted now, 62 already stored" in lines
    assert sum(line.startswith("report") for line in lines) == 62  # every document's own block


def test_batch_summary_is_short_and_verbose_lists_every_shard(tmp_path: Path, samples_dir: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _invented_articles(tmp_path / "in", 3)
    args = ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--engine", "local", "--workers", "1",
            "--format", "jsonl"]
    result = invoke(args, monkeypatch, "never")
    out = result.stdout.splitlines()
    assert result.exit_code == 1 and len(out) <= 12
    assert out[2:5] == ["failures: 2, the first:", f"  {tmp_path / 'in' / 'empty-1.txt'}: empty file",
                        f"  {tmp_path / 'in' / 'empty-2.txt'}: empty file"]
    assert out[-1] == f"next: {tmp_path / 'out' / '_events.jsonl'} (events), {tmp_path / 'out' / '_failures.jsonl'} (every failure)"
    again = invoke([*args, "--verbose"], monkeypatch, "never").stdout.splitlines()
    shard_lines = [x for x in again if x.startswith(f"  {tmp_path / 'in'}") and " documents, " in x]
    assert len(shard_lines) == 5
