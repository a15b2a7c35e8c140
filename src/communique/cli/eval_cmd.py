"""``communique eval``: score the extractor (or a JSONL output) against a folder of gold files,
or against the real-page corpus (``eval/realpages``: cached pages, gold with offsets, categories)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..evaluate import (
    Report,
    evaluate_gold_dir,
    format_report,
    load_golds,
    load_outputs,
    locate_texts,
    require_matches,
    run_extractor,
    score,
)
from ..options import Options
from ..records import Failure, plural
from .common import EXIT_FAILED_ITEMS, command_errors, format_option, options_from

_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


@click.command(name="eval")
@click.argument("gold_dir", type=_DIR)
@click.option("--system", "system", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A JSONL output (communique extract --format jsonl) to score; without it, the extractor runs on the gold documents.")
@click.option("--texts", "texts", type=_DIR, default=None,
              help="Folder with <doc_id>.txt: where the articles are (default: the gold's source_file, or texts/ beside the gold); offsets are checked against them.")
@format_option("text", "json", default="text", help="text: a table; json: the figures as JSON.")
@click.option("--json", "as_json", is_flag=True, hidden=True, help="The same as --format json (kept for scripts).")
@click.option("--compare", "compare", type=click.Choice(["textacy"]), default=None,
              help="Also score a baseline on the same documents (quotes only) and print it beside ours.")
@click.option("--issues", is_flag=True, help="List every disagreement with the gold after the table.")
@click.option("--model", default=None, help="spaCy pipeline package (default: the model setting).")
def eval_cmd(gold_dir: Path, system: Path | None, texts: Path | None, fmt: str, as_json: bool, compare: str | None,
             issues: bool, model: str | None) -> None:
    """Score extraction against the gold files (<doc_id>.json) in GOLD_DIR.

    Prints precision/recall/F1 per field and the headline metrics (the same figures as
    ../shared/tools/score.py); exit code 1 when some documents could not be processed.
    GOLD_DIR may also be the real-page corpus (a folder with manifest/ and gold/, such as
    eval/realpages): its cached pages are scored, overall and per category; the event corpus
    (eval/events): event pairs, independent reports and copies; or the PLOVER gold standard's
    development half (eval/plover): statement types, actor codes, modes and contexts, per type.
    """
    with command_errors():
        _eval(gold_dir, system, texts, as_json or fmt == "json", compare, issues, model)


def _eval(gold_dir: Path, system: Path | None, texts: Path | None, as_json: bool, compare: str | None,
          issues: bool, model: str | None) -> None:
    opts = options_from(model=model)
    if compare == "textacy":
        from ..compare_textacy import require_textacy

        require_textacy()  # before the extractor runs, not after
    from ..evaluate_events import evaluate_events, is_events_corpus
    from ..evaluate_plover import evaluate_plover, is_plover_corpus
    from ..realpages import is_corpus

    if is_plover_corpus(gold_dir):
        plover = evaluate_plover(gold_dir, opts)
        if not plover.records:
            click.echo(f"skipped: no cached records in {gold_dir / '.cache'} (see {gold_dir / 'README.md'} to rebuild it)", err=True)
            return
        click.echo(json.dumps(plover.to_json(), indent=2) if as_json else "\n".join(plover.lines(issues)))
        return

    if is_events_corpus(gold_dir):
        events = evaluate_events(gold_dir, opts)
        if not events.pages:
            click.echo(f"skipped: no cached pages in {gold_dir / '.cache'} (see {gold_dir / 'README.md'} to rebuild it)", err=True)
            return
        click.echo(json.dumps(events.to_json(), indent=2) if as_json else "\n".join(events.lines()))
        return

    if is_corpus(gold_dir):
        _eval_corpus(gold_dir, opts, system, as_json, issues)
        return
    report, failures = evaluate_gold_dir(gold_dir, opts, system=system, texts=texts)
    baseline = None
    if compare == "textacy":
        from ..compare_textacy import textacy_outputs
        from ..nlp import load_pipeline

        golds = load_golds(gold_dir)
        files = locate_texts(gold_dir, golds, texts)
        baseline = score(textacy_outputs(files, golds, load_pipeline(opts.model)), golds)
    if as_json:
        data = report.to_json()
        data["failures"] = [{"source": f.source, "stage": f.stage, "reason": f.reason} for f in failures]
        if baseline is not None:
            from ..compare_textacy import quote_comparison

            data["compare"] = {"textacy": quote_comparison(report, baseline)}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report, issues=issues))
        if baseline is not None:
            from ..compare_textacy import format_comparison

            click.echo("")
            click.echo(format_comparison(report, baseline))
    _exit_on_failures(failures)


def _eval_corpus(folder: Path, opts: Options, system: Path | None, as_json: bool, issues: bool) -> None:
    from ..realpages import format_categories, load_corpus, score_by_category

    corpus = load_corpus(folder)
    failures: list[Failure] = []
    if system is not None:
        outputs = load_outputs(system)
        require_matches(outputs, corpus.golds, str(system))
    else:
        outputs, failures = run_extractor([corpus.texts[d] for d in corpus.golds], opts)
    report: Report = score(outputs, corpus.golds, corpus.texts)
    by_category = score_by_category(outputs, corpus)
    skipped = (f"{len(corpus.not_cached)} page(s) of the manifest not cached or without gold, "
               f"{len(corpus.changed)} cached page(s) differing from the manifest: not scored")
    if as_json:
        data = report.to_json()
        data["categories"] = {k: dict(v.metrics, documents=v.documents) for k, v in by_category.items()}
        data["not_cached"], data["changed"] = list(corpus.not_cached), list(corpus.changed)
        data["failures"] = [{"source": f.source, "stage": f.stage, "reason": f.reason} for f in failures]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report, issues=False))
        click.echo("")
        click.echo(format_categories(by_category))
        if corpus.not_cached or corpus.changed:
            click.echo("")
            click.echo(skipped)
        if issues and report.issues:
            click.echo("")
            click.echo(f"{plural(len(report.issues), 'issue')}:")
            for i in report.issues:
                cats = ",".join(corpus.categories.get(i.doc_id, ()))
                click.echo(f"  {i.doc_id}  {i.field:<18} {i.kind:<10} {i.detail}  [{cats}]")
    _exit_on_failures(failures)


def _exit_on_failures(failures: list[Failure]) -> None:
    for f in failures:
        click.echo(f"failed: {f}", err=True)
    if failures:
        raise SystemExit(EXIT_FAILED_ITEMS)
