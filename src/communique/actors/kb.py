"""The political-people knowledge base: people, aliases, offices with dates, countries, titles.

The knowledge lives in three versioned JSON files beside this module (``data/people.json``,
``data/countries.json``, ``data/titles.json``); :meth:`KnowledgeBase.load` validates them and
precomputes every index, so callers load it once and pass the instance around.

Names are compared through two normalised keys:

* the *exact key*: case, diacritics, apostrophes (’ ' ʿ ʾ), hyphens and dots folded, the Arabic
  article (al-, el-, ad-, as-, ...) dropped: ``"Mohammed Shia’ Al-Sudani" -> "mohammed shia sudani"``;
* the *loose key*, for transliteration variants: kh->x, gh/q/k/ck->q, dh->z, ph->f, w->v, dj->j,
  doubled vowels and ou/oo/ee folded, e->i, o->u, y->i inside a word, doubled letters collapsed:
  ``"Raeisi"/"Raeesi"/"Raisi" -> "raisi"``, ``"Kazemi"/"Kadhimi" -> "qazimi"``.

The loose key matches full names of two words or more only. There is no fuzzy matching: a single
word matches only a surname or alias the knowledge base lists, exactly (case, diacritics,
apostrophes folded), so a surname one letter away from a known person's is another person
("Milei" is not "Milley", "About" is not "Abbott").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import KnowledgeBaseError
from .schema import (
    read_json,
    validate_countries,
    validate_no_office,
    validate_people,
    validate_titles,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
_APOSTROPHES = "'’‘`´ʿʾʼ′"
_POSSESSIVE_RE = re.compile(r"[" + _APOSTROPHES + r"]s\b", re.IGNORECASE)
_PARTICLE_RE = re.compile(r"\b(?:a[dlnrstz]|ash|el|ul)-", re.IGNORECASE)
_PARTICLES = frozenset({"al", "el"})
_CASED_HONORIFICS = frozenset({"HE", "HH", "HM", "HRH", "HE."})  # only in capitals: "HE the Minister", not "he"
PERSONAL_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof", "eng", "engr"})  # then a given name
_PATRONYMIC = frozenset({"bin", "ibn", "bint", "ben", "of"})  # "Sultan bin Abdulaziz": a name, not a title


@dataclass(frozen=True, slots=True)
class Office:
    office: str  # type key: president, prime_minister, supreme_leader, ...
    country: str | None  # ISO-3, a region code such as "IRQ-KRD", or None for an organisation
    label: str  # "President of Iran"
    start: date | None
    end: date | None  # None: still in office
    org: str | None = None  # "Quds Force", "Hezbollah", ...
    acting: bool = False  # an acting, interim or caretaker term

    def held_on(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class PersonEntry:
    id: str | None  # Wikidata QID
    name: str  # canonical, common English Wikipedia form
    aliases: tuple[str, ...]
    surnames: tuple[str, ...]
    country: str
    offices: tuple[Office, ...]

    def offices_on(self, on: date) -> tuple[Office, ...]:
        return tuple(o for o in self.offices if o.held_on(on))


@dataclass(frozen=True, slots=True)
class RoleCue:
    office: str
    country: str | None = None
    org: str | None = None
    former: bool = False


@dataclass(frozen=True, slots=True)
class NameMatch:
    person: PersonEntry
    score: float
    how: str  # canonical | alias | transliteration | surname | partial | fuzzy


@dataclass(frozen=True, slots=True)
class OfficeType:
    key: str
    title: str  # "President": used to build labels for people not in the knowledge base
    rank: int  # prominence: lower is more prominent
    single: bool  # one holder per country (and organisation) at a time


@dataclass(frozen=True, slots=True)
class _RolePhrase:
    tokens: tuple[str, ...]
    office: str
    country: str | None
    org: str | None


# --- normalisation ------------------------------------------------------------------------


_NO_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


# countries whose people carry a father's then a mother's surname and are named by the first in use
_SPANISH_NAMING = frozenset({"ARG", "BOL", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "SLV", "GNQ", "GTM", "HND", "MEX",
                             "NIC", "PAN", "PRY", "PER", "ESP", "URY", "VEN", "PRI"})


def fold(text: str) -> str:
    """Lower case, no diacritics, apostrophes removed, other punctuation as spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    text = _POSSESSIVE_RE.sub("", text).translate(_NO_APOSTROPHES)
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def name_key(name: str) -> str:
    """The exact comparison key of a personal name (see the module docstring)."""
    name = _PARTICLE_RE.sub("", unicodedata.normalize("NFKC", name))
    return " ".join(t for t in fold(name).split() if t not in _PARTICLES)


