"""Quoted fragments woven into reported speech, including one-word ones and an organisation's
words, against one-word labels and modifiers that are not speech. Sentences of our own writing."""

from __future__ import annotations

import pytest

from communique.clean import clean
from communique.extraction import Extractor
from communique.ingest.text import parse_text
from communique.options import Options
from communique.records import Analysis, Quality


@pytest.fixture(scope="module")
def extractor(nlp):  # type: ignore[no-untyped-def]
    return Extractor(Options(), nlp=nlp)


def quotes(extractor: Extractor, body: str) -> list[tuple[str | None, str]]:
    text = "Ministers meet in Lima\n\nForeign Minister Rosa Quintero met Chilean Foreign Minister Pablo Reyes on Monday. " + body + "\n"
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
    "Quintero said that under the principle of \u201cpartners before markets\u201d, trade would grow.",
    "Reyes said the two sides kept to the old slogan \u201cone coast, one people\u201d in their talks.",
])
def test_labels_and_modifiers_are_not_quotes(extractor: Extractor, body: str) -> None:
    assert quotes(extractor, body) == []


def test_more_reporting_verbs(extractor: Extractor) -> None:
    found = quotes(extractor, "Quintero pointed to the \u201cserious and unstable situation\u201d in the region.")
    assert found == [("Rosa Quintero", "serious and unstable situation")]
    found = quotes(extractor, "Reyes once dismissed the bloc as \u201ca club for talking and nothing more.\u201d")
    assert found == [("Pablo Reyes", "a club for talking and nothing more.")]


def test_a_title_before_the_name_after_the_quote(extractor: Extractor) -> None:
    found = quotes(extractor, "The talks went \u201cwell beyond what either side had hoped for,\u201d Chilean minister "
                              "Pablo Reyes said.")
    assert found == [("Pablo Reyes", "well beyond what either side had hoped for,")]


def test_the_headline_line_is_told_apart_from_a_first_sentence() -> None:
    from communique.extraction.attribution import _headline_end

    head = "Talks in Lima \u2018very constructive and positive\u2019\n\nThe ministers met."
    assert _headline_end(head) == head.index("\n")
    assert _headline_end("The ministers met in Lima. They talked.\nMore.") == 0
    assert _headline_end("Lima: the ministers meet\nMore") == len("Lima: the ministers meet")


def test_joint_words_and_an_organisation_s_words_have_no_one_speaker(extractor: Extractor) -> None:
    found = quotes(extractor, "\u201cWe will open a new border crossing,\u201d Quintero and Reyes said in a joint "
                              "statement. The government issued a statement, saying the ministers \u201cagreed to "
                              "meet again soon\u201d.")
    assert found == [(None, "We will open a new border crossing,"), (None, "agreed to meet again soon")]


def test_said_x_would_is_not_x_speaking(extractor: Extractor) -> None:
    found = quotes(extractor, "A spokesman said Quintero would return to Lima \u201cone or two days after\u201d "
                              "the ceremony.")
    assert [s for s, _ in found] != ["Rosa Quintero"]


def test_he_added_goes_on_with_the_last_speaker(extractor: Extractor) -> None:
    found = quotes(extractor, "\u201cThe talks were useful,\u201d spokesman Mateo Ibarra said. Quintero and Reyes "
                              "\u201cagreed to meet again in the near future,\u201d he added.")
    assert found == [("Mateo Ibarra", "The talks were useful,"), ("Mateo Ibarra", "agreed to meet again in the near future,")]


