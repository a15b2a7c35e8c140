"""Quoted fragments woven into reported speech, including one-word ones and an organisation's
words, against one-word labels and modifiers that are not speech. Sentences of our own writing."""

from __future__ import annotations

import pytest

from communique.clean import clean
from communique.extract import Extractor
from communique.ingest.text import parse_text
from communique.options import Options
from communique.records import Analysis, Quality


@pytest.fixture(scope="module")
def extractor(nlp):  # type: ignore[no-untyped-def]
    return Extractor(Options(), nlp=nlp)


def quotes(extractor: Extractor, body: str) -> list[tuple[str | None, str]]:
    text = "Ministers meet in Lima\n\nForeign Minister Rosa Quintero met her Chilean counterpart Pablo Reyes on Monday. " + body + "\n"
    a = extractor.analyse(clean(parse_text(text, "t", "t.txt")), Quality())
    assert isinstance(a, Analysis)
    return [(q.speaker, q.text) for q in a.quotes]


def test_a_one_word_fragment_of_reported_speech(extractor: Extractor) -> None:
    assert quotes(extractor, "Quintero described the talks as \u201ccandid\u201d and useful.") == [("Rosa Quintero", "candid")]


def test_an_organisation_s_words_have_no_person_speaker(extractor: Extractor) -> None:
    found = quotes(extractor, "The ministry said in a statement that the two sides \u201creviewed ways to deepen trade "
                              "and investment\u201d between their countries.")
    assert found == [(None, "reviewed ways to deepen trade and investment")]


@pytest.mark.parametrize("body", [
    "They agreed to hold 'party-to-party' dialogues next year.",
    "The press called it a \u201cdeserved\u201d meeting between the two ministers.",
    "Reyes rejected the so-called \u201cinitiative\u201d of the opposition, he said.",
])
def test_one_word_labels_and_modifiers_are_not_quotes(extractor: Extractor, body: str) -> None:
    assert quotes(extractor, body) == []