def _loose_token(tok: str) -> str:
    for a, b in (("kh", "x"), ("gh", "q"), ("ck", "q"), ("dh", "z"), ("ph", "f"), ("dj", "j"), ("th", "t"),
                 ("ou", "u"), ("oo", "u"), ("ee", "i"), ("aa", "a"), ("ii", "i")):
        tok = tok.replace(a, b)
    tok = tok.replace("k", "q").replace("w", "v")
    tok = tok[:1] + tok[1:].replace("y", "i")
    tok = tok.replace("e", "i").replace("o", "u")
    return re.sub(r"(.)\1+", r"\1", tok)


def loose_key(name: str, variants: dict[str, str] | None = None) -> str:
    """The transliteration-tolerant key of a personal name.

    ``variants`` maps spellings of common given names to one form ("muhammad" -> "mohammed"),
    from ``titles.json`` ``name_variants``.
    """
    toks = ["bin" if t in ("ibn", "ben", "bn") else t for t in name_key(name).split()]
    # a pilgrim's "Haji" inside a Malay name ("Abdullah Hj Ahmad Badawi") is no part of whose name it is
    toks = [t for n, t in enumerate(toks) if n == 0 or t not in ("hj", "haji")]
    if variants:
        toks = [variants.get(t, t) for t in toks]
    return " ".join(_loose_token(t) for t in toks)


def _split_surname(form: str, p: PersonEntry) -> bool:
    """Whether the last two words of a name are one of ``p``'s surnames written apart ("Hassan Nasr Allah")."""
    words = form.split()
    joined = name_key("".join(words[-2:])) if len(words) > 2 else ""
    return bool(joined) and any(name_key(x) == joined for x in (*p.surnames, p.name.split()[-1]))