def test_two_single_marks_written_as_one_double_mark(extractor: Extractor) -> None:
    """‘’...'' and "...'' (some wires and state media print a double mark as two single ones);
    a speech that runs over short paragraphs to its closer is one quote per paragraph."""
    assert quotes(extractor, "\"We are building a railway together,'' Reyes said after the talks.") == [
        ("Pablo Reyes", "We are building a railway together,")]
    assert quotes(extractor, "Quintero said in her speech,\n\n\u2018\u2019Dear Pablo,\n\nI welcome you in Lima.\n\n"
                             "I am confident we will hold effective talks''.") == [
        ("Rosa Quintero", "Dear Pablo,"), ("Rosa Quintero", "I welcome you in Lima."),
        ("Rosa Quintero", "I am confident we will hold effective talks")]


def test_a_right_mark_glued_to_the_speaker_closes(extractor: Extractor) -> None:
    """'... regard,”Pierre said': a right mark after the quote's comma closes it though a word follows
    without a space (the quote had run on over the speaker and the next quote)."""
    found = quotes(extractor, "Pablo Reyes met Rosa Quintero in Lima.\n\n\u201cWe will consider it,\u201dReyes said "
                              "after the meeting. \u201cWe also discussed tourism.\u201d")
    assert found == [("Pablo Reyes", "We will consider it,"), ("Pablo Reyes", "We also discussed tourism.")]


def test_backtick_pairs_open_a_quote() -> None:
    """``...'' (old wire copy and typeset text): the backticks open, the two single marks close; a
    closer is never read as an opener lost, which made the whole sentence a quote before."""
    from communique.extraction.quotes import find_quote_spans

    text = "Quintero called the plan ``a step backwards'' on Monday, and Reyes said ``we will talk again.''"
    got = [text[q.start:q.end] for q in find_quote_spans(text)]
    assert got == ["a step backwards", "we will talk again."]
    assert all(q.marked[0] >= 0 for q in find_quote_spans(text))


@pytest.mark.parametrize(("body", "expected"), [
    # a title the parse reads apart from the name ("Hon." ending a sentence of its own)
    ("\n\nHon. Quintero described the talks as \"very cordial and fruitful\" during which the two discussed trade.",
     [("Rosa Quintero", "very cordial and fruitful")]),
    # a participle after the quote goes on with the subject told before it
    ("\n\nFor his part, Pablo Reyes noted that \u201cthe road is long, and this road leads to trade\u201d adding that "
     "big plans are in the works.", [("Pablo Reyes", "the road is long, and this road leads to trade")]),
    # a stray mark closing nothing after a quote closed in the same paragraph: the words before it are narrative
    ("\n\nFor his part, Pablo Reyes noted that \u201cthe road is long, and this road leads to trade\u201d adding that "
     "big plans are in the works for the future.\"", [("Pablo Reyes", "the road is long, and this road leads to trade")]),
])
def test_speakers_through_misread_titles_participles_and_stray_marks(extractor: Extractor, body: str,
                                                                   expected: list[tuple[str | None, str]]) -> None:
    assert quotes(extractor, body) == expected


def test_the_post_a_person_wrote_is_that_person_s_words(extractor: Extractor) -> None:
    found = quotes(extractor, "Quintero, in a post on Facebook, said the talks went well.\n\n"
                              "\u201cWe look forward to the next round of consultations in Santiago,\u201d the post read.")
    assert found == [("Rosa Quintero", "We look forward to the next round of consultations in Santiago,")]


def test_reported_by_a_statement_the_words_stay_the_speaker_s(extractor: Extractor) -> None:
    found = quotes(extractor, "Quintero said, according to the statement, that the visit \u201cshows the respect between "
                              "our two peoples.\u201d")
    assert found == [("Rosa Quintero", "shows the respect between our two peoples.")]


def test_a_document_that_described_the_talks_is_no_person(extractor: Extractor) -> None:
    found = quotes(extractor, "Reyes also spoke about trade, said the ministry's statement, which described the meeting "
                              "as having \u201cproduced concrete results\u201d.")
    assert found == [(None, "produced concrete results")]


