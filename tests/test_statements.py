"""Statements: PLOVER coding of actions and positions by any political actor (issue 19).

Sentences of our own writing, one kind each, in the styles of wire copy; each row names the
first statement's type, its actor codes and its recipient codes (codes: ISO-3 or IGO)."""

from __future__ import annotations

from typing import Any

import pytest

from communique.clean import clean
from communique.extraction import Extractor
from communique.options import Options
from communique.records import Analysis, Quality, RawDocument, Statement


@pytest.fixture(scope="module")
def extractor(nlp):  # type: ignore[no-untyped-def]
    return Extractor(Options(), nlp=nlp)


def statements(extractor: Extractor, text: str) -> list[Statement]:
    a = extractor.analyse(clean(RawDocument("t", "t", text, kind="jsonl")), Quality())
    assert isinstance(a, Analysis)
    for s in a.statements:  # every entity's words are the text's own
        for e in (*s.actors, *s.recipients):
            assert text[e.text.start : e.text.end] == e.text.text
    return sorted(a.statements, key=lambda s: s.evidence.start)


def first(extractor: Extractor, text: str) -> tuple[str, set[str | None], set[str | None]]:
    s = statements(extractor, text)[0]
    return s.type, {a.code for a in s.actors}, {r.code for r in s.recipients}


