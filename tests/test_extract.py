"""The extraction stage on small articles of our own (tests/fixtures/articles) and on the seeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from communique.clean import clean
from communique.extraction import Extractor, paragraph_chunks
from communique.extraction.dates import find_date
from communique.extraction.quotes import find_quote_spans, is_name_like
from communique.ingest import read_paths
from communique.ingest.text import parse_text
from communique.options import Options
from communique.records import Analysis, Quality, RawDocument

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture(scope="module")
def extractor(nlp):  # type: ignore[no-untyped-def]
    return Extractor(Options(), nlp=nlp)


def analyse(extractor: Extractor, name: str, quality: Quality | None = None) -> tuple[Analysis, str]:
    docs = [d for d in read_paths([ARTICLES / name], Options()) if isinstance(d, RawDocument)]
    c = clean(docs[0])
    a = extractor.analyse(c, quality or Quality())
    assert isinstance(a, Analysis)
    return a, docs[0].text


def check_offsets(a: Analysis, raw: str) -> None:
    for q in a.quotes:
        assert raw[q.start : q.end] == q.text
    for m in a.meetings:
        assert m.evidence is not None and raw[m.evidence.start : m.evidence.end] == m.evidence.text
    for p in a.people:
        for mm in p.mentions:
            assert raw[mm.start : mm.end] == mm.text
    for s in a.statements:
        assert raw[s.evidence.start : s.evidence.end] == s.evidence.text


# --- quotes: pure text -------------------------------------------------------------------

def test_mixed_marks_and_multi_paragraph_quotes() -> None:
    text = 'He said, "The first stage is to stop the bombs.” Then:\n\n“We are ready.\n\n“We will act soon.”'
    spans = find_quote_spans(text)
    bodies = [text[q.start : q.end] for q in spans]
    assert bodies[0] == "The first stage is to stop the bombs."
    assert bodies[1].startswith("We are ready.") and bodies[1].endswith("We will act soon.")
    assert spans[1].paragraphs == 2


def test_a_quote_runs_on_unmarked_in_the_first_person_to_its_closer() -> None:
    text = ('He praised his host.\n\n\u201cIt is an honour to be here.\n\nToday we discussed trade and energy.\n\n'
            'We agreed to meet again,\u201d the premier said. "Next year," he added.\n\n'
            '\u201cThe talks were good.\n\nThe minister left for Ankara. Officials said the visit went well,\u201d it read.')
    spans = find_quote_spans(text)
    first = spans[0]
    assert text[first.start : first.end].endswith("We agreed to meet again,") and first.paragraphs == 3 and first.balanced
    assert [text[q.start : q.end] for q in spans[1:3]] == ["Next year,", "The talks were good."]  # reading goes on
    assert not spans[2].balanced  # a third-person paragraph between is not the speaker's: the quote ended


def test_closer_without_opener_is_unbalanced() -> None:
    spans = find_quote_spans("Thus the talks should go on,” he said.")
    assert len(spans) == 1 and spans[0].open_mark == -1 and not spans[0].balanced


def test_apostrophes_are_not_single_quotes() -> None:
    text = "Iraq’s leaders called ties ‘amicable and friendly’ and Shia’ Al-Sudani’s aides agreed."
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == ["amicable and friendly"]


@pytest.mark.parametrize("quoted,expected", [("Israeli", True), ("ISIS", True), ("Deal of the Century", True),
                                             ("too much", False), ("We are ready.", False)])
def test_name_like_quotes(quoted: str, expected: bool) -> None:
    assert is_name_like(quoted) is expected


def test_paragraph_chunks_concatenate_back() -> None:
    text = "Title line\n\nFirst. Second.\n \n\nThird"
    assert "".join(paragraph_chunks(text)) == text
    assert len(paragraph_chunks(text)) == 3


# --- dates ------------------------------------------------------------------------------

def test_weekday_resolves_only_against_publication_date() -> None:
    text = "They met in Ankara on Wednesday evening."
    found = find_date(text, 0, len(text), date(2024, 3, 14))
    assert found is not None and found.date == date(2024, 3, 13) and found.text == "on Wednesday evening"
    undated = find_date(text, 0, len(text), None)
    assert undated is not None and undated.date is None and undated.text == "on Wednesday evening"


@pytest.mark.parametrize(("text", "day"), [
    ("his trip to Chile on May 12th and 13th, where he met the president", None),  # two days: which one is not said
    ("the visit on 12 and 13 May, when he met the president", None),
    ("they met on 3 May and again on 14 June", date(2024, 5, 3)),
    ("they met on May 12 and 2,000 people came", date(2024, 5, 12)),
])
def test_two_days_joined_by_and_date_no_one_day(text: str, day: date | None) -> None:
    found = find_date(text, 0, len(text), date(2024, 5, 15))
    assert found is not None and found.date == day


def test_explicit_date_and_yesterday() -> None:
    text = "met on the morning of 6th November 2023"
    found = find_date(text, 0, len(text), None)
    assert found is not None and found.date == date(2023, 11, 6)
    y = "The talks took place yesterday."
    found = find_date(y, 0, len(y), date(2024, 1, 1))
    assert found is not None and found.date == date(2023, 12, 31)
    assert find_date(y, 0, len(y), None).date is None  # type: ignore[union-attr]


def test_the_day_a_meeting_was_told_is_not_its_date() -> None:
    for text in ("State House said on Wednesday that the President met the Vice President.",
                 "The ministry announced yesterday that the two ministers had met.",
                 "The office said on 12 March 2024 that the envoy met the king."):
        assert find_date(text, 0, len(text), date(2024, 3, 14)) is None, text
    told = "The office said on Wednesday that the envoy met the king on Monday."
    found = find_date(told, 0, len(told), date(2024, 3, 14))
    assert found is not None and found.date == date(2024, 3, 11)



@pytest.mark.parametrize(("text", "published", "expected"), [
    ("This morning (21), the president held a meeting with the minister.", date(2024, 1, 22), date(2024, 1, 21)),
    ("He met the envoy on Sunday (30) in Kampala.", date(2024, 2, 2), date(2024, 1, 30)),  # the month before
    ("He also met the secretary-general on the same day (21).", date(2024, 1, 22), date(2024, 1, 21)),
    ("He also met the secretary-general on the same day (21).", None, None),
    ("They met at State House ahead of Tuesday's swearing-in.", date(2022, 9, 12), None),  # another event's day
    ("Monday's meeting was an ice-breaker.", date(2022, 9, 12), date(2022, 9, 12)),
    ("The president met his counterpart a short while ago, the office said.", date(2023, 7, 21), date(2023, 7, 21)),
    ("They met moments ago at the palace.", date(2023, 7, 21), date(2023, 7, 21)),
    ("They first met ten years ago in Lima.", date(2023, 7, 21), None),  # not a time relative to the page
    ("Twelve days ago the envoy came to Tripoli and met the minister.", date(2016, 7, 15), date(2016, 7, 3)),
    ("They met in Suva two days ago.", date(2021, 3, 1), date(2021, 2, 27)),
    ("They met in Suva two days ago.", None, None),
    ("She travelled today, her first trip since the new Commission took office on 1 December.", date(2019, 12, 7),
     date(2019, 12, 7)),  # the day a period began is not the day told
    ("It was the first time they met since 10 December.", date(2020, 11, 20), date(2019, 12, 10)),
    ("They met on Thursday as the February 28th deadline for a fiscal plan approaches.", date(2017, 2, 24),
     date(2017, 2, 23)),  # the day of a deadline, an election or an anniversary is not the meeting's
    ("The governor met the secretary as the March 3 elections near.", date(2017, 2, 24), None),
    # a span of days: which day they met is not written
    ("The premier hosted his guest during a Sept. 4 to 6 visit to the capital.", date(2019, 9, 10), None),
    ("They met during the envoy's 4-6 September 2019 visit.", None, None),
    ("They met on 4 September, two days before the summit.", date(2019, 9, 10), date(2019, 9, 4)),
    ("She met him during her visit to the region from January 28 to February 3.", date(2023, 1, 30), None),
    # a misprinted year is no year; a day in the weeks after the page's date is still to come
    ("SUVA, 17 January 20223 - The premier met the envoy earlier today.", date(2023, 1, 18), date(2023, 1, 17)),
    ("The premier's visit is for a meeting on Wednesday, February 18, with the council.", date(2023, 1, 18), None),
    ("It was the first time they met since 10 December.", date(2020, 11, 20), date(2019, 12, 10)),
])
def test_day_of_month_beside_a_day_word_and_another_event_s_day(
        text: str, published: date | None, expected: date | None) -> None:
    found = find_date(text, 0, len(text), published)
    assert (found.date if found else None) == expected


# --- whole articles ------------------------------------------------------------------------

def test_wire_copy_meetings_attendees_and_dateline(extractor: Extractor) -> None:
    a, raw = analyse(extractor, "wire1.txt")
    check_offsets(a, raw)
    first, second = a.meetings
    assert set(first.participants) == {"Recep Tayyip Erdoğan", "Tamim bin Hamad Al Thani"}
    assert first.attendees == ("Hakan Fidan",)
    assert first.date == date(2024, 3, 13)  # "on Wednesday", not the dateline's March 14
    assert first.location == "Ankara"
    assert (first.host, first.visitor) == ("Recep Tayyip Erdoğan", "Tamim bin Hamad Al Thani")
    assert set(second.participants) == {"Hakan Fidan", "Sameh Shoukry"}
    assert second.date == date(2024, 3, 12) and second.location == "Istanbul"


def test_wire_copy_quotes(extractor: Extractor) -> None:
    a, _ = analyse(extractor, "wire1.txt")
    got = {(q.text.rstrip(",."), q.speaker, q.kind) for q in a.quotes}
    assert ("a common vision", "Tamim bin Hamad Al Thani", "fragment") in got
    assert ("Our cooperation with Turkey is strategic and it will grow", "Tamim bin Hamad Al Thani", "direct") in got
    assert ("Every day of delay costs lives", "Recep Tayyip Erdoğan", "direct") in got  # continues "he added"


def test_statements_mark_negated_and_code_accusations(extractor: Extractor) -> None:
    a, _ = analyse(extractor, "wire1.txt")
    coded = {(s.source, s.type, s.target) for s in a.statements if "negation" not in s.context}
    assert ("Recep Tayyip Erdoğan", "ACCUSE", "ISR") in coded
    (negated,) = [s for s in a.statements if s.target == "USA"]  # "He did not criticise Washington"
    assert negated.type == "ACCUSE" and "negation" in negated.context  # kept, with the PLOVER context
    consult = [s for s in a.statements if s.type == "CONSULT"]
    assert consult[0].source == "Tamim bin Hamad Al Thani" and consult[0].mode == "visit"


def test_readout_roles_landmark_and_undated_yesterday(extractor: Extractor) -> None:
    a, raw = analyse(extractor, "readout2.txt")
    check_offsets(a, raw)
    (m,) = a.meetings
    assert set(m.participants) == {"Vladimir Putin", "Masoud Pezeshkian"}
    assert set(m.attendees) == {"Sergey Lavrov", "Abbas Araghchi"}
    assert m.location == "Moscow"  # "in the Kremlin"
    assert m.date is None and m.date_text == "yesterday"  # no publication date: never guessed
    speakers = {q.speaker for q in a.quotes}
    assert speakers == {"Vladimir Putin", "Masoud Pezeshkian"}  # "the Iranian president said"
    assert not any(q.text == "unilateral" for q in a.quotes)


def test_inverted_colon_according_to_and_unnamed_speakers(extractor: Extractor) -> None:
    a, _ = analyse(extractor, "wire3.txt")
    by_text = {q.text.rstrip(",."): q.speaker for q in a.quotes}
    assert by_text["We hope this visit opens a new page"] == "Faisal bin Farhan Al Saud"  # said Prince Faisal
    assert by_text["Relations are moving in the right direction"] == "Hossein Amir-Abdollahian"
    assert by_text["There is a lot of work to do"] == "Ahmed al-Hassan"  # not in the knowledge base
    unknown = next(p for p in a.people if p.name == "Ahmed al-Hassan")
    assert (unknown.role, unknown.country) == ("spokesman for the Saudi embassy", "SAU")
    assert by_text["Nobody expected this two years ago"] is None  # "one Gulf-based analyst said"
    assert by_text["historic"] is None  # "Analysts called the visit 'historic'": unnamed speakers' word
    assert all("hypothetical" in s.context for s in a.statements if s.type == "THREATEN")  # "if talks failed"
    (accuse,) = [s for s in a.statements if s.type == "ACCUSE"]  # "The ministers did not condemn ..."
    assert "negation" in accuse.context and accuse.source is None and accuse.actors[0].sector == "GOV"
    assert len(a.meetings) == 2  # the foreign ministers, then "He later met President Ebrahim Raisi"


def test_spun_document_drops_malformed_and_spam_quotes(extractor: Extractor) -> None:
    text = ("The top of one’s Islamic Wave met the Iraqi chairman.\n\n"
            "Thus opportunity is regularly deepen our relationship,” he emphasized.\n\n"
            "“The brand new expansion and you can worldbrides.org nettsteder deepening is good,” the guy said.\n\n"
            "“The usa isn’t anyone’s pal. The usa is just too far,” Ayatollah Khamenei said.")
    raw = RawDocument("spun", "spun.txt", text)
    a = extractor.analyse(clean(raw), Quality(spun=True, spam_phrases=("worldbrides.org nettsteder",)))
    assert isinstance(a, Analysis)
    assert [q.text for q in a.quotes] == ["The usa isn’t anyone’s pal. The usa is just too far,"]


def test_other_language_and_empty_documents_are_skipped(extractor: Extractor) -> None:
    raw = RawDocument("fr", "fr.txt", "Le président a reçu son homologue à Paris.")
    a = extractor.analyse(clean(raw), Quality(language="fr"))
    assert isinstance(a, Analysis) and a.skipped is not None and "language 'fr'" in a.skipped
    empty = extractor.analyse(clean(RawDocument("e", "e.txt", "  \n\n  ")), Quality())
    assert isinstance(empty, Analysis) and empty.skipped == "no text after cleaning"


def test_long_document_is_processed_in_its_first_part(nlp) -> None:  # type: ignore[no-untyped-def]
    ex = Extractor(Options(max_extract_chars=2000), nlp=nlp)
    para = "Turkish President Tayyip Erdogan met Qatar's Emir Sheikh Tamim bin Hamad Al Thani in Ankara. "
    raw = RawDocument("long", "long.txt", (para * 20 + "\n\n") * 5)
    a = ex.analyse(clean(raw), Quality())
    assert isinstance(a, Analysis) and a.skipped is not None and "first 2000" in a.skipped
    assert a.meetings


def test_a_reprint_s_paragraphs_are_parsed_once_and_give_the_same_record(nlp) -> None:  # type: ignore[no-untyped-def]
    parsed: list[str] = []

    class Counting:  # the real pipeline, counting the paragraphs it is given
        def pipe(self, texts, **kw):  # type: ignore[no-untyped-def]
            texts = list(texts)
            parsed.extend(texts)
            return nlp.pipe(texts, **kw)

    story = ("Leaders meet\n\nPresident Andres Molina met Peruvian President Lucia Torres in Lima on Monday.\n\n"
             '"We agreed on trade," Molina said.\n')
    reprint = story.replace("Leaders meet\n\n", "Leaders meet\n\nPublished by Another Outlet\n\n")
    cached = Extractor(Options(), nlp=Counting())
    first = cached.analyse(clean(RawDocument("a", "a.txt", story)), Quality())
    before = len(parsed)
    again = cached.analyse(clean(RawDocument("b", "b.txt", reprint)), Quality())
    assert before == 3 and len(parsed) == before  # the outlet's line is furniture: nothing is parsed again
    fresh = Extractor(Options(parse_cache=0), nlp=nlp).analyse(clean(RawDocument("b", "b.txt", reprint)), Quality())
    assert again == fresh and isinstance(first, Analysis) and first.meetings and first.quotes


def test_seeds_match_gold_people_and_meetings(extractor: Extractor, seeds_dir: Path) -> None:
    for raw in read_paths([seeds_dir], Options()):
        assert isinstance(raw, RawDocument)
        a = extractor.analyse(clean(raw), Quality())
        assert isinstance(a, Analysis)
        check_offsets(a, raw.text)
        assert len(a.meetings) == 1, raw.doc_id
        assert "Ali Khamenei" in a.meetings[0].participants


def test_roles_by_date_calls_and_relative_attendees(extractor: Extractor) -> None:
    a, raw = analyse(extractor, "wire4.txt")
    check_offsets(a, raw)
    (m,) = a.meetings  # the phone call is not a meeting
    assert set(m.participants) == {"Masoud Pezeshkian", "Mohammed Shia al-Sudani"}  # titles only, dated 2025
    assert m.attendees == ("Fuad Hussein",)  # "Fuad Hussein, who attended the Baghdad talks"
    assert (m.date, m.location) == (date(2025, 9, 8), "Baghdad")
    calls = [s for s in a.statements if s.mode == "phone"]  # the manual's CONSULT mode
    assert [(s.source, s.type, s.target) for s in calls] == [("Abdel Fattah el-Sisi", "CONSULT", "Mohammed Shia al-Sudani")]
    assert {q.speaker for q in a.quotes} == {"Masoud Pezeshkian", "Abdel Fattah el-Sisi", "Fuad Hussein"}


def test_long_paragraphs_are_parsed_in_bounded_pieces() -> None:
    text = ("The minister met his counterpart. " * 2000) + "\n\nEnd."
    pieces = paragraph_chunks(text, limit=5000)
    assert "".join(pieces) == text
    assert max(len(p) for p in pieces) <= 5000 and pieces[0].endswith(". ")


def test_readout_speaker_is_the_cue_verbs_subject_and_place_is_not_from_quotes(extractor: Extractor) -> None:
    a, raw = analyse(extractor, "irna_readout.txt")
    check_offsets(a, raw)
    (m,) = a.meetings
    assert m.attendees == ("Masoud Pezeshkian",)
    assert m.location == "Tehran"  # where the emir arrived; never "Gaza" from inside a quote
    assert m.date is None and m.date_text == "on Wednesday afternoon"
    first = a.quotes[0]
    assert first.text.startswith("The Zionist regime") and first.speaker == "Ali Khamenei"  # "the Leader said:"


def test_wire_on_the_sidelines(extractor: Extractor) -> None:
    a, _ = analyse(extractor, "xinhua_sidelines.txt")
    (m,) = a.meetings
    assert set(m.participants) == {"Xi Jinping", "Recep Tayyip Erdoğan"} and m.attendees == ("Wang Yi",)
    assert (m.date, m.location) == (date(2024, 7, 3), "Astana")


def test_country_names_are_not_people_and_joining_the_talks_is_attending(extractor: Extractor) -> None:
    a, _ = analyse(extractor, "ap_white_house.txt")
    assert "Salman of Saudi Arabia" not in {p.name for p in a.people}  # "Saudi Arabia rejected the idea"
    (m,) = a.meetings  # "is due to meet Trump next week" is not a meeting that happened
    assert set(m.participants) == {"Donald Trump", "Benjamin Netanyahu"}
    assert set(m.attendees) == {"Marco Rubio", "Mike Waltz"}
    assert (m.date, m.location, m.host) == (date(2025, 2, 4), "Washington", "Donald Trump")


def test_split_quote_single_marks_and_anonymous_source(extractor: Extractor) -> None:
    a, _ = analyse(extractor, "reuters_split_quote.txt")
    got = [(q.text.rstrip(",."), q.speaker, q.kind) for q in a.quotes]
    assert ("We will not accept any deal that violates our sovereignty", "Najib Mikati", "direct") in got
    assert ("and we expect France to press Israel to stop its attacks", "Najib Mikati", "direct") in got
    assert ("fully mobilised", "Jean-Yves Le Drian", "fragment") in got
    assert ("We are working day and night", "Jean-Yves Le Drian", "direct") in got  # 'single marks'
    assert ("The talks were frank but useful", None, "direct") in got  # an official not named
    (m,) = a.meetings
    assert m.attendees == ()  # "who did not attend the meeting"


def test_quoted_words_in_the_headline_are_a_fragment_of_the_person_it_names(extractor: Extractor) -> None:
    path = Path(__file__).parent / "kinds" / "articles" / "c31_paper_headline_fragment.txt"
    docs = [d for d in read_paths([path], Options()) if isinstance(d, RawDocument)]
    a = extractor.analyse(clean(docs[0]), Quality())
    assert isinstance(a, Analysis)
    (q,) = a.quotes
    assert (q.text, q.kind, q.speaker) == ("productive", "fragment", "John Mahama")
    check_offsets(a, docs[0].text)
    two = RawDocument("t", "t.txt", "Leaders hail ‘productive’ talks\n\nThe talks were “productive,” Mahama said.\n",
                      title="Leaders hail ‘productive’ talks", body_start=32)
    b = extractor.analyse(clean(two), Quality())
    assert isinstance(b, Analysis) and [x.text for x in b.quotes] == ["productive,"]  # the body's quote is the one


def test_words_that_name_their_speaker_in_the_third_person_are_not_his(extractor: Extractor) -> None:
    text = ("Prime Minister Mark Carney met President Claudia Sheinbaum in Ottawa on Monday, his office said.\n\n"
            "\u201cThe Prime Minister and the President discussed trade, energy and security.\u201d\n\n"
            "Carney said the talks were \u201cexcellent\u201d.\n")
    raw = RawDocument("r", "r.txt", text, publication_date=date(2025, 9, 16))
    a = extractor.analyse(clean(raw), Quality())
    assert isinstance(a, Analysis)
    speakers = {q.text.rstrip(",."): q.speaker for q in a.quotes}
    assert speakers == {"The Prime Minister and the President discussed trade, energy and security": None,
                        "excellent": "Mark Carney"}


@pytest.mark.parametrize(("text", "quoted"), [
    # a straight closer glued to the next sentence (a page that lost its spaces)
    ('The spokesman said, "Taking our ties forward! The talks lie ahead."Ruto, who arrived on Sunday, was received.',
     ["Taking our ties forward! The talks lie ahead."]),
    # a straight closer set apart from its comma and glued to the speech verb
    ('"This is a milestone. Trade will be key to success, "says Minister Thordarson.\n\n"We agree," he added.',
     ["This is a milestone. Trade will be key to success,", "We agree,"]),
    # French spacing inside the marks, and a left mark typed for the closer ("« ... “, explained X")
    ("\u00ab We came to take stock of the cooperation \u201c, explained the deputy. He said it allowed \u201c to "
     "address several subjects. \u00bb",
     ["We came to take stock of the cooperation", "to address several subjects."]),
    # reversed guillemets closed by a spaced mark; a closer typed as a left mark with spaces around it
    ("They have \u00bba truly great relationship, \u00ab Trump said. He wanted to \u201cendorse \u201c what was said.",
     ["a truly great relationship,", "endorse"]),
    # a stray straight mark mid-clause inside an open quote that closes later in the paragraph
    ('"Thank you for visiting "Lima on an official visit. I am sure the talks will be fruitful," Vidal said.',
     ["Thank you for visiting \"Lima on an official visit. I am sure the talks will be fruitful,"]),
    # but a quote opening inside a woven one is a quote of its own
    ('During the meeting, Vidal "emphasized the need to act, considering that "the ceasefire helps this."',
     ["emphasized the need to act, considering that", "the ceasefire helps this."]),
])
def test_misplaced_straight_closers(text: str, quoted: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == quoted


def test_a_quote_whose_opening_mark_is_lost_starts_at_its_own_line() -> None:
    # (a page that breaks its paragraphs with single newlines: the lines before are narrative)
    text = ("The two presidents held talks on Thursday.\nThey signed a joint declaration.\nIt is a great satisfaction to be "
            "here. We brought a team of ministers\u201d, the President said.\n")
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == [
        "It is a great satisfaction to be here. We brought a team of ministers"]


def test_a_long_quoted_clause_without_a_reporting_verb_is_someone_s_words(extractor: Extractor) -> None:
    text = ("Governor in Dublin\n\nThe governor met the Lord Mayor on Friday \"to discuss their shared commitment to "
            "investment in clean energy and in the city's housing.\" Earlier she visited a \"smart\" factory.\n")
    a = extractor.analyse(clean(RawDocument("t", "t.txt", text)), Quality())
    assert isinstance(a, Analysis)
    assert [(q.text, q.kind) for q in a.quotes] == [
        ("to discuss their shared commitment to investment in clean energy and in the city's housing.", "fragment")]


@pytest.mark.parametrize(("text", "speaker"), [
    # a dateline the parse reads as a second subject of the cue
    ("Trip\n\nKINGSTOWN \u2014 Governor Albert Bryan said today that he \u201chas successfully completed his trip to "
     "St. Vincent and the Grenadines and also visited Barbados.\u201d\n", "Albert Bryan"),
    # a phrase between the quote and "he added"
    ("Talks\n\nForeign Minister Rosa Quintero met Foreign Minister Tomas Vidal in Lima.\n\nMeanwhile, Vidal expressed "
     "his agreement and suggested adding migration.\n\n\u201cThe route for the region is to combat food prices and "
     "fuel inflation\u201d in addition to the migration issue, he added.\n", "Tomas Vidal"),
])
def test_the_speaker_past_a_dateline_or_a_qualifying_phrase(extractor: Extractor, text: str, speaker: str) -> None:
    a = extractor.analyse(clean(RawDocument("t", "t.txt", text)), Quality())
    assert isinstance(a, Analysis)
    assert [q.speaker for q in a.quotes] == [speaker]


def test_a_reversed_opening_mark_glued_to_the_sentence_before() -> None:
    text = ("He is the first visitor since the government came to power.\u201dHonoured to call on the President today. "
            "Conveyed warm greetings,\u201d Jaishankar posted on X.")
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == [
        "Honoured to call on the President today. Conveyed warm greetings,"]


def test_a_straight_opening_mark_glued_to_the_sentence_before() -> None:
    text = ('The two leaders are set to hold talks."Warm welcome to the Prime Minister of Fiji, a friend," the spokesman '
            'posted on X.')
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == ["Warm welcome to the Prime Minister of Fiji, a friend,"]


def test_a_paragraph_that_is_only_a_quote_goes_on_with_an_organisation_s_words(extractor: Extractor) -> None:
    text = ("Minister visits Thimphu\n\nForeign Minister Rosa Quintero met Prime Minister Tomas Vidal on Friday.\n\n"
            '"Both countries share a unique bond," the ministry said.\n\n"During the visit, the two sides will discuss '
            'all issues of mutual interest," \n')
    a = extractor.analyse(clean(parse_text(text, "t", "t.txt")), Quality())
    assert isinstance(a, Analysis)
    assert [q.speaker for q in a.quotes] == [None, None]


def test_an_attribution_between_dashes_inside_the_marks_splits_the_quote(extractor: Extractor) -> None:
    """'"We met today, – the minister wrote on his channel. – We agreed ..."': two quotes, both his,
    and the paragraph it runs on into is his too."""
    text = ("Talks in Tashkent\n\nForeign Minister Rosa Quintero met Foreign Minister Tomas Vidal in Tashkent.\n\n"
            '"Held productive talks with my colleague from Chile, – the head of the Foreign Ministry of Peru wrote on '
            'his channel. – We discussed trade and transport links between our regions.\n\n'
            'We also agreed to meet again in the spring".\n')
    a = extractor.analyse(clean(parse_text(text, "t", "t.txt")), Quality())
    assert isinstance(a, Analysis)
    assert [(q.text, q.speaker) for q in a.quotes] == [
        ("Held productive talks with my colleague from Chile,", "Rosa Quintero"),
        ("We discussed trade and transport links between our regions.", "Rosa Quintero"),
        ("We also agreed to meet again in the spring", "Rosa Quintero")]