def test_a_left_mark_typed_for_the_right_one_before_said(extractor: Extractor) -> None:
    found = quotes(extractor, "\u201cPeru has always considered Chile a friend and partner in the region, \u201csaid Peruvian "
                              "Foreign Minister Rosa Quintero.")
    assert found == [("Rosa Quintero", "Peru has always considered Chile a friend and partner in the region,")]


def test_we_speaking_of_the_foreign_minister_designate_is_still_the_speaker(extractor: Extractor) -> None:
    found = quotes(extractor, "Reyes said the visit was \u201cin fulfilment of a promise.\u201d\n\n"
                              "\u201cHe came with the foreign minister designate and an adviser. We spoke about trade "
                              "and migration,\u201d Reyes said.")
    assert [s for s, _ in found] == ["Pablo Reyes", "Pablo Reyes"]


def test_a_quote_whose_closing_mark_was_forgotten_before_said_ends_there(extractor: Extractor) -> None:
    found = quotes(extractor, "\n\n\u201cPeru's ties with Chile have been strengthened by the visit, Quintero said.\n\n"
                              "\u201cChile and Peru share a close and long relationship, Quintero added.")
    assert found == [("Rosa Quintero", "Peru's ties with Chile have been strengthened by the visit"),
                     ("Rosa Quintero", "Chile and Peru share a close and long relationship")]


def test_words_said_by_a_long_unnamed_title_are_no_one_else_s(extractor: Extractor) -> None:
    found = quotes(extractor, (
        "Rosa Quintero met the island's government on an orientation trip.\n\n"
        "\u201cThe United States is our closest ally, and we have a good dialogue with them on trade and fishing,\u201d "
        "the Minister for Education, Culture, Church and Foreign Affairs said."))
    assert found == [(None, "The United States is our closest ally, and we have a good dialogue with them on trade "
                            "and fishing,")]


def test_he_who_says_it_is_the_story_s_person_not_the_one_named_before_him(extractor: Extractor) -> None:
    found = quotes(extractor, (
        "Quintero said she would see Pablo Reyes again on Monday.\n\nOn her social meeting with Reyes, she said: "
        "\u201cI hope we will have the opportunity to discuss the prospect of resuming talks.\u201d"))
    assert found == [("Rosa Quintero", "I hope we will have the opportunity to discuss the prospect of resuming talks.")]


@pytest.mark.parametrize(("body", "expected"), [
    ("Peru and Chile often defend \u201cshared national interests\u201d over \u201cvarious topics on the agenda\u201d at "
     "regional summits, Quintero said.",
     [("Rosa Quintero", "shared national interests"), ("Rosa Quintero", "various topics on the agenda")]),
    ("The talks were \u201cvery positive\u201d for trade, Reyes said, stating that a treaty would follow.",
     [("Pablo Reyes", "very positive")]),
])
def test_a_fragment_s_speaker_named_where_its_sentence_ends(extractor: Extractor, body: str,
                                                            expected: list[tuple[str, str]]) -> None:
    assert quotes(extractor, body) == expected


def test_a_stray_mark_before_the_narration_that_introduces_a_quote(extractor: Extractor) -> None:
    found = quotes(extractor, "\u201cReyes reciprocated and said: \u201cIt was a privilege to host the ministers of the "
                              "region\u201d.")
    assert found == [("Pablo Reyes", "It was a privilege to host the ministers of the region")]


def test_a_speaker_s_words_as_a_site_reports_them(extractor: Extractor) -> None:
    assert quotes(extractor, "Quintero told Reyes that violence \u201cin all of its forms continues to provide a fertile "
                             "ground for extremism,\u201d according to the news site Andina.") == [
        ("Rosa Quintero", "in all of its forms continues to provide a fertile ground for extremism,")]


def test_a_policy_named_in_quotation_marks_is_nobody_s_words(extractor: Extractor) -> None:
    assert quotes(extractor, "Quintero explained President Tomas Vidal\u2019s policy of \u201ca million friends and zero "
                             "enemies\u201d to her hosts.") == []
