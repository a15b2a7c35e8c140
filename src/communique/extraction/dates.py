"""Dates of meetings: explicit dates, and weekdays / "yesterday" resolved only against a known
publication date (the most recent such day on or before it); otherwise null with the words kept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_M = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:19|20)\d\d)(?!\d)"  # (not the year of a misprint: "17 January 20223")
_PART = r"(?:(?:early\s+|late\s+)?(?:morning|afternoon|evening|night|noon))"
_PREFIX = r"(?:(?:on|On)\s+)?(?:the\s+(?:" + _PART + r")\s+of\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
PATTERNS = [
    re.compile(_PREFIX + _D + r"\s+(?:of\s+)?" + _M + r"(?:,?\s+" + _Y + r")?"),
    re.compile(_PREFIX + _M + r"\s+" + _D + r"(?:,?\s+" + _Y + r")?\b"),
    re.compile(r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"),
]
WEEKDAY_RE = re.compile(
    r"(?:\b(?:on|On|last|Last|this|This)\s+)?(?:the\s+" + _PART + r"\s+of\s+)?\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?:\s+" + _PART + r")?"
)
RELATIVE_RE = re.compile(r"\b(?P<rel>yesterday|today|earlier today|last night|tonight|this (?:morning|afternoon|evening)"
                         r"|(?:a\s+(?:short\s+)?while|moments|(?:a\s+few|several|two|three|\d{1,2})\s+(?:minutes|hours))\s+ago"
                         r"|(?P<days>a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|\d{1,2})"
                         r"\s+days?\s+ago)\b"
                         r"(?:\s+" + _PART + r")?", re.I)


_SINCE = re.compile(r"\bsince\s+(?:[^,.;:()\s]+\s+)+$", re.I)  # (but "met since 10 December" is that day)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
# "State House said on Wednesday that X met Y", "announced yesterday that ...": the day it was told, not the meeting's
_TOLD_ON = re.compile(r"\b(?:said|says|announced|announces|reported|reports|stated|states|confirmed|confirms|revealed|"
                      r"disclosed|added|noted|told\s+(?:reporters|journalists|the\s+press|the\s+media))\s+(?:on\s+)?$", re.I)
_THAT_AFTER = re.compile(r"\s*,?\s*that\b")


def _day_it_was_told(text: str, s: int, e: int) -> bool:
    return bool(_TOLD_ON.search(text, max(0, s - 40), s) and _THAT_AFTER.match(text, e))
_DATED_THING = re.compile(r"\s+(?:deadline|elections?|polls?|vote|referendum|anniversary|attacks?|bombings?|coup|"
                          r"ceasefire|truce|accords?|agreement|massacre|uprising|earthquake|floods?|budget|census)\b", re.I)
# a span of days ("Aug. 7 to 9", "7-9 August"): the day of a meeting within it is not written
_RANGE_AFTER = re.compile(r"\s*(?:to|through|until|till|-|–|—)\s*(?:" + _M.replace("?P<month>", "?:") + r"\s+)?"
                          r"[0-3]?\d(?:st|nd|rd|th)?\b(?!:)"  # ("January 28 to February 3")
                          # ("on May 12th and 13th": two days, not "on 3 May and 14 June")
                          r"|\s+and\s+[0-3]?\d(?:st|nd|rd|th)?\b(?!:|[,.]\d|\s+" + _M.replace("?P<month>", "?:") + r")")
_RANGE_BEFORE = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?\s*(?:to|through|until|till|and|-|–|—)\s*$")  # ("12 and 13 May")
_ANOTHER_EVENT = re.compile(r"\b(?:ahead\s+of|before|until|till|prior\s+to|in\s+time\s+for)\s+$", re.I)


@dataclass(frozen=True, slots=True)
class DateFound:
    date: date | None
    text: str
    start: int
    end: int
    derivation: str | None


def find_date(text: str, start: int, end: int, published: date | None) -> DateFound | None:
    """The first date expression in text[start:end], resolved as far as the text allows."""
    seg = text[start:end]
    found: list[DateFound] = []
    for pat in PATTERNS:
        for m in pat.finditer(seg):
            d = _explicit(m, published)
            s, e = start + m.start(), start + m.end()
            if _SINCE.search(text, max(start, s - 60), s) or _day_it_was_told(text, s, e):
                continue  # "since the new Commission took office on 1 December": when a period began
            if _THE_BEFORE.search(text, max(0, s - 6), s) and _DATED_THING.match(text, e):
                continue  # "as the February 28th deadline approaches": the day of another thing, not the meeting's
            if _RANGE_AFTER.match(text, e) or (m.groupdict().get("day") and _RANGE_BEFORE.search(text, max(0, s - 12), s)):
                found.append(DateFound(None, text[s:e], s, e, None))  # "an Aug. 7 to 9 visit": which day is not said
                continue
            if not (m.groupdict().get("year") or m.groupdict().get("iso")) and (published is None or (
                    _to_come(m, published) and not _SINCE_RIGHT_BEFORE.search(text, max(0, s - 12), s))):
                # (undated page; or "a meeting on Wednesday, February 18" in a January article: a day to come,
                # but "met since 10 December" in a November one: last year's)
                found.append(DateFound(None, text[s:e], s, e, None))
            elif d is not None:
                how = "explicit date" if (m.groupdict().get("year") or m.groupdict().get("iso")) else "day and month, year of publication"
                found.append(DateFound(d, text[s:e], s, e, how))
    if not found:
        for m in WEEKDAY_RE.finditer(seg):
            s, e = start + m.start(), start + m.end()
            if (_ANOTHER_EVENT.search(text, max(0, s - 30), s) and re.match(r"(?:’s|'s)\s", text[e : e + 3])) or (
                    _day_it_was_told(text, s, e)):
                continue  # "ahead of Tuesday's swearing-in": the day of something to come, not the meeting's
            d = _weekday(m.group("wd"), published)
            why = f"most recent {m.group('wd')} on or before the publication date {published}" if d else None
            found.append(DateFound(d, text[s:e], s, e, why))
        for m in _SAME_DAY.finditer(seg):  # "on the same day (21)": the day of the month it writes
            s, e = start + m.start(), start + m.end()
            same = _day_of_month(int(m.group(1)), published) if published is not None else None
            found.append(DateFound(same, text[s:e], s, e,
                                   f"day {m.group(1)} of the month, on or before the publication date {published}"
                                   if same else None))
        for m in RELATIVE_RE.finditer(seg):
            s, e = start + m.start(), start + m.end()
            if _day_it_was_told(text, s, e):
                continue  # "the ministry said yesterday that ..."
            rel = m.group("rel").lower()
            d = None
            if published is not None and m.group("days"):  # "twelve days ago": that many days before publication
                d = published - timedelta(days=_DAY_COUNTS.get(m.group("days").lower()) or int(m.group("days")))
            elif published is not None:
                d = published - timedelta(days=1) if rel in ("yesterday", "last night") else published
            rel_why = f"'{rel}' relative to the publication date {published}" if d else None
            found.append(DateFound(d, text[s:e], s, e, rel_why))
    if not found:
        return None
    first = min(found, key=lambda f: f.start)
    day = _DAY_AFTER.match(text, first.end)
    if day and published is not None and first.derivation and "publication date" in first.derivation:
        # "this morning (21)", "on Sunday (21)": the day of the month the page writes beside the word
        d = _day_of_month(int(day.group(1)), published)
        if d is not None:
            return DateFound(d, text[first.start : day.end()], first.start, day.end(),
                             f"day {day.group(1)} of the month, on or before the publication date {published}")
    return first


_DAY_COUNTS = {w: n for n, w in enumerate(("a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                            "eleven", "twelve", "thirteen", "fourteen"), start=1)} | {"one": 1}
_SAME_DAY = re.compile(r"\b(?:the\s+same\s+day|that\s+day)\s*\((\d{1,2})(?:st|nd|rd|th)?\)", re.I)
_DAY_AFTER = re.compile(r"\s*\((\d{1,2})(?:st|nd|rd|th)?\)")


def _day_of_month(day: int, published: date) -> date | None:
    """The most recent date with that day of the month on or before ``published``."""
    try:
        if day <= published.day:
            return published.replace(day=day)
        prev = published.replace(day=1) - timedelta(days=1)
        return prev.replace(day=day)
    except ValueError:
        return None


def _explicit(m: re.Match[str], published: date | None) -> date | None:
    g = m.groupdict()
    try:
        if g.get("iso"):
            return date.fromisoformat(g["iso"])
        month = MONTHS[g["month"].lower().rstrip(".")]
        day = int(g["day"])
        if g.get("year"):
            return date(int(g["year"]), month, day)
        if published is None:
            return None
        d = date(published.year, month, day)
        if d > published:  # "March 3" in a January article is last year's
            d = date(published.year - 1, month, day)
        return d
    except (KeyError, ValueError):
        return None


_SINCE_RIGHT_BEFORE = re.compile(r"\b(?:since|last)\s+(?:on\s+)?$", re.I)
_WEEKS_TO_COME = 62  # days after the publication date within which a day without a year is still to come


def _to_come(m: re.Match[str], published: date) -> bool:
    """A day and month without a year that fall in the weeks after the publication date."""
    try:
        d = date(published.year, MONTHS[m.group("month").lower().rstrip(".")], int(m.group("day")))
    except (KeyError, ValueError, IndexError):
        return False
    return 0 < (d - published).days <= _WEEKS_TO_COME


def _weekday(name: str, published: date | None) -> date | None:
    if published is None:
        return None
    back = (published.weekday() - WEEKDAYS[name.lower()]) % 7
    return published - timedelta(days=back)