# (an event that acts on no one named has the state where it happened as its target, as the PLOVER
# gold standard codes it: "demonstrated in La Paz" -> BOL, "imposed a curfew in Ziguinchor" -> SEN)
ROWS: list[tuple[str, str, set[Any], set[Any]]] = [
    # compound actors, one entity per state
    ("Chile and Argentina have agreed to hold joint naval drills next spring, a Chilean official said.",
     "AGREE", {"CHL", "ARG"}, set()),
    # a demonym on a group noun gives the country and the sector
    # (protesters arrested in Nairobi, with no country of their own: Kenya's, where they were)
    ("Kenyan police arrested 40 protesters outside parliament in Nairobi on Friday.", "COERCE", {"KEN"}, {"KEN"}),
    # a capital stands for its government; a passive clause's agent acts
    ("Two Ukrainian soldiers were killed by Russian shelling near Kharkiv, officials said.", "ASSAULT", {"RUS"}, {"UKR"}),
    # an international organisation
    ("The European Union condemned the arrest of the opposition leader in Tbilisi.", "ACCUSE", {"IGO"}, {None, "GEO"}),
    # reported speech: the event is in the clause, "it" is the reporting clause's subject
    ("Norway said it would provide 20 million dollars of aid to Sudan.", "AGREE", {"NOR"}, {"SDN"}),
    # the intent rule: an announced conflictual act is a threat, an announced retreat a concession
    ("Pakistan is prepared to close its border with Afghanistan, the interior minister warned.", "THREATEN", {"PAK"}, {"AFG"}),
    ("Vietnam said it will withdraw its fishing boats from the disputed waters.", "CONCEDE", {"VNM"}, set()),
    # a light verb takes its type from its object
    ("Thousands of Bolivian farmers staged demonstrations in La Paz to demand lower fuel prices.", "PROTEST", {"BOL"}, {"BOL"}),
    ("Senegal imposed a curfew in the southern town of Ziguinchor after clashes.", "COERCE", {"SEN"}, {"SEN"}),
    # a demand's clause names who must act: the recipient
    ("Japan demanded on Monday that North Korea stop its missile launches.", "REQUEST", {"JPN"}, {"PRK"}),
    # what one says another must do is a demand of the other
    ("Brazil said on Monday that Paraguay must reopen the border crossing at Ciudad del Este.", "REQUEST", {"BRA"}, {"PRY"}),
    # victims and no named perpetrator: an unidentified armed force acts, of the country where it
    # struck (the gold standard's convention: an actor with no country of its own is the place's)
    ("Four Malian soldiers were killed by a roadside bomb near Gao on Sunday.", "ASSAULT", {"MLI"}, {"MLI"}),
    # a passive clause with no agent: its subject did it
    ("Two thousand Colombian rebels have been demobilized since the peace accord, officials said.", "RETREAT", {"COL"}, set()),
    # a predicate adjective
    ("Turkey is opposed to Swedish membership of the alliance, a Turkish diplomat said.", "REJECT", {"TUR"}, {"SWE"}),
    # a named faction is an actor even where its country is not said
    ("The Karen Liberation faction refused to hand over its weapons on Friday.", "REJECT", {None}, set()),
    # common short names of states ("Bosnia", "Burma", "DRC")
    ("Bosnia and Burma agreed on Monday to exchange ambassadors.", "AGREE", {"BIH", "MMR"}, set()),
    # a people where it lives: "ethnic Hungarians in Romania" act from Romania
    ("Ethnic Hungarians in Romania demonstrated in Cluj on Sunday for language rights.", "PROTEST", {"ROU"}, {"ROU"}),
    # a telephone call: both who talked act (reciprocal)
    ("Kenya's foreign minister telephoned Ethiopia's foreign minister on Tuesday.", "CONSULT", {"KEN", "ETH"}, set()),
    # arriving somewhere on a visit: a CONSULT visit, the host state the recipient
    ("Ghanaian President Kofi Mensah arrived in Lome on a two-day official visit on Monday.", "CONSULT", {"GHA"}, {"TGO"}),
    # a named organisation has a home country and a sector of its own
    ("The Houthis threatened on Monday to attack ships in the Red Sea.", "THREATEN", {"YEM"}, set()),
    # where a group operates is its country: "rebels operating in Mozambique"
    ("Ethnic Makua rebels operating in Mozambique attacked a police post in Cabo Delgado.", "ASSAULT", {"MOZ"}, set()),
    # a group with no country of its own is of the country where it acts, and so are its victims:
    # a city, a part of a place ("a district of northern Kirkuk", "the Afghan city of Kunduz"), the
    # place of the clause an event is part of ("an attempt to kill ... was foiled in Mombasa"), or
    # where the perpetrator was ("a blast near the town of Kismayo")
    ("Opposition supporters demonstrated in Harare on Wednesday against the election results.", "PROTEST", {"ZWE"}, {"ZWE"}),
    ("A car bomb killed three policemen in a market district of northern Kirkuk on Tuesday.", "ASSAULT", {"IRQ"}, {"IRQ"}),
    ("Gunmen ambushed a police convoy outside the Afghan city of Kunduz on Monday.", "ASSAULT", {"AFG"}, {"AFG"}),
    ("An attempt to kill the provincial governor was foiled in Mombasa on Friday, police said.", "ASSAULT", {"KEN"}, {"KEN"}),
    ("A landmine blast near the town of Kismayo wounded four soldiers on Saturday.", "ASSAULT", {"SOM"}, {"SOM"}),
    # a bare member of a group shares the first member's country ("Turkish jets and drones")
    ("Turkish jets and drones struck militant positions in northern Iraq overnight.", "ASSAULT", {"TUR"}, {"IRQ"}),
    # a state's name is the state whatever modifies it; an organisation in a modifier is not the actor
    ("OPEC-member Venezuela threatened on Monday to cut its oil exports to Spain.", "THREATEN", {"VEN"}, {"ESP"}),
    # the UN's agencies are international organisations; a state's long formal name is the state
    ("The World Food Programme suspended aid deliveries to Yemen on Sunday.", "SANCTION", {"IGO"}, {"YEM"}),
    ("The United States urged the Democratic People's Republic of Korea to return to talks.", "REQUEST", {"USA"}, {"PRK"}),
    # reducing aid or relations is a sanction; defying a ban or law a rejection; restrictions are
    # coercion (announced: a threat); retaking ground is an assault
    ("Japan reduced its financial aid to Myanmar after the coup.", "SANCTION", {"JPN"}, {"MMR"}),
    ("Thousands of workers defied a ban on street protests in Minsk on Sunday.", "REJECT", {"BLR"}, {"BLR"}),
    ("Hungary plans to impose restrictions on grain imports from Ukraine.", "THREATEN", {"HUN"}, {"UKR"}),
    ("Ethiopian troops recaptured the town of Dessie on Friday.", "ASSAULT", {"ETH"}, set()),
    # a state's people where they are stay of their state ("Burundian refugees in Tanzania"); an
    # ethnic group is of the state where it lives (above: "ethnic Hungarians in Romania")
    ("Burundian refugees in Tanzania demanded better food rations on Monday.", "REQUEST", {"BDI"}, {"TZA"}),
    # ``...'' marks a quote, not the whole sentence: the event outside it is coded
    ("Chile condemned the vote in Lima, calling it ``a step backwards.''", "ACCUSE", {"CHL"}, {"PER"}),
]


@pytest.mark.parametrize(("text", "typ", "actors", "recipients"), ROWS, ids=[r[1] + str(i) for i, r in enumerate(ROWS)])
def test_first_statement_type_and_codes(extractor: Extractor, text: str, typ: str, actors: set[Any], recipients: set[Any]) -> None:
    got_type, got_actors, got_recipients = first(extractor, text)
    assert got_type == typ
    assert got_actors == actors
    assert got_recipients <= recipients | {None} and (not recipients or got_recipients & recipients)


