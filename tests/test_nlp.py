"""Loading the spaCy pipeline: offline, and without importing torch for a pipeline that never uses it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

from communique.nlp import _needs_torch


def test_a_pipeline_without_pytorch_components_loads_without_torch_and_the_embedder_still_can() -> None:
    code = textwrap.dedent("""
        import sys
        from communique.nlp import load_pipeline
        nlp = load_pipeline()
        assert [t.pos_ for t in nlp("The president met the king.")][:3] == ["DET", "NOUN", "VERB"]
        print("torch" in sys.modules)
        from communique.dedup import Embedder
        if Embedder.available():
            assert len(Embedder.load().encode(["The talks went well."])[0]) == 384
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(("config", "needs"), [
    ("[components.tagger]\nfactory = \"tagger\"\n", False),
    ("[components.transformer]\nfactory = \"transformer\"\n", True),
    ("[model]\n@architectures = \"spacy.PyTorchWrapper.v1\"\n", True),
])
def test_needs_torch_reads_the_package_config(tmp_path: Path, config: str, needs: bool) -> None:
    (tmp_path / "pipe-1.0").mkdir()
    (tmp_path / "pipe-1.0" / "config.cfg").write_text(config, encoding="utf-8")
    assert _needs_torch(SimpleNamespace(submodule_search_locations=[str(tmp_path)])) is needs
    assert _needs_torch(SimpleNamespace(submodule_search_locations=[str(tmp_path / "none")])) is True  # unknown: yes


def test_every_line_starts_a_sentence_before_the_parser_reads_it(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Quito, July 14:\nForeign Minister Rosa Quintero travelled to Ecuador on Friday.\n\nShe met the president")
    assert [s.text.strip() for s in doc.sents] == [
        "Quito, July 14:", "Foreign Minister Rosa Quintero travelled to Ecuador on Friday.", "She met the president"]
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.head.lower_ == "travelled")
    assert subject.text == "Quintero"


def test_a_bracket_inside_a_sentence_ends_no_sentence_but_a_bracketed_dateline_does(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Also present at the talks together with the General were Chief of the Joint Staff (Army, Navy and Air) "
              "General Tun Aung, Ambassador to Thailand U Kyaw Min and Defence Attache Col Zaw Lin. Gen. Prawit was "
              "accompanied by his secretary.")
    assert [s.text.strip()[:12] for s in doc.sents] == ["Also present", "Gen. Prawit "]
    doc = nlp("(February 24, 2017 \u2013 Washington, DC) In a crucial moment, the Governor met the Secretary.")
    assert [s.text.strip()[:12] for s in doc.sents] == ["(February 24", "In a crucial"]


def test_a_sentence_glued_to_the_one_before_starts_its_own(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The plan was backed by the UNSC.Vidal added that Peru trusts Chile to \u201chelp build a framework with the "
              "EU.\u201dDuring his meeting with Ruiz, Torres praised the ties.")
    assert [s.text.strip()[:12] for s in doc.sents] == ["The plan was", "Vidal added ", "During his m"]
    # an abbreviation before a name or a domain is no sentence's end
    assert len(list(nlp("The talks were held at the U.S. Embassy with Mr. Vidal on www.Peru.gob.pe today.").sents)) == 1
