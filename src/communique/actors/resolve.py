"""Resolving a mention (a name or a role description) to a person of the knowledge base.

Names go through :meth:`KnowledgeBase.match` and are disambiguated by the date of the document
(who held an office then) and by the people already resolved in the same document. Role
descriptions ("the Iraqi president") go through :meth:`KnowledgeBase.parse_role` and
:meth:`KnowledgeBase.holders`; without a date they only resolve to someone already in the
document who held that office (in-document coreference).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from .kb import KnowledgeBase, NameMatch, PersonEntry, RoleCue, name_key

CONTEXT_BONUS = 0.3
ACTIVE_BONUS = 0.15
ROLE_BONUS = 0.2
COUNTRY_BONUS = 0.1
AMBIGUITY_MARGIN = 0.05
FUZZY_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class Resolution:
    person: PersonEntry | None  # None: someone not in the knowledge base
    name: str  # canonical name, or the fullest surface name with honorifics stripped
    role: str | None  # office label at the date ("President of Iran"; "... (former)" when left before it)
    country: str | None  # ISO-3
    confidence: float
    # canonical | alias | surname | transliteration | partial | suffix | fuzzy (each may end "+context"),
    # role+name ("King Abdullah"), context+name ("Sheikh Mohammed"), role+date, role+context, unknown
    how: str
    office: str | None = None  # office type key of ``role`` (president, prime_minister, ...)


def resolve_mention(kb: KnowledgeBase, surface: str, on: date | None, *,
                    context: Sequence[PersonEntry] = ()) -> Resolution | None:
    """Resolve ``surface`` ("Chairman Raeisi", "the Iraqi president") as of ``on``; None when it names nobody."""
    cue = kb.parse_role(surface)
    if cue is not None:
        return _resolve_role(kb, cue, on, context)
    cue, rest = kb.split_role(surface)
    if not rest or not any(c.isupper() for c in rest) or kb.country_code(rest):
        return None  # nothing left, not a proper name, or a place ("the Joined States")
    matches = kb.match(surface)
    words = rest.split()
    for k in range(1, len(words) - 1):  # a qualifier before the name: "Hezbollah chief Naim Qassem"
        if matches:
            break
        matches = [replace(m, score=0.75, how="suffix") for m in kb.match(" ".join(words[k:]))
                   if m.how in ("canonical", "alias", "transliteration")]
    if cue is not None and (not matches or matches[0].score < 0.97):
        # "Crown Prince Salman", "King Abdullah": holders of the office with that given name compete
        known = {m.person.name for m in matches}
        matches += [NameMatch(p, 0.8, "role+name") for p in _by_role_and_given_name(kb, cue, rest, on, context)
                    if p.name not in known]
    if not matches and context:
        # a part of the name of someone already in the document: "Sheikh Mohammed", "Mr Li"
        wanted = set(name_key(rest).split())
        near = [p for p in context if any(wanted <= set(name_key(f).split()) for f in (p.name, *p.aliases))]
        if len({p.name for p in near}) == 1:
            person = near[0]
            role, office = _person_role(kb, person, on, cue.office if cue else None)
            return Resolution(person, person.name, role, person.country, 0.7, "context+name", office)
    if not matches:
        return Resolution(None, rest, _cue_label(kb, cue), cue.country if cue else None, 0.5, "unknown",
                          cue.office if cue else None)
    return _pick(kb, matches, cue, on, context)


def _pick(kb: KnowledgeBase, matches: list[NameMatch], cue: RoleCue | None, on: date | None,
          context: Sequence[PersonEntry]) -> Resolution:
    in_context = {p.name for p in context}
    scored = []
    for m in matches:
        p, score, how = m.person, m.score, m.how
        if p.name in in_context:
            score += CONTEXT_BONUS
            how += "+context"
        if on is not None and p.offices_on(on):
            score += ACTIVE_BONUS
        if cue is not None:
            held = p.offices_on(on) if on is not None else p.offices
            if any(o.office == cue.office for o in held):
                score += ROLE_BONUS
            if cue.country is not None and (p.country == cue.country or any(o.country == cue.country for o in held)):
                score += COUNTRY_BONUS
        scored.append((score, how, p))
    scored.sort(key=lambda t: (-t[0], -_latest_start(t[2], None).toordinal()))  # ties: the more recent figure
    score, how, person = scored[0]
    confidence = min(0.99, score)
    if len(scored) > 1 and scored[1][0] >= score - AMBIGUITY_MARGIN:
        confidence *= 0.6
    if how == "fuzzy":  # a near spelling may be another person ("Salimi" / "Salami")
        confidence = min(confidence, FUZZY_CONFIDENCE)
    role, office = _person_role(kb, person, on, cue.office if cue else None)
    return Resolution(person, person.name, role, person.country, round(confidence, 3), how, office)


def _by_role_and_given_name(kb: KnowledgeBase, cue: RoleCue, rest: str, on: date | None,
                            context: Sequence[PersonEntry]) -> list[PersonEntry]:
    """Holders of the cued office whose given name (the words before bin/ibn/of) contains ``rest``."""
    words = set(name_key(rest).split())
    if not words:
        return []
    for when in ((on, None) if on is not None else (None,)):
        pool = kb.holders(cue.office, cue.country, when, org=cue.org)
        hits = [p for p in pool if any(words <= _given_part(f) for f in (p.name, *p.aliases))]
        in_context = [p for p in hits if p.name in {c.name for c in context}]
        if in_context:
            return in_context
        if len(hits) == 1:
            return hits
        if hits:
            return []  # several holders with that name: leave it unresolved
    return []


def _given_part(name: str) -> set[str]:
    toks = name_key(name).split()
    for k, t in enumerate(toks):
        if k > 0 and t in ("bin", "ibn", "bint", "of"):
            return set(toks[:k])
    return set(toks)


# vague role words: resolved only to someone already in the document who held one of these
GENERIC_ROLES: dict[str, tuple[str, ...]] = {
    "minister": ("foreign_minister", "defense_minister", "minister", "deputy_prime_minister"),
    "diplomat": ("foreign_minister", "envoy"),
}
# offices a country fills many times over (its ambassadors, governors): the one the KB knows on a date is
# not therefore the one a text means ("the Russian Ambassador" to Moldova is not Russia's envoy to Syria)
MANY_HOLDERS = frozenset({"envoy", "governor", "chairman", "cleric", "minister_of_state"})
HEAD_OF_STATE_OFFICES = ("supreme_leader", "king", "emir", "sultan", "head_of_state", "president")


def _resolve_role(kb: KnowledgeBase, cue: RoleCue, on: date | None, context: Sequence[PersonEntry]) -> Resolution | None:
    if cue.office == "leader" and cue.org is None:  # "the Leader": the supreme leader, else the head of state
        return _resolve_role(kb, replace(cue, office="supreme_leader"), on, context)
    if cue.office in GENERIC_ROLES:
        return _resolve_generic_role(kb, cue, on, context)
    ever = kb.holders(cue.office, cue.country, None, org=cue.org)
    if not ever and cue.office == "supreme_leader" and cue.country is not None:
        # "the Syrian leader": the country's head of state, whatever the title
        for head in HEAD_OF_STATE_OFFICES[1:]:
            if kb.holders(head, cue.country, on):
                return _resolve_role(kb, replace(cue, office=head), on, context)
        return None
    if on is not None and not cue.former:
        candidates = kb.holders(cue.office, cue.country, on, org=cue.org)
    elif on is not None:  # "the former Iraqi president": held it, but not on that date
        current = {p.name for p in kb.holders(cue.office, cue.country, on, org=cue.org)}
        candidates = [p for p in ever if p.name not in current and _started_before(p, cue.office, on)]
    else:
        candidates = ever
    names = {p.name for p in candidates}
    in_context = [p for p in context if p.name in names]
    if in_context:
        # several in the document (an undated text naming two Iraqi presidents): the latest tenure
        person = max(in_context, key=lambda p: _latest_start(p, cue.office))
        conf = 0.9 if on is not None else 0.75
        how = "role+context"
    elif on is not None and len(candidates) == 1 and not cue.former and cue.office not in MANY_HOLDERS:
        person = candidates[0]
        conf = 0.85 if cue.country is not None else 0.7
        how = "role+date"
    else:
        return None
    role, office = _person_role(kb, person, on, cue.office)
    return Resolution(person, person.name, role, person.country, conf, how, office)


def _resolve_generic_role(kb: KnowledgeBase, cue: RoleCue, on: date | None,
                          context: Sequence[PersonEntry]) -> Resolution | None:
    """"the Iranian minister", "the Iranian diplomat": only someone already in the document (the latest)."""
    offices = GENERIC_ROLES[cue.office]
    for person in reversed(context):
        held = [o for o in person.offices if o.office in offices and (cue.country is None or o.country == cue.country)
                and (on is None or o.held_on(on))]
        if held:
            role, office = _person_role(kb, person, on, held[0].office)
            return Resolution(person, person.name, role, person.country, 0.7, "role+context", office)
    return None


def _person_role(kb: KnowledgeBase, person: PersonEntry, on: date | None, hint: str | None) -> tuple[str | None, str | None]:
    office = kb.role_at(person, on, hint)
    if office is not None:
        return office.label, office.office
    if on is not None:
        former = kb.former_role(person, on)
        if former is not None:
            return f"{former.label} (former)", former.office
    return None, None


def _cue_label(kb: KnowledgeBase, cue: RoleCue | None) -> str | None:
    if cue is None:
        return None
    t = kb.office_types.get(cue.office)
    title = t.title if t else cue.office.replace("_", " ").title()
    where = kb.country_name(cue.country) if cue.country else None
    if cue.org:
        title = f"{title} of {cue.org}"
    elif where:
        title = f"{title} of {where}"
    return f"{title} (former)" if cue.former else title


def _latest_start(person: PersonEntry, office: str | None) -> date:
    starts = [o.start or date.min for o in person.offices if office is None or o.office == office]
    return max(starts, default=date.min)


def _started_before(person: PersonEntry, office: str, on: date) -> bool:
    return any(o.office == office and (o.start is None or o.start <= on) for o in person.offices)
