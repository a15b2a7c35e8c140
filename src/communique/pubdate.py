"""The publication date a page prints about itself, when no header or metadata gives it.

Real pages print it in their furniture: a labelled line ("Published: 3 March 2021, 10:45",
"Posted on Apr. 14, 2021 · 4 min read", "Last Modified: Tuesday، 2 June 2020 10:50 PM"), a bare
date line under the headline ("Friday 12th March 2021 - 09:05"), a byline ending in a date and time
("News Desk The Canadian Press, 15 Mar, 2022 04:52 PM"), or a dateline opening the story ("ROME, 12
March 2021 (ANSA) -"). Only full dates with a year count. A date inside a sentence of
the story, a photo caption's date and a date without a year are not the publication date, and
nothing is guessed: a numeric date whose day and month could be swapped ("04/05/2021") is read
only in the order the page itself shows elsewhere (``numeric_order``), else it is no date.

Order of preference: a "published / posted / created" label, then the first bare date line or
dateline, then a date line opening the page (a masthead's date of today, when the story has its own
date line below it; among the first three lines, a weekday and date without a time is that too), then an "updated / modified" label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .extraction.dates import MONTHS

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_SEP = r"[\s,.\u060c]+"  # spaces, commas, full stops and the Arabic comma between parts
# the forms a full date takes in page furniture, each with day, month and year groups
FULL_DATES: tuple[re.Pattern[str], ...] = (
    # "26 July 2023", "26th of July, 2023", "26 of July of 2023" (also glued to a byline's name: "by Ana Ruiz10 July 2023")
    re.compile(r"(?:\b|(?<=[a-z]))" + _DAY + r"(?:" + _SEP + _WEEKDAY + r")?" + _SEP + r"(?:of\s+)?" + _MONTH + _SEP + r"(?:of\s+)?" + _YEAR
               + r"\b", re.I),
    re.compile(r"\b" + _MONTH + r"\s*" + _DAY + r"(?:" + _SEP + r"|\s*-\s*)" + _YEAR + r"\b", re.I),
    re.compile(r"\b(?P<iso_y>(?:19|20)\d\d)[-/.](?P<iso_m>[01]?\d)[-/.](?P<iso_d>[0-3]?\d)\b"),
    re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[-/.])(?P<b>[0-3]?\d)(?P=sep)" + _YEAR + r"\b"),
    # "9. 12. 2022": day, month and year with a full stop and a space after each (central European)
    re.compile(r"\b(?P<iso_d>[0-3]?\d)\.\s(?P<iso_m>[01]?\d)\.\s(?P<iso_y>(?:19|20)\d\d)\b"),
    # "07/13/22 15:15": a year of two digits, only with the time after it (else a fraction or a score)
    re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[-/.])(?P<b>[0-3]?\d)(?P=sep)(?P<yy>\d\d)(?=\s+\d{1,2}:\d{2}\b)"),
    # "31/October/2024", "31-Oct-2024": the month's name between slashes or hyphens
    re.compile(r"\b" + _DAY + r"(?P<msep>[/-])" + _MONTH + r"(?P=msep)" + _YEAR + r"\b", re.I),
)
# the label of a site whose furniture is in another language than its English story (all of them day-first)
_FOREIGN_PUBLISHED = r"опубликовано|publié|publicado|pubblicato|veröffentlicht|gepubliceerd|opublikowano"
_PUBLISHED = re.compile(r"\b(?:published|publish date|posted|first published|created|released|distributed|date|dated|"
                        r"write|written|issued|this story is from|this article is from|" + _FOREIGN_PUBLISHED + r")\b", re.I)
_UPDATED = re.compile(r"\b(?:updated|last updated|last modified|modified|edited)\b", re.I)
# what may stand beside the date on a bare date line: weekdays, times, zones, separators, reading time, the
# page's widgets ("Xinhua, April 21, 2017 Adjust font size:")
_LINE_FILLER = re.compile(
    r"\b(?:" + _WEEKDAY + r"|\d{1,2}[:.]\d{2}(?::\d{2})?|am|pm|a\.m\.|p\.m\.|hrs|gmt|utc|ist|est|edt|cet|cest|bst|pst|"
    r"pdt|msk|wat|eat|cat|jst|kst|ict|sgt|aest|ast|et|pt|local|time|min|mins|minute|minutes|read|ago|\d+|"
    r"adjust\s+font\s+size|font\s+size|text\s+size|print|e-?mail)\b"
    r"|[|·•\-–—:,.()/+\u060c]", re.I)
_CAPTION = re.compile(r"\b(?:photo|image|file|picture|credit|caption|getty|reuters/|ap photo|afp photo|"
                      r"screen\s?shot|screenshot)\b", re.I)
# "ROME, 12 March 2021 (ANSA) -", "KINGSTON, Jamaica, Jul 19 2016 -": a place, then the date
_PLACE_WORDS = r"[^\W\d_a-z](?:[^\W\d_]|[.'\u2019 -]){1,40}"  # "Lomé", "Puerto Iguazú", "Riyadh"
# a city, maybe its country or state, maybe a Hijri date before the Gregorian one ("Riyadh, Safar 16, 1441, ")
# "Rome, 12 March 2021", "(ZENIT News / Vatican City, 07.06.2025).-": an agency may open it in brackets
# "Windhoek (Namibia), May 29, 2018 (SPS) -": the country may follow the city in brackets
# "#Bermuda, October 29, 2022 -": a social site's hashtag before the place
# "MELBOURNE, Australia (Radio Australia, July 9, 2009) -": the agency and the date in brackets
_DATELINE_HEAD = re.compile(r"(?:\((?:[A-Z][\w.&' -]{1,30}/\s*)?|#)?" + _PLACE_WORDS + r"(?:\s*\([A-Z][\w.' -]{1,30}\))?(?:,\s*"
                            + _PLACE_WORDS + r")?(?:,\s*|:\s+|\s*[—–]\s*\(|\s*\([A-Z][\w.&' -]{1,30},\s*(?=[A-Z\d])|\s+[—–]\s+(?=(?:" + _WEEKDAY + r",\s*)?(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d)))"
                            r"(?:[A-Z][a-z]+ \d{1,2}, 1[34]\d\d,\s*)?(?:" + _WEEKDAY + r",\s*)?")
# "Belize City. January 31, 2020. This morning ...": a release's place and date closed by stops
_DOTTED_HEAD = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}\.\s+(?=[A-Z][a-z]+\.?\s+\d|\d{1,2}\s+[A-Z][a-z]+)")
# ", SPA -- ": the agency; "Georgetown, Guyana—(August 19, 2021) His Excellency ...": the date in brackets
_DATELINE_AFTER = re.compile(r"\s*(?:,\s*[A-Z]{2,6}\s*)?\)?\.?[ \t]*(?:$|\(|-|–|—|:|/|\|)|\)\s+(?=[A-Z])")  # (". / Kabar /.")
# "(February 24, 2017 – Washington, DC) In ...": a press release's date, then its place, in brackets
_DATE_THEN_PLACE = re.compile(r"\((?P<date>[^()–—-]{6,30}?)\s*[–—-]\s*" + _PLACE_WORDS + r"(?:,\s*" + _PLACE_WORDS + r")?\)\s+(?=[A-Z])")
# "Moroni, August 28, 2023, King Salman ...": a comma before the story, after a place (not "On Friday, 13 December ...")
_DATELINE_COMMA = re.compile(r",\s+(?=[A-Z])")
_NOT_A_PLACE = re.compile(r"(?i)(?:on|in|at|by|since|from|until|as of|last|this|monday|tuesday|wednesday|thursday|friday|"
                          r"saturday|sunday)\b")
# a site's date of today among a page's first lines: a weekday and a date, no time ("Saturday, September 21, 2024")
# (or a clock: "FRI, 25 MAY 2018 06:21 Erbil, GMT +3", the time where the site is)
_TODAY = re.compile(_WEEKDAY + r",?\s+.*\d{4}(?:\s+\d{1,2}:\d{2}\s+(?:[A-Z][\w-]+,?\s+)?(?:GMT|UTC)\s*[+-]\s*\d{1,2})?", re.I)
_MASTHEAD_LINES = 3
# "12 December, 2025, 7:46 pm Central - 23°C Rain": the site's clock; "Currency rates from 26/11/2025": its market strip
_WEATHER = re.compile(r"-?\d{1,2}\s*°\s*[CF]\b|\b(?:currency|exchange)\s+rates?\b", re.I)
# the site's weather on a line of its own ("58.9 F", "23°C"), beside its clock ("San Jose", "Thursday, April 25, 2024")
_WEATHER_LINE = re.compile(r"-?\d{1,3}(?:[.,]\d)?\s*°?\s*[CF]")
_WEATHER_NEAR = 2  # lines between the weather and the site's date of today
_MIDNIGHT = re.compile(r"(?:T|\s+)00:00(?::00)?\s*$")  # "2020-07-15 00:00:00": a stamp with no time, a site's field
# a byline ending in the story's date and time: "News Desk The Canadian Press, 15 Mar, 2022 04:52 PM"
_BYLINE_END = re.compile(r"\s*(?:,\s*)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?\s*$")
_BY = re.compile(r"\s*By\b:?\s", re.I)  # a byline's opening word
_AFTER_A_BAR = re.compile(r"\|\s*$")
_BAR_AFTER = re.compile(r"[\s\d:.]*\|")  # (the rest of the strip after the date: its time, then a bar)
_MAX_LINE = 120  # a furniture line is short; a longer one is story or caption
_HEAD_LINES = 15  # bare date lines are looked for among the first lines


@dataclass(frozen=True, slots=True)
class PublicationDate:
    date: date
    start: int  # the line or dateline that gave it, as offsets into the text
    end: int
    how: str  # "published label" | "date line" | "dateline" | "updated label"


def full_date(text: str, order: str | None = None) -> tuple[date, int, int] | None:
    """The first full date (day, month and year) in ``text`` with its offsets; None if there is none.

    ``order`` ("dmy" or "mdy") reads numeric dates whose day and month could be swapped
    ("04/05/2021"); without it such a date is no date (never a guess)."""
    found: list[tuple[int, int, date | None]] = []
    for pat in FULL_DATES:
        for m in pat.finditer(text):
            found.append((m.start(), m.end(), _to_date(m, order)))
    for start, end, d in sorted(found, key=lambda f: (f[0], -f[1])):
        if d is not None:
            return d, start, end
    return None


def _to_date(m: re.Match[str], order: str | None) -> date | None:
    g = m.groupdict()
    try:
        if g.get("iso_y"):
            return date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        year = int(g["year"]) if g.get("year") else 2000 + int(g["yy"])
        if g.get("month"):
            return date(year, MONTHS[g["month"].lower().rstrip(".")], int(g["day"]))
        a, b = int(g["a"]), int(g["b"])
        if g.get("sep") == "." and order is None:
            order = "dmy"  # "07.06.2025": dotted numeric dates are day first wherever they are written
        if a > 12 >= b or (a == b or order == "dmy") and b <= 12:
            return date(year, b, a)
        if b > 12 >= a or order == "mdy":
            return date(year, a, b)
        return None
    except (KeyError, ValueError):
        return None


_NUMERIC = FULL_DATES[3]
_TWO_DIGIT_YEAR = FULL_DATES[5]
_DAY_MONTH = (re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH, re.I), re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"\b", re.I))


def numeric_order(text: str) -> str | None:
    """How the page writes numeric dates ("dmy" or "mdy"), where it shows it: another numeric
    date that only one order makes valid ("15/11/2023"), or the same day written with its month
    name ("Dec. 4" beside "12/4/2019"). None when the page does not tell."""
    named: set[tuple[int, int]] = set()
    for pat in _DAY_MONTH:
        for m in pat.finditer(text):
            named.add((MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day"))))
    votes = {"dmy": 0, "mdy": 0}
    for m in _NUMERIC.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b or (b, a) in named and a != b:
            votes["dmy"] += 1
        elif b > 12 >= a or (a, b) in named and a != b:
            votes["mdy"] += 1
    if votes["dmy"] == votes["mdy"]:
        # a site whose furniture is in a language of day-first dates ("Опубликовано: 15:01 11/09/2019")
        return "dmy" if _DAY_FIRST_FURNITURE.search(text) else None
    return "dmy" if votes["dmy"] > votes["mdy"] else "mdy"


_DAY_FIRST_FURNITURE = re.compile(r"[\u0400-\u04ff]{4,}|\b(?:" + _FOREIGN_PUBLISHED + r")\b", re.I)


def publication_date(text: str) -> PublicationDate | None:
    """The date the page prints as its own, by the rules of the module docstring; None if none."""
    order = numeric_order(text)
    published: PublicationDate | None = None
    updated: PublicationDate | None = None
    plain: PublicationDate | None = None
    masthead: PublicationDate | None = None  # a date line opening the page: often today's date
    pos = 0
    seen = 0
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    weather = {i + 1 for i, ln in enumerate(lines[:_HEAD_LINES]) if _WEATHER_LINE.fullmatch(ln)}  # as counted by `seen`
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if len(stripped) <= _MAX_LINE and not _CAPTION.search(stripped):
            found = full_date(line, order)
            if found is not None and any(abs(seen - w) <= _WEATHER_NEAR + 1 for w in weather):
                continue  # the site's weather a line or two away: its clock, today's date
            if found is not None and seen > _MASTHEAD_LINES + 2 and _TWO_DIGIT_YEAR.match(line, found[1]):
                found = None  # ("02/13/17 12:01 AM" under a related story at the foot: only at the head of the page)
            if found is not None and _WEATHER.search(line):
                continue  # the site's clock and weather: today's date, never the page's
            if found is not None and _RANGE_BEFORE.search(line, 0, found[1]):
                found = None  # "6 - 17 November 2017": a range of days (an event's, a campaign's), no one day
            if found is not None:
                d, ds, _ = found
                label_pub = _PUBLISHED.search(line, 0, ds)
                label_upd = _UPDATED.search(line, 0, ds)
                if label_upd and (not label_pub or label_upd.start() > label_pub.start()):
                    updated = updated or PublicationDate(d, start, end, "updated label")
                    continue
                if label_pub:
                    published = published or PublicationDate(d, start, end, "published label")
                    continue
                label_pub = _PUBLISHED.search(line)
                later = full_date(line[label_pub.end():], order) if label_pub and not label_upd else None
                if later is not None and published is None:  # "11/14/2019 | News release | Distributed by ... on 11/14/2019"
                    published = PublicationDate(later[0], start, end, "published label")
                    continue
                if plain is None and seen <= _HEAD_LINES and (_is_date_line(line, found) or _AFTER_A_BAR.search(line, 0, ds) and (
                        not line[found[2]:].strip() or _BAR_AFTER.match(line, found[2]))):
                    # ("Source: Xinhua| 2020-01-22 01:16:41|Editor: huaxia": a strip of furniture, the date between bars)
                    # ("President Faure ends State visit to Mauritius |30 October 2017": a headline's date after a bar)
                    if masthead is None and (seen == 1 or (seen <= _MASTHEAD_LINES and (
                            _TODAY.fullmatch(stripped) or _MIDNIGHT.match(line, found[2])))):
                        masthead = PublicationDate(d, start, end, "date line")
                    else:
                        plain = PublicationDate(d, start, end, "date line")
                    continue
                if plain is None and seen <= _HEAD_LINES and len(line[:ds].split()) <= 10 and (
                        _BYLINE_END.match(line, found[2]) or (_BY.match(line) and not line[found[2]:].strip())):
                    # "Darpan News Desk The Canadian Press, 15 Mar, 2022 04:52 PM", "By: PNG Business News December 17, 2025"
                    plain = PublicationDate(d, start, end, "byline")
                    continue
        if plain is None and seen <= _HEAD_LINES:  # a dateline opens one of the first lines
            line_date = dateline_date(line, order)
            if line_date is not None:
                plain = PublicationDate(line_date[0], start + line_date[1], start + line_date[2], "dateline")
    return published or plain or masthead or updated


def _is_date_line(line: str, found: tuple[date, int, int]) -> bool:
    """A line that is a date and little else (weekday, time, zone, separators, a few words)."""
    _, s, e = found
    rest = _LINE_FILLER.sub(" ", line[:s] + " " + line[e:])
    return len(rest.split()) <= 3


_STAMP_DASH = re.compile(r"[ \t]*(?:\d{1,2}[:.]\d{2}[ \t]*)?(?:[-–—]|:(?=[ \t]))[ \t]*(?=[A-Z])")
_RANGE_BEFORE = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?[ \t]*(?:[-–—]|to)[ \t]*$")
# an image's file name glued before the story's first words ("Leader_receiving_the_Credentials_looking_on8th May, ...")
_FILE_NAME = re.compile(r"[\w-]*_[\w-]*_[\w-]*?(?=\d)")


def dateline_date(line: str, order: str | None = None) -> tuple[date, int, int] | None:
    """A story opening with its place and full date: (date, start, end of the dateline)."""
    offset = len(line) - len(line.lstrip())
    glued = _FILE_NAME.match(line.lstrip())
    if glued is not None and glued.end() and (stamp := full_date(line.lstrip()[glued.end() : glued.end() + 30], order)) \
            and stamp[1] == 0 and (dash := _STAMP_DASH.match(line.lstrip(), glued.end() + stamp[2])):
        return stamp[0], offset + glued.end(), offset + dash.end()
    stamp = full_date(line.lstrip()[:30], order)
    if stamp is not None and stamp[1] == 0 and (dash := _STAMP_DASH.match(line.lstrip(), stamp[2])):
        return stamp[0], offset, offset + dash.end()  # "03.11.17 09:11- President X held talks ...": the story's stamp
    first = _DATE_THEN_PLACE.match(line.lstrip())
    if first is not None:  # "(February 24, 2017 – Washington, DC) In a crucial moment ..."
        found = full_date(first.group("date"), order)
        if found is not None and found[1] == 0 and found[2] == len(first.group("date")):
            return found[0], offset, offset + first.end()
    head = _DATELINE_HEAD.match(line.lstrip())
    dotted = _DOTTED_HEAD.match(line.lstrip()) if head is None else None
    if head is None and dotted is None:
        return None
    head = head or dotted
    assert head is not None
    rest = line.lstrip()[head.end():]
    found = full_date(rest[:40], order)
    if found is None or found[1] != 0:
        return None
    d, _, e = found
    if dotted is not None:  # "Belize City. January 31, 2020. This morning ...": a stop after the date too
        if _NOT_A_PLACE.match(line.lstrip()) or not re.match(r"\.\s+(?=[A-Z])", rest[e:]):
            return None
        return d, offset, offset + head.end() + e + 1
    if not _DATELINE_AFTER.match(rest[e:]) and not (
            _DATELINE_COMMA.match(rest[e:]) and not _NOT_A_PLACE.match(line.lstrip())):
        return None
    return d, offset, offset + head.end() + e