class KnowledgeBase:
    """People, offices, countries and titles, with every lookup index precomputed."""

    def __init__(self, version: str, people: Sequence[PersonEntry], countries: dict[str, dict[str, Any]],
                 titles: dict[str, Any], no_office: Sequence[dict[str, Any]] = ()) -> None:
        self.version = version
        self.no_office = tuple(no_office)  # periods without an office of a country's own (coverage report)
        self._split_memo: dict[str, tuple[RoleCue | None, str]] = {}  # split_role is pure: memoised
        self._loose_memo: dict[str, str] = {}  # loose_key is pure: memoised
        self._country_memo: dict[str, str | None] = {}  # country_code is pure: memoised
        self._people = tuple(people)
        self._by_name = {p.name: p for p in self._people}
        self._countries = countries
        self._country_words: dict[str, str] = {}
        self._country_abbrevs: dict[str, str] = {}  # all-caps short forms: only matched in capitals
        self._country_adjectives: dict[str, str] = {}  # names, short forms and demonyms (not capitals)
        for code, c in countries.items():
            for word in c["names"]:
                if word.isupper() and len(word) <= 5:
                    self._country_abbrevs[word.replace(".", "")] = code
                    continue
                # "Saint Lucia" is written "St Lucia" and "St. Lucia" as often
                saint = [abbr + word[5:] for abbr in ("St", "St.")] if word.startswith("Saint ") else []
                for form in (word, *saint):
                    self._country_words.setdefault(fold(form), code)
                    self._country_adjectives.setdefault(fold(form), code)
            for word in c["demonyms"]:
                self._country_words.setdefault(fold(word), code)
                self._country_adjectives.setdefault(fold(word), code)
            for word in c["capitals"] + c["metonyms"]:
                self._country_words.setdefault(fold(word), code)
        self.office_types: dict[str, OfficeType] = {
            k: OfficeType(k, v["title"], int(v["rank"]), bool(v["single"])) for k, v in titles["office_types"].items()
        }
        self._honorifics: dict[str, list[tuple[str, ...]]] = {}
        for h in sorted({tuple(fold(h).split()) for h in titles["honorifics"]}, key=len, reverse=True):
            self._honorifics.setdefault(h[0], []).append(h)
        self._modifiers = frozenset(w for m in titles["modifiers"] for w in fold(m).split())
        # "Speaker of the Iraqi Parliament", "Chairman of the Iranian Parliament": an institution after the
        # country; parliaments turn a chair ("chairman", "president", "head") into the speaker
        self._institutions: dict[tuple[str, ...], str | None] = {
            tuple(fold(k).split()): v for k, v in titles.get("institutions", {}).items()
        }
        self._former_words = frozenset(fold(m) for m in titles["former_words"])
        phrases = [
            _RolePhrase(tuple(fold(r["phrase"]).split()), r["office"], r.get("country"), r.get("org"))
            for r in titles["role_phrases"]
        ]
        self._role_phrases: dict[str, list[_RolePhrase]] = {}
        for r in sorted(phrases, key=lambda r: len(r.tokens), reverse=True):
            self._role_phrases.setdefault(r.tokens[0], []).append(r)
        self._variants: dict[str, str] = {}
        for group in titles.get("name_variants", []):
            for form in group:
                self._variants.setdefault(fold(form).replace(" ", ""), fold(group[0]).replace(" ", ""))
        # common words that are also someone's surname never name that person alone
        self.not_surnames = frozenset(titles.get("not_surnames", []))
        self._build_name_indexes()

    # --- loading --------------------------------------------------------------------------

    @classmethod
    def load(cls, directory: Path | None = None) -> KnowledgeBase:
        """Read and validate the data files (default: the packaged ones): ``titles.json``,
        ``countries.json``, ``people.json`` and the regional batches ``people/*.json``.
        A canonical name is one person across all files."""
        d = directory or DATA_DIR
        titles = read_json(d / "titles.json")
        countries_raw = read_json(d / "countries.json")
        countries = validate_countries(countries_raw, str(d / "countries.json"))
        office_types = validate_titles(titles, str(d / "titles.json"), countries)
        people: list[PersonEntry] = []
        no_office: list[dict[str, Any]] = []
        versions = []
        seen: dict[str, str] = {}
        for path in [d / "people.json", *sorted((d / "people").glob("*.json"))]:
            raw = read_json(path)
            versions.append(raw["version"])
            no_office += validate_no_office(raw, str(path), countries)
            for p in validate_people(raw, str(path), countries, office_types):
                if p["name"] in seen:
                    raise KnowledgeBaseError(str(path), p["name"], f"duplicate canonical name (also in {seen[p['name']]})")
                seen[p["name"]] = path.name
                people.append(PersonEntry(p["id"], p["name"], p["aliases"], p["surnames"], p["country"],
                                          tuple(Office(**o) for o in p["offices"])))
        version = f"{max(versions)}/{countries_raw['version']}/{titles['version']}"
        return cls(version, people, countries, titles, no_office)

    # --- indexes --------------------------------------------------------------------------

    def _build_name_indexes(self) -> None:
        self._exact: dict[str, list[tuple[PersonEntry, str]]] = {}
        self._loose: dict[str, list[PersonEntry]] = {}
        self._surname: dict[str, list[PersonEntry]] = {}
        self._full_names: dict[str, list[tuple[PersonEntry, tuple[str, ...]]]] = {}  # by last word
        self._full_loose: dict[str, list[tuple[PersonEntry, tuple[str, ...]]]] = {}  # the same, loose keys
        self._by_name_word: dict[str, list[PersonEntry]] = {}
        for p in self._people:
            toks = [t.lower() for t in re.split(r"[\s,-]+", p.name) if t]
            # (not her father's name: "Bandar" of "Reema bint Bandar" names her only with "bint")
            for w in {t for k, t in enumerate(toks) if not (k and toks[k - 1] == "bint")}:
                _add(self._by_name_word, w, p)
        last_tokens: dict[str, set[str]] = {}
        first_tokens: set[str] = set()
        for p in self._people:
            for form, how in [(p.name, "canonical")] + [(a, "alias") for a in p.aliases]:
                key = name_key(form)
                _add(self._exact, key, (p, how))
                lk = self.loose_key(form)
                _add(self._loose, lk, p)
                if key:
                    _add(self._full_names, key.split()[-1], (p, tuple(key.split())))
                    _add(self._full_loose, lk.split()[-1], (p, tuple(lk.split())))
                if len(key.split()) > 1 and " of " not in f" {key} ":  # ("Ibrahim of Johor": a place, no surname)
                    if not (p.country in _SPANISH_NAMING and len(key.split()) >= 3  # (a mother's surname: "Brolo Vila")
                            and not any(name_key(x).endswith(key.split()[-1]) for x in p.surnames)) and (
                            key.split()[-2] != "bint") and "(" not in form and not _split_surname(form, p):
                        # ("Reema bint Bandar": her father's name, never hers alone; "Abdul Sattar (diplomat)": a
                        # note that tells namesakes apart; "Hassan Nasr Allah": half of "Nasrallah")
                        last_tokens.setdefault(key.split()[-1], set()).add(p.name)
                    first_tokens.add(key.split()[0])
            for s in p.surnames:
                _add(self._surname, name_key(s), p)
        # a Spanish name drops its second (mother's) surname in use: "Bruno Rodríguez" is "Bruno Rodríguez
        # Parrilla", when no other person has that short form; never the one surname after two given
        # names ("Miguel Ángel" is not Miguel Ángel Moratinos)
        for p in self._people:
            words = p.name.split()
            if (p.country in _SPANISH_NAMING and len(words) >= 3 and "(" not in p.name
                    and all(w[:1].isupper() for w in words[-2:])
                    and not _one_surname(words, p.surnames, first_tokens, last_tokens)):
                short = " ".join(words[:-1])
                key = name_key(short)
                if key not in self._exact:
                    _add(self._exact, key, (p, "alias"))
                    _add(self._loose, self.loose_key(short), p)
        # a last name used alone, when it belongs to one person only, is nobody's full name and is
        # not also a given name ("Mustafa" ends "Mohammad Mustafa" but starts "Mustafa al-Kadhimi")
        self._given_names = frozenset(first_tokens)
        self._loose_given_names = frozenset(self.loose_key(t) for t in first_tokens)
        self._implicit_surname = {
            tok: self._by_name[next(iter(names))]
            for tok, names in last_tokens.items()
            if len(names) == 1 and len(tok) > 3 and tok not in self._exact and tok not in self._surname
            and tok not in first_tokens and tok not in self._variants
        }

    def loose_key(self, name: str) -> str:
        """:func:`loose_key` with this knowledge base's given-name variants (remembered: pure)."""
        found = self._loose_memo.get(name)
        if found is None:
            if len(self._loose_memo) > 50_000:
                self._loose_memo.clear()
            found = self._loose_memo[name] = self._loose_key(name)
        return found

    def is_given_name(self, word: str) -> bool:
        """Whether ``word`` begins the full name of somebody in the knowledge base ("Héctor")."""
        key = name_key(word)
        return key in self._given_names or self.loose_key(key) in self._loose_given_names

    def with_name_word(self, word: str) -> Sequence[PersonEntry]:
        """People one of whose name words is ``word`` (case folded): "Alexander" -> Lukashenko, ..."""
        return self._by_name_word.get(word.lower(), ())

    def _loose_key(self, name: str) -> str:
        return loose_key(name, self._variants)

    # --- people ---------------------------------------------------------------------------

    def people(self) -> Sequence[PersonEntry]:
        return self._people

    def person(self, name: str) -> PersonEntry | None:
        return self._by_name.get(name)

    def match(self, surface: str) -> list[NameMatch]:
        """Every person ``surface`` may name, scored and ranked best first."""
        _cue, rest = self.split_role(surface)
        key = name_key(rest)
        if not key:
            return []
        found: dict[str, NameMatch] = {}

        def note(p: PersonEntry, score: float, how: str) -> None:
            if p.name not in found or found[p.name].score < score:
                found[p.name] = NameMatch(p, score, how)

        for p, how in self._exact.get(name_key(surface), ()):  # an alias with its title ("King Hussein")
            note(p, 1.0 if how == "canonical" else 0.97, how)

        for p, how in self._exact.get(key, ()):
            note(p, 1.0 if how == "canonical" else 0.97, how)
        if key not in self.not_surnames:  # "Friday" alone is a day, not Godwin Friday
            for p in self._surname.get(key, ()):
                note(p, 0.85, "surname")
            if key in self._implicit_surname:
                note(self._implicit_surname[key], 0.7, "surname")
        place = bool(self.country_code(rest))  # "Korea" is not a spelling of "Qureia"
        toks = tuple(key.split())
        if not found and not place and len(toks) >= 2:
            # a full name in another transliteration ("Ebrahim Raeisi"); never one word alone:
            # a surname one letter away from a known person's is another person ("Milei" / "Milley")
            for p in self._loose.get(self.loose_key(rest), ()):
                note(p, 0.9, "transliteration")
        if not found and len(toks) >= 2 and not any(len(t) <= 2 for t in toks[:-1]) and toks[0] not in ("the", "a", "an"):
            # (initials: below; "The Royal Government" is no short form of "Princess Anne, the Princess Royal")
            # a shortened full name ("Lula da Silva"), then the same in transliteration ("Muhammad Akhund"
            # for "Mohammad Hassan Akhund"); the loose form never for a place's name
            loose = tuple(self.loose_key(rest).split())
            written = set(self.loose_key(surface).split())  # a given name read as a title is still written ("Amir Khan ...")
            for index, short, score in ((self._full_names, toks, 0.8), (self._full_loose, loose, 0.75)):
                if found or not short or (index is self._full_loose and place):
                    break
                for p, full in index.get(short[-1], ()):
                    if self._shortened(short, full, p, index is self._full_loose, written, toks[-1]):
                        note(p, score, "partial")
        if not found and len(toks) >= 2 and all(len(t) <= 2 for t in toks[:-1]):
            # initials before a surname ("Kh.Battulga", "S Jaishankar"): the one person whose given names they begin
            same_surname = {p.name for p, _ in self._full_names.get(toks[-1], ())}
            hits = {p.name: p for p, full in self._full_names.get(toks[-1], ())
                    if len(full) > len(toks) - 1 and all(f.startswith(t) for t, f in zip(toks[:-1], full, strict=False))}
            if len(hits) == 1 and len(same_surname) == 1:  # "M. Khan" could be any Khan
                note(next(iter(hits.values())), 0.8, "initials")
        if not found and not place and len(toks) == 3 and not set(toks) & {"bin", "ibn", "bint", "ben", "al", "el", "de"}:
            # a middle name the knowledge base leaves out ("Russ Joseph Kun" for Russ Kun): the same given name and
            # surname around one word more (never in a chain of fathers' names: "Maktoum bin Mohammed bin Rashid")
            fuller = {p.name: p for p, full in self._full_names.get(toks[-1], ())
                      if 2 <= len(full) < len(toks) and full[0] == toks[0] and _is_subsequence(full, toks)}
            if len(fuller) == 1:
                note(next(iter(fuller.values())), 0.75, "partial")
        return sorted(found.values(), key=lambda m: (-m.score, m.person.name))

    def _shortened(self, short: tuple[str, ...], full: tuple[str, ...], p: PersonEntry, respelt: bool,
                   written: set[str], surname: str) -> bool:
        """Whether ``short`` is ``full`` (one of ``p``'s names) written shorter: its words in order, the
        same fathers and given name of a patronymic, and the surname the person goes by. ``respelt``:
        both in loose (transliteration) form, where two approximations at once name someone else;
        ``surname``: the last word as the text spells it."""
        if not (_is_subsequence(short, full) and _same_fathers(short, full) and _same_given(short, full)):
            return False
        if short[0] != full[0] and (full[0] not in written if respelt else short[0] in self._given_names):
            # a name that drops the first given name opens with no one's given name ("Lula da Silva", "Tayyip
            # Erdoğan"; "José Ruiz" is not "Juan José Ruiz Morales"); in another spelling it keeps its first
            # name ("Ahmed Saleh" is not "Barham Ahmed Salih"), unless that is written and read as a title
            return False
        if respelt and not (set(full) <= written or surname in {name_key(n).split()[-1] for n in (p.name, *p.aliases)}):
            return False  # shortened and respelt, the surname is as the KB writes it: not "Mohammad Sadiq" for
            # Mohammad Kazem Al-e Sadeq ("Muhammad Akhund" is Mohammad Hassan Akhund)
        return _keeps_the_surname(short, full, p, self.loose_key)

    def match_name(self, surface: str) -> list[PersonEntry]:
        """People ``surface`` may name (honorifics and title words stripped), best first."""
        return [m.person for m in self.match(surface)]

    def holders(self, office: str, country: str | None, on: date | None, *, org: str | None = None) -> list[PersonEntry]:
        """Who held ``office`` in ``country`` (any country when None) on ``on`` (ever when None), latest first.

        ``org`` names the organisation ("Hezbollah", "Quds Force"); None means a state office, not one
        of an organisation.
        """
        out = []
        for p in self._people:
            for o in p.offices:
                if o.office != office or (country is not None and o.country != country) or o.org != org:
                    continue
                if on is None or o.held_on(on):
                    out.append((o.start or date.min, p))
                    break
        return [p for _, p in sorted(out, key=lambda t: t[0], reverse=True)]

    def role_at(self, person: PersonEntry, on: date | None, office_hint: str | None = None) -> Office | None:
        """The office ``person`` held on ``on`` (preferring ``office_hint``).

        on=None (an undated document): the hinted office, else the most prominent office still held,
        else the most prominent one ever held.
        """
        offices = person.offices_on(on) if on is not None else person.offices
        if not offices:
            return None
        if on is None and office_hint is None:
            offices = tuple(o for o in offices if o.end is None) or offices
        if office_hint is not None:
            hinted = [o for o in offices if o.office == office_hint]
            if hinted:
                return max(hinted, key=lambda o: o.start or date.min)
        return min(offices, key=lambda o: (self._rank(o.office), -(o.start or date.min).toordinal()))

    def former_role(self, person: PersonEntry, on: date) -> Office | None:
        """The most prominent office ``person`` had left before ``on`` (for "former" labels)."""
        past = [o for o in person.offices if o.end is not None and o.end < on]
        if not past:
            return None
        return min(past, key=lambda o: (self._rank(o.office), -(o.start or date.min).toordinal()))

    def _rank(self, office: str) -> int:
        t = self.office_types.get(office)
        return t.rank if t else 99

    # --- countries ------------------------------------------------------------------------

    def country_code(self, word: str) -> str | None:
        """ISO-3 code for a country name, short form, demonym, capital or metonym; None when unknown."""
        if word in self._country_memo:
            return self._country_memo[word]
        code = self._country_code(word)
        if len(self._country_memo) < 100_000:  # (bounded: a long batch reads many words)
            self._country_memo[word] = code
        return code

    def _country_code(self, word: str) -> str | None:
        stripped = word.strip().strip(".,;:")
        if stripped.replace(".", "") in self._country_abbrevs:
            return self._country_abbrevs[stripped.replace(".", "")]
        key = fold(stripped)
        if key.startswith("the "):
            key = key[4:]
        for cand in (key, key[:-1] if key.endswith("s") else None):
            if cand and cand in self._country_words:
                return self._country_words[cand]
        return None

    def country_name(self, code: str) -> str | None:
        c = self._countries.get(code)
        return c["label_name"] if c else None

    def countries(self) -> dict[str, dict[str, Any]]:
        return dict(self._countries)

    # --- titles and roles -----------------------------------------------------------------

    def strip_honorifics(self, surface: str) -> str:
        """The name left when leading honorifics and title words are removed."""
        return self.split_role(surface)[1]

    def parse_role(self, text: str) -> RoleCue | None:
        """The office (and country) a role description names, when ``text`` is nothing but one."""
        toks = _tokens(text)
        res = self._role_at(toks, 0)
        i = 0
        while res is None and self._honorific_at(toks, i):  # "His Excellency the President"
            i += self._honorific_at(toks, i)
            res = self._role_at(toks, i)
        if res is None:
            return None
        cue, end = res
        return cue if end == len(toks) else None

    def split_role(self, surface: str) -> tuple[RoleCue | None, str]:
        """Split ``"Iraqi President Hujjat al-Islam Abdul Latif Rashid"`` into the role cue and the name."""
        hit = self._split_memo.get(surface)
        if hit is None:
            if len(self._split_memo) >= _MEMO_SIZE:
                self._split_memo.clear()
            hit = self._split_memo[surface] = self._split_role(surface)
        return hit

    def _split_role(self, surface: str) -> tuple[RoleCue | None, str]:
        toks = _tokens(surface)
        cue: RoleCue | None = None
        i = 0
        while i < len(toks):
            res = self._role_at(toks, i)
            if res is not None and res[1] == i + 1 and i > 0 and toks[i - 1][0] in PERSONAL_HONORIFICS:
                break  # "Dr. Sultan Al Jaber", "Mr. King": after a personal honorific, a given name
            if res is not None and res[1] < len(toks) and toks[res[1]][0] not in _PATRONYMIC:
                cue = cue or res[0]
                i = res[1]
                continue
            h = self._honorific_at(toks, i)
            if h:
                i += h
                continue
            c = self._country_at(toks, i)  # "Egypt's Sisi", "Turkey’s Erdogan"
            if c is not None and c[1] < len(toks) and _POSSESSIVE_RE.search(toks[c[1] - 1][1]):
                i = c[1]
                continue
            break
        if i == 0:
            return None, surface.strip()
        if i >= len(toks):
            return cue, ""
        return cue, surface[toks[i][2]:].strip(" ,.;:")

    def _honorific_at(self, toks: list[tuple[str, str, int]], i: int) -> int:
        if i >= len(toks):
            return 0
        if toks[i][1] in _CASED_HONORIFICS:
            return 1
        words = tuple(t[0] for t in toks[i:i + 8])
        for h in self._honorifics.get(words[0], ()):
            if words[: len(h)] == h:
                return len(h)
        return 0

    def _country_at(self, toks: list[tuple[str, str, int]], i: int) -> tuple[str, int] | None:
        """A country name/demonym starting at token ``i``: (code, end index)."""
        best: tuple[str, int] | None = None
        for j in range(i + 1, min(len(toks), i + 6) + 1):
            orig = " ".join(t[1] for t in toks[i:j])
            if j == i + 1 and orig.replace(".", "") in self._country_abbrevs:
                best = (self._country_abbrevs[orig.replace(".", "")], j)
                continue
            key = " ".join(t[0] for t in toks[i:j])
            if key in self._country_adjectives:
                best = (self._country_adjectives[key], j)
        return best

    def _phrase_at(self, toks: list[tuple[str, str, int]], i: int) -> tuple[_RolePhrase, int] | None:
        if i >= len(toks):
            return None
        words = tuple(t[0] for t in toks[i:i + 16])
        for r in self._role_phrases.get(words[0], ()):
            if words[: len(r.tokens)] == r.tokens:
                return r, i + len(r.tokens)
        return None

    def _role_at(self, toks: list[tuple[str, str, int]], i: int) -> tuple[RoleCue, int] | None:
        """Grammar: [the] [former] [COUNTRY] ROLE [of [the] COUNTRY]."""
        former = False
        country: str | None = None
        while i < len(toks) and self._phrase_at(toks, i) is None and (toks[i][0] == "the" or toks[i][0] in self._modifiers):
            if (c := self._country_at(toks, i)) is not None and c[1] > i + 1:
                break  # "the New Zealand Prime Minister": a country whose name opens with a modifier's word
            former = former or toks[i][0] in self._former_words
            i += 1
        phrase = self._phrase_at(toks, i)
        if phrase is None:
            c = self._country_at(toks, i)
            if c is None:
                return None
            country, i = c
            c = self._country_at(toks, i)  # "Iraqi Kurdistan Region President": the narrower one
            if c is not None:
                country, i = c
            while i < len(toks) and self._phrase_at(toks, i) is None and toks[i][0] in self._modifiers:
                former = former or toks[i][0] in self._former_words  # "the Malian Transitional Head of State"
                i += 1
            phrase = self._phrase_at(toks, i)
            if phrase is None:
                return None
        rp, i = phrase
        first = rp
        office = rp.office
        while True:
            if i + 1 < len(toks) and toks[i][0] == "of":
                j = i + 1 + (toks[i + 1][0] == "the")
                c = self._country_at(toks, j)
                if c is not None:
                    country, i = c
                inst = self._institution_at(toks, i if c is not None else j)
                if inst is not None:
                    if inst[0] is not None and (c is None or office in ("president", "chairman", "speaker", "leader")):
                        office = inst[0]
                    i = inst[1]
                    if c is None and i + 1 < len(toks) and toks[i][0] == "of":
                        # "Prime Minister of the Republic of Georgia": the country after the state's form
                        c = self._country_at(toks, i + 1 + (i + 2 < len(toks) and toks[i + 1][0] == "the"))
                        if c is not None:
                            country, i = c
            # "the Prime Minister and Minister of Foreign Affairs": the first title leads
            nxt = self._phrase_at(toks, i + 1) if i + 1 < len(toks) and toks[i][0] == "and" else None
            if nxt is None:
                break
            rp, i = nxt
        return RoleCue(office, country or first.country, first.org, former), i

    def _institution_at(self, toks: list[tuple[str, str, int]], i: int) -> tuple[str | None, int] | None:
        for n in range(4, 0, -1):
            words = tuple(t[0] for t in toks[i:i + n])
            if len(words) == n and words in self._institutions:
                return self._institutions[words], i + n
        return None


