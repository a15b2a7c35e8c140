"""Merging reports into events: date/place compatibility, copies, agreement and conflicts, ids."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from communique.dedup import Link, link_documents
from communique.events import assign_event_ids, event_id, merge_events
from communique.options import Options
from communique.records import DocumentResult, Meeting
from test_dedup import make_result, seed_results

P = ("Anthony Albanese", "Prabowo Subianto")


def doc(doc_id: str, *meetings: Meeting, pub: date | None = None) -> DocumentResult:
    return make_result(doc_id, f"text of {doc_id}", people=P, meetings=meetings, pub=pub)


def ids(results: list[DocumentResult]) -> list[list[str | None]]:
    return [[m.event_id for m in r.analysis.meetings] for r in results]


def test_undated_report_takes_the_date_of_a_matching_weekday() -> None:
    dated = doc("a", Meeting(P, date=date(2024, 4, 27), location="Jakarta"), pub=date(2024, 4, 27))
    weekday = doc("b", Meeting(P, date_text="on Saturday", location="Jakarta"), pub=date(2024, 4, 29))
    wrong_day = doc("c", Meeting(P, date_text="on Tuesday"), pub=date(2024, 4, 29))
    events = merge_events([dated, weekday, wrong_day])
    assert len(events) == 2
    e = next(e for e in events if e.date)
    assert e.sources == [("a", 0), ("b", 0)]
    assert e.date_derivation == "from a (2024-04-27); undated in b; b said 'on Saturday'"
    assert e.fields["date"] == {"value": "2024-04-27", "sources": {"a": "2024-04-27", "b": None}, "agreed_by": 1, "conflict": False}
    assert e.event_id == event_id(("a", 0))
    results = [dated, weekday, wrong_day]
    assign_event_ids(results, events, fill_dates=True)
    assert ids(results)[0] == ids(results)[1] != ids(results)[2]
    assert weekday.analysis.meetings[0].date == date(2024, 4, 27)
    assert weekday.analysis.meetings[0].date_derivation == "from a (same event)"


def test_known_dates_that_differ_are_different_events() -> None:
    a = doc("a", Meeting(P, date=date(2023, 11, 6)))
    b = doc("b", Meeting(P, date=date(2025, 1, 8)))
    c = doc("c", Meeting(P, date=date(2025, 1, 8), location="Canberra"))
    events = merge_events([a, b, c])
    assert sorted(len(e.sources) for e in events) == [1, 2]


def test_window_and_a_place_that_disagrees() -> None:
    base = doc("a", Meeting(P, date=date(2024, 1, 10), location="Bali"))
    late = doc("b", Meeting(P), pub=date(2024, 1, 30))  # outside the 7-day window
    elsewhere = doc("c", Meeting(P, location="Perth"), pub=date(2024, 1, 11))  # a dispute, not another event
    near = doc("d", Meeting(P, location="bali"), pub=date(2024, 1, 12))
    events = merge_events([base, late, elsewhere, near])
    assert sorted(sorted(d for d, _ in e.sources) for e in events) == [["a", "c", "d"], ["b"]]
    bali = next(e for e in events if len(e.sources) == 3)
    assert bali.disputed and bali.conflicts == ("location",)
    assert bali.fields["location"]["sources"] == {"a": "Bali", "c": "Perth", "d": "bali"}
    assert len(merge_events([base, late], opts=Options(event_window_days=30))) == 1


def test_a_place_contradiction_is_one_disputed_event() -> None:
    tehran = doc("tehran", Meeting(P, date=date(2024, 5, 2), location="Tehran"), pub=date(2024, 5, 2))
    mashhad = doc("mashhad", Meeting(P, date=date(2024, 5, 2), location="Mashhad"), pub=date(2024, 5, 3))
    (e,) = merge_events([tehran, mashhad])
    assert e.disputed and e.to_json()["disputed"] is True and e.to_json()["conflicts"] == ["location"]
    assert e.fields["location"]["agreed_by"] == 1 and e.to_json()["independent_reports"] == 2
    assert e.event_id == event_id(("tehran", 0))  # the first report's


def test_dates_within_the_window_dispute_and_dates_beyond_it_or_stated_twice_split() -> None:
    monday = doc("m", Meeting(P, date=date(2024, 6, 3)))
    tuesday = doc("t", Meeting(P, date=date(2024, 6, 4)))
    (e,) = merge_events([monday, tuesday])
    assert e.conflicts == ("date",)
    assert len(merge_events([monday, doc("later", Meeting(P, date=date(2024, 6, 20)))])) == 2
    twice = doc("twice", Meeting(P, date=date(2024, 6, 3)), Meeting(P, date=date(2024, 6, 5)))  # "met again on ..."
    assert len(merge_events([twice])) == 2


def test_copies_never_raise_agreement() -> None:
    orig = doc("orig", Meeting(P, date=date(2024, 3, 1), location="Jakarta"), pub=date(2024, 3, 1))
    copies = [doc(f"copy-{i:03d}", Meeting(P, date=date(2024, 3, 1), location="Jakarta"), pub=date(2024, 3, 1))
              for i in range(119)]
    links = [Link(c.doc_id, "orig", "exact copy", 1.0) for c in copies[:60]]
    links += [Link(c.doc_id, copies[0].doc_id, "near copy (jaccard 0.90)", 0.9) for c in copies[60:]]  # copies of a copy
    (e,) = merge_events([*copies, orig], links)
    data = e.to_json()
    assert (data["independent_reports"], data["copies"]) == (1, 119)
    assert data["reports"] == [{"doc_id": "orig", "copies": sorted(c.doc_id for c in copies)}]
    assert e.fields["location"]["agreed_by"] == 1 and e.fields["date"]["agreed_by"] == 1
    assert e.event_id == event_id(("copy-000", 0))  # the first report (published the same day, first by id)
    other = doc("other", Meeting(P, date=date(2024, 3, 1), location="Jakarta"), pub=date(2024, 3, 2))
    (e2,) = merge_events([*copies, orig, other], links)
    assert e2.fields["location"]["agreed_by"] == 2 and e2.to_json()["independent_reports"] == 2


def test_undated_reports_published_together_merge() -> None:
    a = doc("a", Meeting(P, date_text="on Monday"), pub=date(2024, 2, 6))
    b = doc("b", Meeting(P), pub=date(2024, 2, 7))
    c = doc("c", Meeting(P))  # no date and no publication date: alone
    events = merge_events([a, b, c])
    assert sorted(sorted(d for d, _ in e.sources) for e in events) == [["a", "b"], ["c"]]
    assert next(e for e in events if len(e.sources) == 2).event_id == event_id(("a", 0))


def test_report_without_any_date_joins_the_only_event_it_fits() -> None:
    dated = doc("a", Meeting(P, date=date(2024, 11, 14), location="Cairo"), pub=date(2024, 11, 15))
    bare = doc("b", Meeting(P, date_text="on Thursday", location="Cairo"))
    assert [sorted(e.sources) for e in merge_events([dated, bare])] == [[("a", 0), ("b", 0)]]
    wrong_day = doc("c", Meeting(P, date_text="on Friday"))
    assert len(merge_events([dated, wrong_day])) == 2
    second = doc("d", Meeting(P, date=date(2023, 5, 4)))  # two events it could be: ambiguous, stays alone
    assert len(merge_events([dated, second, doc("e", Meeting(P))])) == 3


def test_reports_that_never_say_when_are_one_event_when_nothing_else_fits() -> None:
    first = doc("a", Meeting(P, date_text="on Friday", location="Bogor"))
    second = doc("b", Meeting(P, location="Bogor"))
    third = doc("c", Meeting(P, date_text="on Friday"))
    (e,) = merge_events([third, first, second])
    assert sorted(e.sources) == [("a", 0), ("b", 0), ("c", 0)] and e.event_id == event_id(("a", 0))
    other_day = doc("d", Meeting(P, date_text="on Monday", location="Bogor"))
    elsewhere = doc("e", Meeting(P, location="Canberra"))
    assert sorted(len(e.sources) for e in merge_events([first, second, other_day, elsewhere])) == [1, 1, 2]
    # a timed event they could both be: neither joins it, but the two that name the same weekday
    # (and no other place) are one meeting told twice, whichever event it is
    timed = doc("f", Meeting(P), pub=date(2024, 8, 2))
    assert sorted(sorted(d for d, _ in e.sources) for e in merge_events([first, third, timed])) == [["a", "c"], ["f"]]


def test_a_report_without_any_date_is_ambiguous_when_another_undated_meeting_exists() -> None:
    dated = doc("a", Meeting(P, date=date(2024, 11, 18), location="Jakarta"), pub=date(2024, 11, 18))  # a Monday
    tuesday = doc("b", Meeting(P, date_text="on Tuesday", location="Jakarta"))  # cannot be a's meeting
    bare = doc("c", Meeting(P, location="Jakarta"))  # a's meeting or b's: stays alone
    events = merge_events([dated, tuesday, bare])
    assert sorted(sorted(d for d, _ in e.sources) for e in events) == [["a"], ["b"], ["c"]]
    assert [sorted(e.sources) for e in merge_events([dated, bare])] == [[("a", 0), ("c", 0)]]
    again = doc("d", Meeting(P, date_text="on Tuesday"))  # fits only b's meeting
    assert sorted(sorted(d for d, _ in e.sources) for e in merge_events([bare, again, tuesday, dated])) == [["a"], ["b", "d"], ["c"]]


def test_a_report_that_fits_two_events_joins_the_one_quoting_the_same_remarks() -> None:
    """A report with no date anywhere that fits two dated events of the pair (its weekday is both
    dates') joins the one whose reports quote the same words; a quote that is in both events, or
    only a few words in common, settles nothing."""
    remarks = "We took stock of the whole range of our ties and agreed to do much more together"
    summit = doc("a", Meeting(P, date=date(2024, 11, 19), location="Rio de Janeiro"), pub=date(2024, 11, 19))
    visit = doc("b", Meeting(P, date=date(2025, 7, 8), location="Brasília"), pub=date(2025, 7, 8))  # also a Tuesday
    # the remarks come in a report that fits the summit alone (its place), taken in first
    echo = make_result("c", "text of c", people=P, meetings=(Meeting(P, location="Rio de Janeiro"),), quotes=(remarks,))
    bare = make_result("d", "text of d", people=P, meetings=(Meeting(P, date_text="on Tuesday"),),
                       quotes=(remarks.upper() + " in the years ahead",))
    events = merge_events([bare, visit, echo, summit])
    assert sorted(sorted(d for d, _ in e.sources) for e in events) == [["a", "c", "d"], ["b"]]
    short = make_result("d", "text of d", people=P, meetings=(Meeting(P, date_text="on Tuesday"),),
                        quotes=("agreed to do much more together",))
    assert sorted(sorted(d for d, _ in e.sources) for e in merge_events([short, visit, echo, summit])) == [["a", "c"], ["b"], ["d"]]
    both = make_result("e", "text of e", people=P, meetings=(Meeting(P, location="Brasília"),), quotes=(remarks,))
    assert sorted(sorted(d for d, _ in e.sources) for e in merge_events([bare, visit, echo, summit, both])) == [
        ["a", "c"], ["b", "e"], ["d"]]


def test_two_reports_that_fit_several_events_and_quote_the_same_remarks_are_one_event() -> None:
    remarks = "This is the gallery where you will be meeting members of the press every week"
    first = doc("a", Meeting(P, date=date(2022, 1, 3), location="Abuja"), pub=date(2022, 1, 3))
    second = doc("b", Meeting(P, date=date(2023, 5, 26), location="Abuja"), pub=date(2023, 5, 26))
    tour = make_result("c", "text of c", people=P, meetings=(Meeting(P, location="Abuja"),), quotes=(remarks,))
    retold = make_result("d", "text of d", people=P, meetings=(Meeting(P, location="Abuja"),), quotes=(remarks.lower(),))
    events = merge_events([retold, first, tour, second])
    assert sorted(sorted(d for d, _ in e.sources) for e in events) == [["a"], ["b"], ["c", "d"]]
    unquoted = make_result("d", "text of d", people=P, meetings=(Meeting(P, location="Abuja"),))
    assert len(merge_events([unquoted, first, tour, second])) == 4


def test_reports_that_never_say_when_but_name_one_weekday_and_place_join_each_other() -> None:
    """Three reports of "on Friday ... in Abuja" with no date anywhere: each could also be an undated
    event of the pair published some day (no weekday of its own), so none can join it; they are
    still one meeting told three times."""
    timed = doc("t", Meeting(P, location="Abuja"), pub=date(2022, 1, 10))  # published, no weekday
    friday = [doc(d, Meeting(P, date_text="on Friday", location="Abuja")) for d in ("f1", "f2", "f3")]
    events = merge_events([timed, *friday])
    assert sorted(sorted(d for d, _ in e.sources) for e in events) == [["f1", "f2", "f3"], ["t"]]
    other_day = doc("m", Meeting(P, date_text="on Monday", location="Abuja"))  # another weekday: alone
    events = merge_events([timed, *friday, other_day])
    assert sorted(sorted(d for d, _ in e.sources) for e in events) == [["f1", "f2", "f3"], ["m"], ["t"]]


STORY = (
    "Prime Minister Anthony Albanese received President Prabowo Subianto at Parliament House for talks "
    "on maritime patrols, fisheries and a new student exchange scheme. The two leaders walked through the "
    "courtyard before sitting down with their ministers for an hour, and officials said they had agreed "
    "to hold yearly meetings of their defence chiefs. Prabowo told reporters that the neighbours shared a "
    "long coastline and a long history of trading along it, and that he wanted more young people from his "
    "country to study in Australian universities. Albanese said the fisheries deal would protect small "
    "boat crews on both sides and that a joint patrol of the Arafura Sea would begin before the wet season. "
    "Both governments will publish the text of the patrol agreement next month, a spokesperson said. "
)
SITE = (
    "Read more from our politics desk every weekday morning. Sign up for the newsletter to get the stories "
    "our editors pick, the weather for your town, local sport results and the best of our long reads, with "
    "offers from partners you can switch off at any time. Our reporters cover councils, courts and the "
    "parliament, and we answer every letter readers send to the editor within a week of receiving it. "
)


def test_a_reprint_of_another_length_joins_its_original() -> None:
    words = STORY.split()
    original = make_result("orig", STORY, people=P, meetings=(Meeting(P, location="Canberra"),), pub=date(2024, 3, 1))
    cut = " ".join(words[: len(words) * 2 // 3])  # the reprint stops early and carries the site's text
    reprint = make_result("reprint", SITE + cut + " " + SITE.upper(), people=P,
                          meetings=(Meeting(P, location="Canberra"),), pub=date(2025, 6, 1))
    other = make_result("other", SITE + (  # the site's text around another story of the pair
        "Indonesia's president and the Australian prime minister spoke about drought relief, cattle exports and "
        "the cost of flights between Darwin and Kupang when they sat down together in September, weeks after "
        "a fire season that closed schools across three provinces and left farmers short of feed for months."),
        people=P, meetings=(Meeting(P),), pub=date(2024, 9, 1))
    links = link_documents([original, reprint, other], Options())
    assert [(x.doc_id, x.target) for x in links] == [("reprint", "orig")]
    assert links[0].reason.startswith("near copy: ") and "of the shorter text shared" in links[0].reason
    events = merge_events([original, reprint, other], links)
    assert sorted(sorted(d for d, _ in e.sources) for e in events) == [["orig", "reprint"], ["other"]]
    (e,) = (e for e in events if len(e.sources) == 2)
    assert e.originals == ["orig"] and e.copies == {"reprint": "orig"}


def test_a_report_embedding_a_post_stays_the_original_of_its_reprint() -> None:
    post = "pic.twitter.com/Ab12Cd34"
    original = make_result("orig", STORY + post, people=P, meetings=(Meeting(P, location="Canberra"),),
                           pub=date(2024, 3, 1), spam=(post,))
    reprint = make_result("reprint", STORY.replace("Parliament House", "Parliament House in Canberra"), people=P,
                          meetings=(Meeting(P, location="Canberra"),), pub=date(2024, 3, 2))
    spammed = make_result("spammed", STORY + "cheap-pills-online.com", people=P, meetings=(Meeting(P),),
                          pub=date(2024, 2, 28), spam=("cheap-pills-online.com",))
    links = link_documents([reprint, original, spammed], Options())
    assert [(x.doc_id, x.target) for x in links] == [("reprint", "orig"), ("spammed", "orig")]
    (e,) = merge_events([reprint, original, spammed], links)
    assert e.originals == ["orig"]


def test_copies_join_their_original_and_conflicts_are_flagged() -> None:
    orig = doc("orig", Meeting(P, ("Retno Marsudi",), date=date(2024, 3, 1), location="Jakarta"))
    copy = doc("copy", Meeting(P, ("Penny Wong",), date=date(2024, 3, 2), location="Jakarta"))
    third = doc("third", Meeting(P, ("Retno Marsudi",), date=date(2024, 3, 1)))
    events = merge_events([orig, copy, third], [Link("copy", "orig", "spun copy of orig", 0.7)])
    assert len(events) == 1
    e = events[0]
    assert e.date == date(2024, 3, 1)
    # the spun copy's other date and attendee are shown, but a copy neither agrees nor disagrees
    assert e.fields["date"]["agreed_by"] == 2 and e.fields["date"]["conflict"] is False
    assert e.fields["date"]["sources"]["copy"] == "2024-03-02"
    assert e.fields["location"] == {"value": "Jakarta", "sources": {"orig": "Jakarta", "copy": "Jakarta", "third": None},
                                    "agreed_by": 1, "conflict": False}
    assert e.fields["attendees"]["value"] == ["Retno Marsudi"] and e.conflicts == ()
    assert e.attendees == ("Penny Wong", "Retno Marsudi")
    assert e.copies == {"copy": "orig"} and e.originals == ["orig", "third"]
    data = json.loads(json.dumps(e.to_json()))
    assert data["reports"] == [{"doc_id": "orig", "copies": ["copy"]}, {"doc_id": "third", "copies": []}]
    assert data["disputed"] is False and data["date_source"] == "text"
    weekday = doc("w", Meeting(P, date=date(2024, 3, 1), date_text="on Friday",
                               date_derivation="most recent Friday on or before the publication date 2024-03-02"))
    assert merge_events([weekday])[0].date_source == "publication"


def test_ids_do_not_depend_on_input_order() -> None:
    docs = [doc("a", Meeting(P, date=date(2024, 4, 27))), doc("b", Meeting(P, date_text="Saturday"), pub=date(2024, 4, 28)),
            doc("c", Meeting(P), pub=date(2022, 1, 1))]
    one = [(e.event_id, sorted(e.sources)) for e in merge_events(docs)]
    two = [(e.event_id, sorted(e.sources)) for e in merge_events(docs[::-1])]
    assert one == two


def test_seed_events(seeds_dir: Path, gold_dir: Path) -> None:
    results = seed_results(seeds_dir, gold_dir)
    links = link_documents(results, Options(embeddings=False))
    events = merge_events(results, links)
    assign_event_ids(results, events)
    got = {r.doc_id[:3]: r.analysis.meetings[0].event_id for r in results}
    assert got["002"] == got["003"]
    assert len({got["000"], got["001"], got["002"], got["004"]}) == 4
    rashid = next(e for e in events if ("002_2c749cdfbc01d25b", 0) in e.sources)
    assert rashid.date is None and rashid.location == "Tehran"
    assert rashid.fields["location"]["agreed_by"] == 1  # the spun copy adds no agreement
    assert rashid.copies == {"002_2c749cdfbc01d25b": "003_dacb1954d6c9fa71"}
    assert rashid.event_id == event_id(min(rashid.sources, key=lambda s: (next(
        r.clean.raw.publication_date or date.max for r in results if r.doc_id == s[0]), s)))



def _store_with_events(tmp_path: Path) -> tuple[str, list[str]]:
    from communique.store import Store

    url = f"sqlite:///{tmp_path / 'ev.db'}"
    a = make_result("wire-1", "Prabowo hosted Albanese in Jakarta on Saturday.", people=P, pub=date(2024, 4, 28),
                    meetings=(Meeting(P, ("Retno Marsudi",), date=date(2024, 4, 27), location="Jakarta"),))
    b = make_result("paper-2", "Albanese met Prabowo on Saturday.", people=P, pub=date(2024, 4, 29),
                    meetings=(Meeting(P, ("Penny Wong",), date_text="on Saturday", location="Jakarta"),))
    c = make_result("other-3", "Xi met Lula.", people=("Xi Jinping", "Lula da Silva"),
                    meetings=(Meeting(("Xi Jinping", "Lula da Silva"), date=date(2023, 4, 14), location="Beijing"),))
    results = [a, b, c]
    events = merge_events(results)
    assign_event_ids(results, events)
    with Store.open(url) as store:
        store.save_results(results)
        store.replace_events([(e.event_id, e.to_json()) for e in events], [(e.event_id, d, i) for e in events for d, i in e.sources])
    return url, [e.event_id for e in events]


def test_cli_events_newest_first_with_the_api_filters(tmp_path: Path) -> None:
    import dataclasses

    from click.testing import CliRunner

    from communique.cli.events_cmd import events_cmd
    from communique.records import Person
    from communique.store import Store

    url = f"sqlite:///{tmp_path / 'order.db'}"
    lula = ("Lula da Silva", "Narendra Modi")
    results = [
        make_result("a-undated", "Lula met Modi.", people=lula, meetings=(Meeting(lula, location="Delhi"),)),
        make_result("b-old", "Xi met Lula.", people=("Xi Jinping", "Lula da Silva"),
                    meetings=(Meeting(("Xi Jinping", "Lula da Silva"), date=date(2023, 4, 14), location="Beijing"),)),
        make_result("c-new", "Prabowo hosted Albanese.", people=P,
                    meetings=(Meeting(P, date=date(2024, 4, 27), location="Jakarta"),)),
    ]
    results[1] = dataclasses.replace(results[1], analysis=dataclasses.replace(results[1].analysis, people=(
        Person("Xi Jinping", country="CHN"), Person("Lula da Silva", country="BRA"))))
    events = merge_events(results)
    assign_event_ids(results, events)
    with Store.open(url) as store:
        store.save_results(results)
        store.replace_events([(e.event_id, e.to_json()) for e in events], [(e.event_id, d, i) for e in events for d, i in e.sources])
    new, old, undated = (event_id((d, 0)) for d in ("c-new", "b-old", "a-undated"))

    def ids(*args: str) -> list[str]:
        out = CliRunner().invoke(events_cmd, ["--db", url, "--format", "json", *args])
        assert out.exit_code == 0, out.output
        return [e["event_id"] for e in json.loads(out.output)]

    assert ids() == [new, old, undated]  # newest first, undated last (not by id)
    assert ids("--limit", "2") == [new, old]
    assert ids("--from", "2024-01-01") == [new]
    assert ids("--to", "2023-12-31") == [old]
    assert ids("--country", "chn") == [old]
    assert ids("--from", "2025-01-01") == []
    bad = CliRunner().invoke(events_cmd, ["--db", url, "--from", "April"])
    assert bad.exit_code == 2 and "'April' does not match the format '%Y-%m-%d'" in bad.output

    # one rendering of a missing date: "undated", in the CLI's text and in the web UI
    table = CliRunner().invoke(events_cmd, ["--db", url]).output.splitlines()
    assert table[-1].split()[:2] == [undated, "undated"]
    from communique.cli.events_cmd import event_cmd

    shown = CliRunner().invoke(event_cmd, [undated, "--db", url]).output
    assert "date: undated\n" in shown and "\nplace: Delhi\n" in shown and "location" not in shown
    assert "    a-undated: undated\n" in shown
    from fastapi.testclient import TestClient

    from communique.api import create_app

    with Store.open(url) as store, TestClient(create_app(Options(db=url), store)) as client:
        home, page = client.get("/").text, client.get(f"/events/{undated}").text
        document = client.get("/documents/a-undated").text
    assert ">undated</a>" in home and "date unknown" not in home
    assert "<strong>undated</strong>" in page
    assert '<span class="meta">undated · ' in document and "undated · undated" not in document


def test_cli_events_and_event(tmp_path: Path) -> None:
    from click.testing import CliRunner

    try:
        from communique.cli.events_cmd import event_cmd, events_cmd
    except ModuleNotFoundError as exc:  # cli/__init__ imports every registered command module
        if exc.name in (None, "communique.cli.events_cmd") or not exc.name.startswith("communique.cli."):
            raise
        pytest.skip(f"communique.cli cannot be imported yet: {exc}")

    url, _ = _store_with_events(tmp_path)
    runner = CliRunner()
    jakarta = event_id(("wire-1", 0))
    out = runner.invoke(events_cmd, ["--db", url, "--person", "albanese"])
    assert out.exit_code == 0, out.output
    assert out.output.splitlines() == [
        "event             date        participants                         place    reports  conflicts",
        f"{jakarta}  2024-04-27  Anthony Albanese + Prabowo Subianto  Jakarta  2        ! attendees",
    ]
    listed = json.loads(runner.invoke(events_cmd, ["--db", url, "--format", "json"]).output)
    assert len(listed) == 2
    shown = runner.invoke(event_cmd, [jakarta, "--db", url])
    assert shown.exit_code == 0
    assert "date: 2024-04-27 (from wire-1 (2024-04-27); undated in paper-2; paper-2 said 'on Saturday')" in shown.output
    assert "attendees: Penny Wong  (agreed by 1 of 2)  ! CONFLICT\n    wire-1: Retno Marsudi\n    paper-2: Penny Wong" in shown.output
    assert "place: Jakarta  (agreed by 2 of 2)\n" in shown.output
    missing = runner.invoke(event_cmd, ["evt-000000000000", "--db", url])
    assert missing.exit_code == 4
    assert missing.output.startswith("error: no event 'evt-000000000000' in sqlite:///")
    assert runner.invoke(events_cmd, ["--db", url, "--person", "nobody"]).output == "no events: no person in the store matches 'nobody'\n"


def test_cli_bench_dedup_small() -> None:
    from click.testing import CliRunner

    from communique.bench.dedup import bench_dedup_cmd

    out = CliRunner().invoke(bench_dedup_cmd, ["--sizes", "300,600"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0] == "dedup + events benchmark (synthetic analysis records; embeddings OFF in these runs)"
    assert lines[2].split()[0] == "300" and lines[3].split()[0] == "600"
    assert "embeddings: skipped" in out.output
    bad = CliRunner().invoke(bench_dedup_cmd, ["--sizes", "ten"])
    assert bad.exit_code == 2 and "not a comma-separated list of integers" in bad.output


def test_cli_event_answers_an_old_id_with_where_it_went(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from communique.cli.events_cmd import event_cmd
    from communique.store import Store

    url, ids = _store_with_events(tmp_path)
    with Store.open(url) as store:
        data = store.load_events()
        keep, gone = ids
        merged = {**data[keep], "sources": data[keep]["sources"] + data[gone]["sources"]}
        store.replace_events([(keep, merged)], [(keep, d, i) for d, i in merged["sources"]])
    out = CliRunner().invoke(event_cmd, [gone, "--db", url])
    assert out.exit_code == 0, out.output
    assert f"note: event {gone} is now {keep} (its reports were merged or split)" in out.output
    assert f"event: {keep}" in out.output
