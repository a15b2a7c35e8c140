"""The knowledge base's regional batches (data/people/*.json) and its integrity checks: batches
load with people.json, a canonical name is one person across files, overlapping terms of one
office and full-name aliases naming two people are reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from communique.actors.integrity import ambiguous_aliases, overlapping_terms, problems
from communique.actors.kb import DATA_DIR, KnowledgeBase
from communique.errors import KnowledgeBaseError


def base(tmp_path: Path) -> Path:
    for name in ("titles.json", "countries.json"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    (tmp_path / "people.json").write_text(json.dumps({"version": "1", "people": []}), encoding="utf-8")
    (tmp_path / "people").mkdir()
    return tmp_path


def person(name: str, office: str, country: str, start: str, end: str | None, **extra: Any) -> dict[str, Any]:
    return {"id": None, "name": name, "aliases": extra.pop("aliases", []), "surnames": [], "country": country,
            "offices": [{"office": office, "country": country, "label": f"{office} of {country}",
                         "start": start, "end": end, **extra}]}


def write_batch(folder: Path, name: str, people: list[dict[str, Any]]) -> None:
    (folder / "people" / f"{name}.json").write_text(json.dumps({"version": "2", "people": people}), encoding="utf-8")


def test_batches_load_with_people_json(tmp_path: Path) -> None:
    d = base(tmp_path)
    write_batch(d, "a", [person("Ana Terra", "prime_minister", "PRT", "2001-01-01", "2004-01-01")])
    write_batch(d, "b", [person("Bo Lind", "prime_minister", "SWE", "2002-02-02", None, acting=True)])
    kb = KnowledgeBase.load(d)
    assert [p.name for p in kb.people()] == ["Ana Terra", "Bo Lind"]
    assert kb.person("Bo Lind").offices[0].acting is True  # type: ignore[union-attr]
    assert kb.version.startswith("2/")


def test_a_last_word_alone_names_one_person_but_not_a_note_or_half_of_a_surname_written_apart(tmp_path: Path) -> None:
    d = base(tmp_path)
    write_batch(d, "a", [
        person("Tomas Vidalberg", "prime_minister", "PRT", "2001-01-01", None, aliases=["Tomas Vidal Berg"]),
        person("Ana Quintero", "foreign_minister", "PER", "2002-01-01", None, aliases=["Ana Quintero (banker)"]),
        person("Rosa Ibarra", "president", "PER", "2003-01-01", None, aliases=["Rosa Maria Ibarra"])])
    kb = KnowledgeBase.load(d)
    assert [m.person.name for m in kb.match("Ibarra")] == ["Rosa Ibarra"]  # one person's last word
    assert [m.person.name for m in kb.match("Vidalberg")] == ["Tomas Vidalberg"]
    assert kb.match("Berg") == [] and kb.match("Banker") == []


def test_a_movement_s_name_and_a_word_for_god_name_no_one_alone() -> None:
    kb = KnowledgeBase.load()
    assert kb.match("Houthi") == [] and kb.match("Allah") == []  # ("Houthi actions", "by Allah's will")
    assert [m.person.name for m in kb.match("Abdul-Malik al-Houthi")] == ["Abdul-Malik al-Houthi"]


def test_a_person_in_two_batches_is_an_error_naming_both_files(tmp_path: Path) -> None:
    d = base(tmp_path)
    write_batch(d, "a", [person("Ana Terra", "prime_minister", "PRT", "2001-01-01", "2004-01-01")])
    write_batch(d, "b", [person("Ana Terra", "foreign_minister", "PRT", "2005-01-01", None)])
    with pytest.raises(KnowledgeBaseError, match=r"b\.json.*Ana Terra.*duplicate canonical name \(also in a\.json\)"):
        KnowledgeBase.load(d)


def test_acting_must_be_a_boolean(tmp_path: Path) -> None:
    d = base(tmp_path)
    write_batch(d, "a", [person("Ana Terra", "prime_minister", "PRT", "2001-01-01", None, acting="yes")])
    with pytest.raises(KnowledgeBaseError, match='"acting" must be true or false'):
        KnowledgeBase.load(d)


def test_overlapping_terms_and_shared_aliases_are_reported(tmp_path: Path) -> None:
    d = base(tmp_path)
    write_batch(d, "a", [
        person("Ana Terra", "prime_minister", "PRT", "2001-01-01", "2004-06-01", aliases=["A. Terra Silva"]),
        person("Rui Costa", "prime_minister", "PRT", "2004-01-01", None),
        person("Ines Mota", "prime_minister", "PRT", "2003-01-01", "2003-02-01", acting=True),
        person("Ana Silva", "foreign_minister", "PRT", "2001-01-01", None, aliases=["A Terra Silva"]),
    ])
    kb = KnowledgeBase.load(d)
    assert overlapping_terms(kb) == [
        "prime_minister of PRT: Ana Terra (2001-01-01 to 2004-06-01) overlaps Rui Costa (from 2004-01-01)"]
    assert ambiguous_aliases(kb) == ["'a terra silva' names Ana Silva, Ana Terra"]


def test_the_packaged_knowledge_base_has_no_integrity_problem() -> None:
    assert problems(KnowledgeBase.load()) == []


def test_coverage_reports_periods_without_an_office_holder_and_honours_no_office(tmp_path: Path) -> None:
    from datetime import date

    from communique.actors.integrity import coverage_gaps

    d = base(tmp_path)
    people = [person("Ana Terra", "prime_minister", "PRT", "2000-01-01", "2010-01-01"),
              person("Rui Mar", "prime_minister", "PRT", "2012-01-01", None)]
    (d / "people" / "a.json").write_text(json.dumps({"version": "2", "people": people, "no_office": [
        {"country": "PRT", "group": "defense_minister", "start": None, "end": None, "note": "fiction: none"}]}),
        encoding="utf-8")
    kb = KnowledgeBase.load(d)
    gaps = coverage_gaps(kb, ["PRT"], until=date(2020, 1, 1))
    found = {(g.group, str(g.start), str(g.end)) for g in gaps}
    assert ("head_of_government", "2010-01-01", "2012-01-01") in found  # two years without a prime minister
    assert not any(g.group == "defense_minister" for g in gaps)  # no_office: not a gap
    assert {g.group for g in gaps} == {"head_of_government", "head_of_state", "foreign_minister"}


def test_a_no_office_entry_needs_a_known_group_and_a_reason(tmp_path: Path) -> None:
    d = base(tmp_path)
    (d / "people" / "a.json").write_text(json.dumps({"version": "2", "people": [], "no_office": [
        {"country": "PRT", "group": "defense_minister", "start": None, "end": None}]}), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="note"):
        KnowledgeBase.load(d)