_MEMO_SIZE = 50_000  # surfaces remembered by split_role (cleared when full)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """Words of ``text`` as (folded, original, start offset); possessive 's dropped."""
    out = []
    for m in re.finditer(r"[^\s,;:()\[\]\"“”]+", text):
        orig = m.group().strip(".")
        f = fold(m.group())
        if f:
            for part in f.split():
                out.append((part, orig, m.start()))
    return out


def _one_surname(words: Sequence[str], surnames: Sequence[str], given: set[str], last: dict[str, set[str]]) -> bool:
    """Whether a name's last word is its only surname: the word is the person's listed surname, or the
    word before it is a given name that ends no one's name and begins none of the person's surnames."""
    listed = [name_key(s) for s in surnames]
    if name_key(words[-1]) in listed:
        return True
    before = name_key(words[-2])
    return before in given and before not in last and not any(s.split()[0] == before for s in listed if s)


def _add(index: dict[str, list[Any]], key: str, value: Any) -> None:
    if not key:
        return
    bucket = index.setdefault(key, [])
    if value not in bucket:
        bucket.append(value)


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    it = iter(long)
    return all(tok in it for tok in short)


def _keeps_the_surname(short: Sequence[str], full: Sequence[str], p: PersonEntry, loose: Any) -> bool:
    """A shortened name ends with the surname the person goes by, in any spelling (the last word of
    the canonical name or a listed surname), or is a run of words of one of the person's forms as
    written ("Baradar Akhund"): "Luis Gómez" is not Luis Federico Franco Gómez, who goes by Franco."""
    def bare(word: str) -> str:
        return re.sub(r"^(?:al|el|ad|ar|as|at|az|an)[- ]?", "", loose(word).replace("-", ""))

    ends = {name_key(x).split()[-1] for x in (p.name, *p.surnames) if name_key(x)}
    n = len(short)
    return bare(short[-1]) in {bare(x) for x in ends} or bool(ends & {"jr", "sr", "ii", "iii"}) or any(
        tuple(full[i : i + n]) == tuple(short) for i in range(len(full) - n + 1))


def _same_given(short: Sequence[str], long: Sequence[str]) -> bool:
    """A patronymic name shortened keeps its given name ("Hamad Isa Al Khalifa" is Hamad bin Isa,
    not his son "Salman bin Hamad bin Isa Al Khalifa"), any name its generation suffix."""
    if long[-1] in ("jr", "sr", "ii", "iii") and short[-1] != long[-1]:
        return False  # "Ferdinand Marcos" is the father of "Ferdinand Marcos Jr."
    return short[0] == long[0] or not any(t in ("bin", "ibn", "bint") for t in long)


def _same_fathers(short: Sequence[str], long: Sequence[str]) -> bool:
    """A "bin X" in the shorter name is a "bin X" of the longer one: "Abdullah bin Saud" is not
    "Abdullah bin Abdulaziz Al Saud"."""
    pairs = set(zip(long, long[1:], strict=False))
    return all((a, b) in pairs for a, b in zip(short, short[1:], strict=False) if a in ("bin", "ibn", "bint"))
