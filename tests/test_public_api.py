"""The Python API: unambiguous names, docstrings, one call for the store `communique run` makes,
and failures that are raised or returned, never dropped."""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import communique
from communique.errors import ExtractionFailed, OptionsError
from communique.events import merge_events
from communique.options import Options
from communique.records import DocumentResult, Failure
from communique.store import Store
from communique.store import queries as Q

ROOT = Path(__file__).resolve().parents[1]
OPTS = Options(embeddings=False, progress="never")


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COMMUNIQUE_EMBEDDINGS": "0", **extra}


def test_extract_twice_in_a_fresh_interpreter_is_the_function(samples_dir: Path) -> None:
    code = f"""
import communique
from communique.options import Options
p = {str(samples_dir / 'erdogan_tamim_ankara.txt')!r}
o = Options(embeddings=False)
first = communique.extract([p], o)
import communique.pipeline
second = communique.extract([p], o)
assert [r.to_json() for r in first] == [r.to_json() for r in second] and len(first) == 1
from communique import extract
assert callable(extract) and extract is communique.pipeline.extract, extract
help(extract)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "extract(paths" in proc.stdout and 'errors="raise"' in proc.stdout  # the function's help, not a package's


def _undocumented(obj: Any) -> list[str]:
    missing = [] if inspect.getdoc(obj) else ["(itself)"]
    if inspect.isclass(obj):
        for name, value in vars(obj).items():
            if name.startswith("_"):
                continue
            f = value.__func__ if isinstance(value, classmethod | staticmethod) else value
            f = f.fget if isinstance(f, property) else f
            if callable(f) and not f.__doc__:
                missing.append(name)
    return missing


@pytest.mark.parametrize("name", communique.__all__)
def test_every_public_name_and_its_public_methods_have_docstrings(name: str) -> None:
    assert _undocumented(getattr(communique, name)) == []


def test_the_public_names_are_what_all_says() -> None:
    assert communique.Store is Store and communique.run.__module__ == "communique.pipeline"
    assert set(communique.__all__) <= set(dir(communique))
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        communique.nope  # noqa: B018


def _snapshot(url: str) -> dict[str, Any]:
    with Store.open(url) as store:
        return {"documents": {d.doc_id: d.content_hash for d in store.iter_documents()},
                "links": store.load_links(),
                "events": {e: sorted(map(tuple, data["sources"])) for e, data in store.load_events().items()}}


def test_run_gives_the_store_the_cli_run_gives(seeds_dir: Path, tmp_path: Path) -> None:
    api_db = f"sqlite:///{tmp_path / 'api.db'}"
    report = communique.run([seeds_dir], db=api_db, opts=OPTS, progress=False)
    assert (len(report.results), len(report.added), report.unchanged, report.failures) == (5, 5, [], [])
    assert report.events and report.store == api_db
    # the documents are read from the store when asked for, not held by the report
    assert not hasattr(report.results, "__dict__") or not any(
        isinstance(v, list) and v and hasattr(v[0], "analysis") for v in vars(report.results).values())
    stored = list(report.results)
    assert [r.doc_id for r in stored] == sorted(report.added) and report.results[-1].doc_id == stored[-1].doc_id
    assert report.results.counts.documents == 5 and report.results.counts.meetings == sum(  # type: ignore[attr-defined]
        len(r.analysis.meetings) for r in stored)
    cli_db = f"sqlite:///{tmp_path / 'cli.db'}"
    proc = subprocess.run([sys.executable, "-m", "communique.cli", "run", "--db", cli_db, str(seeds_dir)],
                          capture_output=True, text=True, env=_env(), timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    api, cli_state = _snapshot(api_db), _snapshot(cli_db)
    assert api == cli_state and len(api["events"]) == len(report.events) > 0
    again = communique.run([seeds_dir], db=api_db, opts=OPTS, progress=False)  # nothing left to do
    assert (again.added, len(again.unchanged), _snapshot(api_db)) == ([], 5, api)


@pytest.fixture
def missing_and_ok(tmp_path: Path, samples_dir: Path) -> list[Path]:
    ok = tmp_path / "ok.txt"
    shutil.copy(samples_dir / "erdogan_tamim_ankara.txt", ok)
    return [tmp_path / "missing.txt", ok]


def test_extract_raises_every_failure_with_the_results(missing_and_ok: list[Path]) -> None:
    with pytest.raises(ExtractionFailed) as info:
        communique.extract(missing_and_ok, OPTS)
    err = info.value
    assert [(f.source, f.reason) for f in err.failures] == [(str(missing_and_ok[0]), "no such file or directory")]
    assert [r.doc_id for r in err.results] == ["ok"]
    assert str(err) == f"1 input failed (1 documents extracted): {missing_and_ok[0]}: no such file or directory"
    assert isinstance(err, communique.CommuniqueError)


def test_extract_errors_return_puts_failures_in_the_list(missing_and_ok: list[Path]) -> None:
    out = communique.extract(missing_and_ok, OPTS, errors="return")
    assert [type(x) for x in out] == [Failure, DocumentResult]
    assert out[0].source == str(missing_and_ok[0]) and out[1].doc_id == "ok"  # type: ignore[union-attr]
    with pytest.raises(OptionsError, match="errors='ignore' is not one of raise, return"):
        communique.extract(missing_and_ok, OPTS, errors="ignore")  # type: ignore[call-overload]


def test_extract_without_failures_returns_results(missing_and_ok: list[Path]) -> None:
    assert [r.doc_id for r in communique.extract(missing_and_ok[1], OPTS)] == ["ok"]


def test_readme_python_example_gives_events(seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("Python API:\n\n```python\n", 1)[1].split("```", 1)[0]
    assert "communique.run(" in example
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COMMUNIQUE_EMBEDDINGS", "0")
    monkeypatch.setenv("COMMUNIQUE_PROGRESS", "never")
    shutil.copytree(seeds_dir, tmp_path / "articles")
    shutil.copy(seeds_dir / "000_286dfbfe54666b1b.txt", tmp_path / "article.txt")
    scope: dict[str, Any] = {}
    exec(compile(example, "README.md", "exec"), scope)  # noqa: S102
    assert len(scope["report"].events) > 0 and scope["results"][0].analysis.meetings
    with Store.open("sqlite:///communique.db") as store:
        counts = store.counts()
    assert counts["documents"] == 5 and counts["events"] == len(scope["report"].events)


def _article(path: Path, title: str, body: str) -> Path:
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def test_a_run_rewrites_only_the_events_of_the_participants_it_touched(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'inc.db'}"
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    _article(first / "a.txt", "Leaders meet in Riga", "President Ilmars Ozols received Prime Minister Tomas Aravena in "
             "Riga on 3 March 2024. The two leaders discussed energy links.")
    _article(first / "b.txt", "Talks in Quito", "President Rosa Quintero held talks with Foreign Minister Pavel Dvorak "
             "in Quito on 9 April 2024.")
    report = communique.run([first], db=db, opts=OPTS, progress=False)
    assert report.events_in_store == len(report.events) == 2
    with Store.open(db) as store:
        before = store.load_events()
    _article(second / "c.txt", "Riga talks", "Prime Minister Tomas Aravena met President Ilmars Ozols in Riga on "
             "3 March 2024, the presidency said.")
    again = communique.run([second], db=db, opts=OPTS, progress=False)
    riga = again.events
    assert [sorted(e.participants) for e in riga] == [["Ilmars Ozols", "Tomas Aravena"]]  # Quito's is not rewritten
    assert len(riga[0].originals) == 2 and again.events_in_store == 2
    with Store.open(db) as store:
        after = store.load_events()
        quito = next(e for e, d in after.items() if "Rosa Quintero" in d["participants"])
        assert after[quito] == before[quito]
        # what the store holds is what merging every stored document gives
        full = merge_events(list(store.iter_results()), [], OPTS)
        assert {e.event_id: sorted(e.sources) for e in full} == {e: sorted(map(tuple, d["sources"])) for e, d in after.items()}
        assert [e["event_id"] for e in Q.list_events(store)[0]] == [quito, riga[0].event_id]  # newest first
