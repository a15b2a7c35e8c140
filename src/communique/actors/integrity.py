"""Integrity checks of the knowledge base: the problems a data batch must not bring in.

- two terms of one single-holder office (``single`` in titles.json: a country's president, prime
  minister, foreign or defence minister, monarch ...) overlap, neither of them acting;
- one full-name alias names two people (a surname shared by two people is normal and is resolved
  by title and date; a full name is not);
- a person's name or alias is another person's canonical name.

Each problem is a line naming the people and the dates, for the test and for
``python3 -m communique.actors.integrity``.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .kb import KnowledgeBase, name_key


def overlapping_terms(kb: KnowledgeBase) -> list[str]:
    terms: dict[tuple[str, str | None, str | None], list[tuple[object, object, str, bool]]] = defaultdict(list)
    for p in kb.people():
        for o in p.offices:
            if not kb.office_types[o.office].single or o.start is None:
                continue
            terms[(o.office, o.country, o.org)].append((o.start, o.end, p.name, o.acting))
    out = []
    for (office, country, org), items in sorted(terms.items(), key=lambda kv: str(kv[0])):
        items = sorted((t for t in items if not t[3]), key=lambda t: str(t[0]))  # acting terms may overlap
        for a, b in zip(items, items[1:], strict=False):
            a_end = a[1]
            if a[2] == b[2]:
                continue
            if a_end is None or str(b[0]) < str(a_end):
                out.append(f"{office} of {country or org}: {a[2]} ({a[0]} to {a_end or 'now'}) "
                           f"overlaps {b[2]} (from {b[0]})")
    return out


def ambiguous_aliases(kb: KnowledgeBase) -> list[str]:
    owners: dict[str, set[str]] = defaultdict(set)
    for p in kb.people():
        for form in (p.name, *p.aliases):
            if len(form.split()) >= 2:
                owners[name_key(form)].add(p.name)
    return [f"{key!r} names {', '.join(sorted(names))}" for key, names in sorted(owners.items()) if len(names) > 1]


def problems(kb: KnowledgeBase) -> list[str]:
    return overlapping_terms(kb) + ambiguous_aliases(kb)


# the 193 UN member states, the two observers (Holy See, Palestine), Taiwan and Kosovo
COVERED = frozenset("""
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
    BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
    DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
    GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
    LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
    NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
    KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
    SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
    ZWE
    VAT PSE TWN XKX
""".split())  # noqa: SIM905 (a table reads better)


# the offices of each group (schema.OFFICE_GROUPS) whose holders cover a country's periods
GROUP_OFFICES = {
    "head_of_state": frozenset({"president", "king", "emir", "sultan", "head_of_state", "supreme_leader"}),
    "head_of_government": frozenset({"prime_minister", "chancellor"}),
    "foreign_minister": frozenset({"foreign_minister"}),
    "defense_minister": frozenset({"defense_minister"}),
}


@dataclass(frozen=True, slots=True)
class Gap:
    country: str
    group: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def coverage_gaps(kb: KnowledgeBase, countries: Iterable[str], since: date = date(2000, 1, 1),
                  until: date = date(2026, 6, 30), tolerance: int = 45) -> list[Gap]:
    """Periods longer than ``tolerance`` days in which the knowledge base names nobody in an
    office group of a country, leaving out its ``no_office`` periods."""
    spans: dict[tuple[str, str], list[tuple[date, date]]] = defaultdict(list)
    for p in kb.people():
        for o in p.offices:
            for group, offices in GROUP_OFFICES.items():
                if o.office in offices and o.country:
                    spans[(o.country, group)].append((o.start or date.min, o.end or date.max))
    for x in kb.no_office:
        spans[(x["country"], x["group"])].append((x["start"] or date.min, x["end"] or date.max))
    out: list[Gap] = []
    for country in sorted(set(countries)):
        for group in GROUP_OFFICES:
            cur = since
            for s, e in sorted(spans.get((country, group), [])):
                if (s - cur).days > tolerance and s <= until:
                    out.append(Gap(country, group, cur, min(s, until)))
                cur = max(cur, e)
            if (until - cur).days > tolerance:
                out.append(Gap(country, group, cur, until))
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m communique.actors.integrity``: the data problems; with ``--coverage [ISO3 ...]``,
    the periods since 2000 in which a country has no head of state or government, foreign or
    defence minister in the knowledge base (every country when none is named)."""
    args = sys.argv[1:] if argv is None else argv
    kb = KnowledgeBase.load()
    if args[:1] == ["--coverage"]:
        gaps = coverage_gaps(kb, args[1:] or COVERED)
        for g in gaps:
            print(f"{g.country} {g.group}: {g.start} to {g.end} ({g.days} days)")
        print(f"{len(gaps)} gap(s), {sum(g.days for g in gaps)} days", file=sys.stderr)
        return 1 if gaps else 0
    found = problems(kb)
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
