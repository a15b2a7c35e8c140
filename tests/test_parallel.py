"""The process pool: outputs aligned and in order, identical to one process, failures isolated."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from communique.errors import ModelMissing
from communique.options import Options
from communique.parallel import WorkerPool, process_aligned
from communique.pipeline import extract_corpus
from communique.records import CleanDocument, DocumentResult, Failure, RawDocument


class FakePipe:
    """Like Pipeline.process: failures at once, results at the end of each batch of 3.

    Texts starting with "bad" fail cleaning; "die" kills the worker process; "boom" raises.
    """

    def process(self, docs: Iterable[RawDocument | Failure]) -> Iterator[DocumentResult | Failure]:
        batch: list[RawDocument] = []
        for d in docs:
            if isinstance(d, Failure):
                yield d
            elif d.text.startswith("bad"):
                yield Failure(d.source, "cannot clean: bad", stage="clean")
            elif d.text.startswith("die"):
                os._exit(7)
            elif d.text.startswith("boom"):
                raise RuntimeError("boom")
            else:
                batch.append(d)
                if len(batch) == 3:
                    yield from (DocumentResult(CleanDocument(x, x.text.upper(), ())) for x in batch)
                    batch = []
        yield from (DocumentResult(CleanDocument(x, x.text.upper(), ())) for x in batch)


def fake_factory(opts: Options) -> FakePipe:
    return FakePipe()


def missing_factory(opts: Options) -> FakePipe:
    raise ModelMissing("spaCy pipeline 'nope' is not installed")


def _docs(texts: list[str]) -> list[RawDocument | Failure]:
    return [Failure(f"s{i}", "unreadable") if t == "unreadable" else RawDocument(f"d{i}", f"s{i}", t)
            for i, t in enumerate(texts)]


def _shape(out: list[DocumentResult | Failure]) -> list[str]:
    return [f"F:{o.source}:{o.reason}" if isinstance(o, Failure) else f"R:{o.doc_id}:{o.clean.text}" for o in out]


TEXTS = ["a", "bad one", "b", "unreadable", "c", "d", "bad two", "e"]
EXPECTED = ["R:d0:A", "F:s1:cannot clean: bad", "R:d2:B", "F:s3:unreadable", "R:d4:C", "R:d5:D",
            "F:s6:cannot clean: bad", "R:d7:E"]


def test_process_aligned_puts_each_output_at_its_input() -> None:
    assert _shape(process_aligned(FakePipe(), _docs(TEXTS))) == EXPECTED


def test_pool_returns_outputs_in_input_order_across_chunks() -> None:
    with WorkerPool(Options(), 2, factory=fake_factory) as pool:
        assert _shape(list(pool.process(_docs(TEXTS), chunk_size=2))) == EXPECTED
        # the pool is reusable
        assert _shape(list(pool.process(_docs(["x", "y"]), chunk_size=1))) == ["R:d0:X", "R:d1:Y"]


def test_a_dead_worker_fails_its_chunk_and_the_rest_finish() -> None:
    texts = ["a", "b", "die", "c", "d", "e", "f"]
    with WorkerPool(Options(), 2, factory=fake_factory) as pool:
        out = _shape(list(pool.process(_docs(texts), chunk_size=2)))
    assert out[:2] == ["R:d0:A", "R:d1:B"]
    assert out[2:4] == ["F:s2:worker process died (exit code 7) while extracting",
                        "F:s3:worker process died (exit code 7) while extracting"]
    assert out[4:] == ["R:d4:D", "R:d5:E", "R:d6:F"]


def test_an_exception_in_a_chunk_fails_only_that_chunk() -> None:
    with WorkerPool(Options(), 2, factory=fake_factory) as pool:
        out = _shape(list(pool.process(_docs(["a", "boom", "c", "d"]), chunk_size=2)))
    assert out == ["F:s0:extraction failed: RuntimeError: boom", "F:s1:extraction failed: RuntimeError: boom",
                   "R:d2:C", "R:d3:D"]


def test_a_worker_that_cannot_load_its_model_stops_the_run_with_that_error() -> None:
    with pytest.raises(ModelMissing, match="'nope' is not installed"), \
            WorkerPool(Options(), 2, factory=missing_factory) as pool:
        list(pool.process(_docs(["a", "b"])))


@pytest.mark.slow
def test_two_workers_give_the_same_jsonl_as_one_process(seeds_dir: Path, samples_dir: Path) -> None:
    paths = [seeds_dir, samples_dir, Path("/nonexistent/file.txt")]
    one, f1 = extract_corpus(paths, Options(workers=1, embeddings=False))
    two, f2 = extract_corpus(paths, Options(workers=2, batch_size=3, embeddings=False))
    assert len(one) >= 10
    assert [json.dumps(r.to_json()) for r in two] == [json.dumps(r.to_json()) for r in one]
    assert [str(f) for f in f2] == [str(f) for f in f1] == ["/nonexistent/file.txt: no such file or directory"]