def test_sector_of_group_nouns_and_person_actors(extractor: Extractor) -> None:
    (s, *_) = statements(extractor, "Ghanaian troops seized a rebel arms depot near the border on Sunday.")
    assert [(a.code, a.sector) for a in s.actors] == [("GHA", "MIL")]
    (s, *_) = statements(extractor, "Hungarian and Slovak officials agreed on Tuesday to reopen the bridge.")
    assert sorted((a.code, a.sector) for a in s.actors) == [("HUN", "GOV"), ("SVK", "GOV")]


def test_negated_and_hypothetical_events_carry_the_context(extractor: Extractor) -> None:
    (s, *_) = statements(extractor, "Brazil did not condemn the vote in Caracas.")
    assert s.type == "ACCUSE" and "negation" in s.context
    (s, *_) = statements(extractor, "If talks fail, Egypt could suspend gas exports to Israel.")
    assert s.type == "SANCTION" and "hypothetical" in s.context


def test_no_actor_no_statement_and_things_are_not_actors(extractor: Extractor) -> None:
    assert statements(extractor, "The murder of the general in Baghdad offered new impetus to the talks.") == []
    # the manual's AID needs a recipient: "provides constant relations" gives none
    assert not [s for s in statements(extractor, "Iraq provides constant relations in many fields.") if s.type == "AID"]


def test_people_and_named_organisations_keep_their_own_country_where_they_act(extractor: Extractor) -> None:
    (s, *_) = statements(extractor, "Human Rights Watch condemned the arrest of two bloggers in Baku on Monday.")
    assert s.type == "ACCUSE" and [a.code for a in s.actors] == [None]
    (s, *_) = statements(extractor, "Nigerian soldiers killed six fishermen near Lake Chad on Friday.")
    assert [a.code for a in s.actors] == ["NGA"]


def test_a_stance_word_is_not_the_actors_country(extractor: Extractor) -> None:
    (s, *_) = statements(extractor, "The pro-Western Alliance group declared a ceasefire in the south on Monday.")
    assert s.type == "RETREAT" and s.mode == "ceasefire" and all(a.code is None for a in s.actors)


def test_an_announced_act_keeps_only_a_mode_its_new_type_has(extractor: Extractor) -> None:
    """The intent rule retypes a visit to come as AGREE, which has no modes in the manual: the
    CONSULT's "visit" must not stay on it."""
    (s, *_) = statements(extractor, "Chile's foreign minister will pay an official visit to Peru next week.")
    assert (s.type, s.mode) == ("AGREE", None)
    assert {a.code for a in s.actors} == {"CHL"} and {r.code for r in s.recipients} == {"PER"}
    # a curfew announced is a threat; THREATEN has no "curfew", so its own "restrict" is found
    (s, *_) = statements(extractor, "Senegal will impose a curfew in Ziguinchor.")
    assert (s.type, s.mode) == ("THREATEN", "restrict")


def test_meetings_code_consultations_with_every_principal_as_actor(extractor: Extractor) -> None:
    text = "President Ali Bongo of Gabon met Cameroon's President Paul Biya in Yaounde on Monday."
    (s,) = [x for x in statements(extractor, text) if x.type == "CONSULT"]
    assert {a.person for a in s.actors} | {r.person for r in s.recipients} >= {"Paul Biya"}
    assert s.mode in (None, "visit")


def test_lexicon_modes_are_the_manuals() -> None:
    """Every mode the lexicon can give is in the manual's vocabulary of its category
    (``PLOVER_MODES``, the same lists as the export's schema), and every context is one of the manual's."""
    from communique.extraction.statements import PloverLexicon
    from communique.plover import schema
    from communique.records import PLOVER_MODES, PLOVER_TYPES

    lex = PloverLexicon.load()
    allowed: dict[str, set[str]] = {}
    no_modes: set[str] = set()
    for rule in schema()["allOf"]:
        typ = rule.get("if", {}).get("properties", {}).get("event", {}).get("contains", {}).get("const")
        mode = rule.get("then", {}).get("properties", {}).get("mode", {})
        if typ and "items" in mode:
            allowed[typ] = set(mode["items"]["enum"])
        elif typ and mode.get("type") == "null":
            no_modes.add(typ)
    assert allowed == {t: set(m) for t, m in PLOVER_MODES.items()}
    assert no_modes == set(PLOVER_TYPES) - set(PLOVER_MODES)
    given = [(t, m) for t, ms in lex.modes.items() for m, _ in ms] + [v for v in lex.nouns.values() if v[1]]
    assert given and all(m in allowed.get(t, set()) for t, m in given), [x for x in given if x[1] not in allowed.get(x[0], set())]
    contexts = set(schema()["properties"]["context"]["items"]["enum"])
    assert {c for c, _ in lex.contexts} <= contexts
