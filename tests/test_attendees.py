"""Others present at a meeting: the attendance phrases of real pages (written for these tests)
and lists of several people after them."""

from __future__ import annotations

from datetime import date

import pytest

from communique.clean import clean
from communique.extraction import Extractor
from communique.ingest.text import parse_text
from communique.options import Options
from communique.records import Analysis, Quality


@pytest.fixture(scope="module")
def extractor(nlp):  # type: ignore[no-untyped-def]
    return Extractor(Options(), nlp=nlp)


def analyse(extractor: Extractor, text: str) -> Analysis:
    a = extractor.analyse(clean(parse_text(text, "t", "t.txt")), Quality())
    assert isinstance(a, Analysis)
    return a


def meetings(extractor: Extractor, text: str) -> list[tuple[tuple[str, ...], set[str]]]:
    return [(tuple(sorted(m.participants)), set(m.attendees)) for m in analyse(extractor, text).meetings]


def places(extractor: Extractor, text: str) -> list[tuple[tuple[str, ...], str | None]]:
    return [(m.participants, m.location) for m in analyse(extractor, text).meetings]


@pytest.mark.parametrize("sentence", [
    "Members of the delegation included Foreign Minister Rosa Quintero; Trade Minister Tomas Vidal; and officials.",
    "Present at the meeting were Foreign Minister Rosa Quintero and Trade Minister Tomas Vidal.",
    "He was accompanied at the meeting by Foreign Minister Rosa Quintero and Trade Minister Tomas Vidal, while "
    "the hosts' protocol chief waited outside.",
    # "were members of the delegation"; whose government they served is not there
    "On the other side, two former ministers under the government of Carlos Mesa, Rosa Quintero and Tomas Vidal, "
    "were members of the delegation.",
    # a readout's bracketed lists by side, a title with commas of its own
    "(participants from the Peruvian side: Ms. Rosa Quintero, Minister of Economy, Trade and Industry; and others; "
    "participants from the other side: Mr. Tomas Vidal, Deputy Chief Cabinet Secretary, and others).",

    # "joined X for the engagements"; "members of the delegation include"
    "Foreign Minister, the Honourable Rosa Quintero; and Minister of Trade, the Honourable Tomas Vidal joined "
    "President Molina for the engagements.",
    "Other members of the delegation include Foreign Minister Rosa Quintero and Ambassador Tomas Vidal.",
    "Foreign Minister Rosa Quintero and Ambassador Tomas Vidal took part in the discussion.",
    "The delegation, led by the President, features Foreign Minister Rosa Quintero and Trade Minister Tomas Vidal.",
    # "the delegation she led, which includes A"; "was also in X's entourage"; a Speaker's title, comma, then name
    "Molina welcomed the delegation she led, which includes Foreign Minister Rosa Quintero. The Speaker of the "
    "National Assembly, Tomas Vidal, was also in the president's entourage.",
    "On the entourage of the President were Foreign Minister Rosa Quintero and Trade Minister Tomas Vidal.",
    # the side named between "attended" and "by", without commas
    "The meeting was also attended on the Ecuadorian side by Foreign Minister Rosa Quintero and Trade Minister "
    "Tomas Vidal.",
    # the copula after the one accompanied opens the list
    "Also present at the talks together with President Molina were Foreign Minister Rosa Quintero and Trade Minister "
    "Tomas Vidal.",
    # a list after a colon, an item a line
    # "The presence of A and B at the talks ..."; "A and B accompanied him to the Presidency"
    "The presence of Foreign Minister Rosa Quintero and Trade Minister Tomas Vidal at the talks hints at their weight.",
    "Foreign Minister Rosa Quintero and Trade Minister Tomas Vidal accompanied him to the Presidency.",
    # "Participating (in) the meeting were"; an aide's title that ends in "Consultant" is no name
    "Participating the closed-door meeting were Foreign Minister Rosa Quintero and Principal Consultant to "
    "President Tomas Vidal.",
    "The attendants of the courtesy call included:\n\n  • Foreign Minister Rosa Quintero,\n  • Trade Minister Tomas Vidal",
])
def test_attendance_phrases_and_lists(extractor: Extractor, sentence: str) -> None:
    text = ("Leaders meet in Lima\n\nPresident Andres Molina met Peruvian President Lucia Torres in Lima on Monday. "
            + sentence + "\n")
    found = meetings(extractor, text)
    assert found == [(("Andres Molina", "Lucia Torres"), {"Rosa Quintero", "Tomas Vidal"})]


@pytest.mark.parametrize("sentence", [
    # planned, invited and negated meetings
    "President Andres Molina will meet Peruvian President Lucia Torres in Lima on Friday.",
    "President Andres Molina is expected to hold talks with Peruvian President Lucia Torres next week.",
    "President Andres Molina extended an invitation to Peruvian President Lucia Torres to visit Quito.",
    "President Andres Molina did not meet Peruvian President Lucia Torres during the summit.",
    # greetings on arrival, a welcome of a decision, a meeting that would have been
    "At the airport, President Andres Molina was welcomed by Foreign Minister Rosa Quintero.",
    "President Andres Molina said he looks forward to welcoming President Lucia Torres in Quito next month.",
    "President Andres Molina welcomed the decision to reopen the border, Peruvian President Lucia Torres said.",
    "Had the visit of President Andres Molina gone ahead, he would have met President Lucia Torres.",
    # guests welcomed by a host the text does not name are one side; a visit being prepared is to come
    "Chilean President Andres Molina arrived at the palace on Tuesday.\n\nThe First Couple welcomed the Chilean leader "
    "and wife, Lucia Torres, indoors due to the rain.",
    # the talks' partners named by no one: the one the story is about met no one the sentence names
    "Peruvian President Andres Molina made a working visit to Chile.\n\nDuring the meeting with the highest officials of "
    "Chile, the President of Peru discussed regional security.",
    "President Andres Molina arrived in Lima. The purpose of the visit is to engage in discussions with Peruvian "
    "President Lucia Torres.",
    "Peruvian Foreign Minister Rosa Quintero and Chilean Foreign Minister Tomas Vidal also agreed to make preparations "
    "for President Andres Molina to visit Peru by next March, according to the ministry.",
    # a summit someone is set to meet at; a session to be held during a visit
    "President Andres Molina and President Lucia Torres are also set to meet at a separate summit before the end of May.",
    "They stressed the desire to promote ties in the next bilateral meetings, mainly the second session of the joint "
    "council, to be held in Quito during the visit of President Andres Molina to Ecuador, at the invitation of his "
    "brother the president of the Republic, Lucia Torres.",
    # a visit called off
    "The ambassador informed President Andres Molina about the cancellation of the visit of Foreign Minister Lucia "
    "Torres.",
    # a place that is someone's (the dead, the honoured) names no one met
    "Minister Andres Molina started his visit to Lima on 4 May by visiting the war memorial and the mausoleum of the "
    "first President of Peru, Lucia Torres.",
])
def test_sentences_that_tell_of_no_meeting(extractor: Extractor, sentence: str) -> None:
    assert meetings(extractor, "Leaders\n\n" + sentence + "\n") == []


def test_a_meeting_told_again_and_a_meeting_between_two(extractor: Extractor) -> None:
    text = ("Leaders meet in Lima\n\nForeign Minister Rosa Quintero revealed the details of the meeting between "
            "President Andres Molina and President Lucia Torres. During the meeting, spokesman Pablo Ruiz told "
            "reporters, the two discussed trade.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Andres Molina", "Lucia Torres")]


@pytest.mark.parametrize(("sentence", "met"), [
    ("Foreign Minister Rosa Quintero called on President Lucia Torres during her visit to Lima.", True),
    ("Foreign Minister Rosa Quintero called on President Lucia Torres to release the prisoners.", False),
    ("Foreign Minister Rosa Quintero and President Lucia Torres held official talks in Lima.", True),
    ("Foreign Minister Rosa Quintero had a constructive discussion with President Lucia Torres.", True),
    ("Ambassador Rosa Quintero presented her credentials to President Lucia Torres on Monday.", True),
    # a courtesy call is a visit, not a telephone call
    ("President Lucia Torres received a courtesy call Tuesday from Ambassador Rosa Quintero and her staff.", True),
    # two who sign at a ceremony, or leave together for talks, are together
    ("The accord was signed by President Lucia Torres and Foreign Minister Rosa Quintero at a ceremony in Lima.", True),
    ("After lunch, President Lucia Torres and Foreign Minister Rosa Quintero left together for further discussions.", True),
    ("President Lucia Torres and Governor Rosa Quintero on 10 December signed the trade memorandum at the State "
     "Parliament in Cusco.", True),
    # a wish to visit, parsed beside its noun, is no visit
    ("After a phone call, Rosa Quintero thanked President Lucia Torres and confirmed interest to visit Lima soon.", False),
    # talks under way; a joint conference of two
    ("Foreign Minister Rosa Quintero is now holding high-level discussions with President Lucia Torres in Lima.", True),
    ("\u201cWe agree,\u201d Rosa Quintero said in a joint conference with her counterpart, Lucia Torres.", True),
    # the one whose instructions the visitor came under is not met; an unknown name before a capitalised title
    ("Foreign Minister Rosa Quintero received Lucia Torres on Monday. Torres said her visit was under the instructions "
     "of President Andres Molina.", True),
    # a reception hosted for a guest, "for" hung on the verb past a place and a date
    ("Chairwoman Rosa Quintero hosted a reception in Lima on May 3 for Vice Chairman of the Andean Parliament "
     "Lucia Torres.", True),
])
def test_ways_of_saying_met(extractor: Extractor, sentence: str, met: bool) -> None:
    found = meetings(extractor, "Leaders\n\n" + sentence + "\n")
    assert [p for p, _ in found] == ([("Lucia Torres", "Rosa Quintero")] if met else [])


def test_at_his_reception_for_is_a_meeting(extractor: Extractor) -> None:
    text = ("Leaders\n\nAt his reception for Peruvian Ambassador Lucia Torres, President Andres Molina asked the two "
            "sides to expand trade.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Andres Molina", "Lucia Torres")]


def test_the_place_of_a_principal_s_summit_or_meetings_told_in_another_sentence(extractor: Extractor) -> None:
    text = ("Leaders\n\nPresident Andres Molina took part in the regional summit in Kampala on Monday.\n\n"
            "During the event, President Andres Molina met Foreign Minister Rosa Quintero.\n")
    assert places(extractor, text) == [(("Andres Molina", "Rosa Quintero"), "Kampala")]


def test_the_place_of_meetings_told_together_before_each_is_told(extractor: Extractor) -> None:
    text = ("Envoys received\n\nPrime Minister Tomas Vidal met with the new ambassadors of Chile, Peru and Spain "
            "individually at the Government Palace in Quito on Wednesday. In the afternoon, Vidal had a meeting with "
            "Chilean Ambassador Rosa Quintero. In the meeting with Spanish Ambassador Ana Perez, Vidal said ties were "
            "strong.\n")
    assert [place for _, place in places(extractor, text)] == ["Quito", "Quito"]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Talks in Sofia\n\nSOFIA - President Rumen Radev held talks with Prime Minister Zoran Zaev of North "
                 "Macedonia on Tuesday.\n\nThe Macedonian delegation, which also included Foreign Minister Bujar Osmani, "
                 "later met Prime Minister Stefan Yanev.\n",
                 [(("Rumen Radev", "Zoran Zaev"), set()), (("Stefan Yanev", "Zoran Zaev"), {"Bujar Osmani"})],
                 id="a country's delegation that meets is led by that country's principal; its members attend"),
    pytest.param("Visit to Libya\n\nPresident Mohamed al-Menfi met Turkish Foreign Minister Mevlüt Çavuşoğlu in Tripoli "
                 "on Monday.\n\nThe delegation was also received by Musa Al-Koni and Abdullah al-Lafi at the council.\n",
                 [(("Mevlüt Çavuşoğlu", "Mohamed al-Menfi"), set())],
                 id="hosts who receive a delegation in a passive clause are one side: no meeting among them"),
    pytest.param("Mission to Juba\n\nA delegation of the African Union on Sunday met President Salva Kiir and held talks "
                 "with Vice President Riek Machar in Juba.\n",
                 [],
                 id="an unnamed delegation met X and held talks with Y: X and Y did not meet each other"),
    pytest.param("Talks in Wellington\n\nPrime Minister Jacinda Ardern held talks with Prime Minister Scott Morrison in "
                 "Wellington on Friday. Morrison is on an official visit with a delegation that includes Foreign Minister "
                 "Marise Payne.\n\nHe said he had enjoyed the delegation's visit to Auckland the previous day.\n",
                 [(("Jacinda Ardern", "Scott Morrison"), {"Marise Payne"})],
                 id="'a delegation that includes X': X attends; a visit to a city the previous day is no second meeting"),
    pytest.param("Talks in San José\n\nPresident Andres Molina met Costa Rican President Lucia Torres in San José on Monday. "
                 "The delegation accompanying President Molina includes Foreign Minister Rosa Quintero and Trade Minister "
                 "Tomas Vidal.\n",
                 [(("Andres Molina", "Lucia Torres"), {"Rosa Quintero", "Tomas Vidal"})],
                 id="'the delegation accompanying X includes A and B': they attend"),
    pytest.param("Talks in Lima\n\nPresident Andres Molina met Peruvian President Lucia Torres in Lima on Monday. The meeting "
                 "was attended by the First Lady, Carmen Ruiz, the Undersecretary for South America of the Ministry of "
                 "Foreign Affairs, Wilmer Barrientos and the Ambassador to Peru, Tomas Vidal.\n",
                 [(("Andres Molina", "Lucia Torres"), {"Carmen Ruiz", "Wilmer Barrientos", "Tomas Vidal"})],
                 id="a long title in apposition before an unknown name ('the Undersecretary for ... Affairs, X')"),
    pytest.param("Talks in Lima\n\nPresident Andres Molina met Peruvian President Lucia Torres in Lima on Monday. In addition "
                 "to the two presidents, the meeting included the Secretary for Trade of the Andean Community, Rosa Quintero; "
                 "the former Vice President of Peru, Tomas Vidal; and the Executive Director of the Andean Development Foundation, Ramiro "
                 "Quesada.\n",
                 [(("Andres Molina", "Lucia Torres"), {"Rosa Quintero", "Tomas Vidal", "Ramiro Quesada"})],
                 id="'the meeting included A; the former Vice President of X, B; and C': a list of attendees"),
    pytest.param(" date 2024-05-06 Visit\n\nPresident Luiz Inácio Lula da Silva arrived in Bogotá on Saturday for a working "
                 "visit at the invitation of his counterpart, Gustavo Petro.\n\nThe two presidents met on the sidelines of "
                 "the Amazon summit held in Belém, Brazil, on March 12.\n\nPetro and Lula held a meeting in Bogotá on "
                 "Saturday, May 4. Foreign Minister Luis Gilberto Murillo also took part in the meeting.\n",
                 [(("Gustavo Petro", "Luiz Inácio Lula da Silva"), set()),
                  (("Gustavo Petro", "Luiz Inácio Lula da Silva"), {"Luis Gilberto Murillo"})],
                 id="'X also took part in the meeting': the meeting just told, not the earlier one told before it"),
    pytest.param(" date 2023-04-30 Talks\n\nPrime Minister Andrej Plenković met Serbian Prime Minister Ana Brnabić in Zagreb on "
                 "Sunday.\n\nAttending the meeting between Plenković and Brnabić were also Croatia's Deputy Prime Minister "
                 "Marko Petrić and Serbia's Minister of Trade Jelena Savić.\n",
                 [(("Ana Brnabić", "Andrej Plenković"), {"Marko Petrić", "Jelena Savić"})],
                 id="'Attending the meeting between A and B were also C and D': C and D attend"),
    pytest.param(" date 2023-07-26 Visit\n\nPrime Minister Xanana Gusmão received the Prime Minister of Portugal, António Costa, "
                 "in Dili on Tuesday.\n\nCosta is accompanied on his visit to Timor-Leste by the Minister of Foreign Affairs, "
                 "Pedro Nunes Alves.\n",
                 [(("António Costa", "Xanana Gusmão"), {"Pedro Nunes Alves"})],
                 id="'accompanied on his visit to X by Y': six words between 'accompanied' and 'by'"),
])
def test_delegations(extractor: Extractor, text: str, expected: list[tuple[tuple[str, ...], set[str]]]) -> None:
    assert meetings(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "Caribbean leaders meet\n\nThe heads of state gathered in Kingston on Thursday. Those heads of state meeting with "
    "the US President, Joe Biden, were: Prime Minister Ana Perez of Barbados, President Tomas Vidal of Guyana, Prime "
    "Minister Rosa Quintero of Belize and President Jose Ortiz of Suriname.\n",
    "Visit to Pohnpei\n\nPresident Joe Biden held a meeting with the state leadership, namely Governor Ana Perez of "
    "Guyana, President Tomas Vidal of Belize, Prime Minister Rosa Quintero of Barbados and President Jose Ortiz of "
    "Suriname.\n",
])
def test_a_meeting_with_several_told_as_one_is_one_meeting(extractor: Extractor, text: str) -> None:
    assert [p for p, _ in meetings(extractor, text)] == [
        ("Ana Perez", "Joe Biden", "Jose Ortiz", "Rosa Quintero", "Tomas Vidal")]


def test_an_envoy_of_a_leader_meets_for_him_and_a_demonym_may_precede_a_modified_title(extractor: Extractor) -> None:
    text = ("Mali receives US envoy\n\nColonel Assimi Goïta of Mali met an emissary of American President Joe Biden in "
            "his audience.\n\nThe Malian Transitional Head of State received Tomas Vidal, the American President's "
            "Special Envoy for Hostage Issues, in the Koulouba Palace.\n")
    assert places(extractor, text) == [(("Assimi Goïta", "Tomas Vidal"), "Bamako")]


def test_courtesy_calls_on_a_list_are_a_meeting_each_and_two_titles_before_a_name_are_his(extractor: Extractor) -> None:
    text = ("Envoy in Quito\n\nPresident Tomas Vidal held talks with Deputy Prime Minister Rosa Quintero on Sunday.\n\n"
            "Envoy Jose Ortiz paid a courtesy call on Deputy Prime Minister and Minister for Finance Ana Perez on "
            "Monday. He also paid a courtesy call on President Tomas Vidal, Senator Luis Gomez and former Prime Minister "
            "Carla Ruiz.\n")
    assert sorted(p for p, _ in meetings(extractor, text)) == [
        ("Ana Perez", "Jose Ortiz"), ("Carla Ruiz", "Jose Ortiz"), ("Jose Ortiz", "Luis Gomez"),
        ("Jose Ortiz", "Tomas Vidal"), ("Rosa Quintero", "Tomas Vidal")]


def test_two_titles_each_with_its_article_are_two_people(extractor: Extractor) -> None:
    text = ("Summit in Lima\n\nPresident Lucia Torres of Peru arrived in Lima on Monday. A brief meeting between the "
            "Peruvian President and the Prime Minister of Chile Ana Perez was also held in Lima.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Ana Perez", "Lucia Torres")]


def test_an_attendance_list_ends_at_the_verb_of_the_one_they_accompany(extractor: Extractor) -> None:
    text = ("Leaders meet\n\nPresident Andres Molina together with council members Rosa Quintero and Tomas Vidal received "
            "today, Wednesday, the Peruvian envoy Lucia Torres.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Lucia Torres"), {"Rosa Quintero", "Tomas Vidal"})]


def test_letters_of_credence_from_several_envoys_are_a_meeting_each(extractor: Extractor) -> None:
    a = extractor.analyse(clean(parse_text((
        "Credentials\n\nOn Tuesday, President Ilmars Ozols received letters of credence from Ambassador Claire Fontanel "
        "of France, Ambassador Peter Jean-Luc Mugenzi of Rwanda, and Ambassador Selver Ahmed Dimov of Bulgaria.\n\n"
        "During his meeting with the Bulgarian Ambassador, who resides in Sofia, the President spoke of the anniversary "
        "of relations. Ties grew following the visit of French President Emmanuel Macron to Riga in 2020.\n"), "t", "t.txt")),
        Quality())
    assert isinstance(a, Analysis)
    assert sorted(sorted(m.participants) for m in a.meetings) == [
        ["Claire Fontanel", "Ilmars Ozols"], ["Ilmars Ozols", "Peter Jean-Luc Mugenzi"], ["Ilmars Ozols", "Selver Ahmed Dimov"]]
    assert all(m.location is None for m in a.meetings)  # where an envoy resides, a past visit's city: not the meeting's


def _analysed(extractor: Extractor, text: str) -> Analysis:
    a = extractor.analyse(clean(parse_text(text, "t", "t.txt")), Quality())
    assert isinstance(a, Analysis)
    return a


def test_a_wire_lede_in_the_present_perfect_is_dated_by_its_dateline_and_a_past_year_is_an_earlier_meeting(
        extractor: Extractor) -> None:
    a = _analysed(extractor, (
        " date 2025-04-02 MINSK, April 2. /BelTA/. President Andrei Kovalchuk has met with Prime Minister Ilmars Ozols, "
        "who arrived in Minsk on a working visit.\n\n"
        "Ozols is a frequent guest in Belarus. In 2019 and 2022, he held talks with Foreign Minister Pavel Dvorak.\n"))
    got = {tuple(sorted(m.participants)): (m.date, m.location) for m in a.meetings}
    assert got[("Andrei Kovalchuk", "Ilmars Ozols")] == (date(2025, 4, 2), "Minsk")
    assert got[("Ilmars Ozols", "Pavel Dvorak")] == (None, None)  # its own years, no place of its own


def test_a_title_after_a_known_name_in_a_list_is_not_the_known_person_s(extractor: Extractor) -> None:
    a = _analysed(extractor, (
        "Official visit\n\nPremier Tane Kauraka held meetings with the NZ Prime Minister Jacinda Ardern, Minister of "
        "Foreign Affairs and Minister for Pacific Peoples in Wellington.\n"))
    (ardern,) = [p for p in a.people if p.name == "Jacinda Ardern"]
    assert "Minister of Foreign Affairs" not in {m.text for m in ardern.mentions}  # she never held that office


@pytest.mark.parametrize("sentence", [
    "Governor Ewan Tibbetts hosted the weekly briefing on Monday, during which he previewed the rescheduled meeting "
    "with Premier Tane Kauraka, which will take place on Friday.",
    "Governor Ewan Tibbetts spoke of the meeting with Premier Tane Kauraka, which will take place on Friday.",
])
def test_a_meeting_previewed_or_still_to_take_place_is_no_meeting(extractor: Extractor, sentence: str) -> None:
    assert _analysed(extractor, f"Weekly briefing\n\n{sentence}\n").meetings == ()


def test_his_before_a_meeting_noun_is_the_clause_s_named_subject_not_the_story_s_topic(extractor: Extractor) -> None:
    a = _analysed(extractor, (
        " date 2020-02-08 Visit\n\nPrime Minister Ilmars Ozols held talks with his Latvian counterpart Tomas Aravena in "
        "New Delhi on Saturday.\n\nThe Latvian Prime Minister's visit comes months after his younger brother, President Karlis Aravena, chose "
        "India for his own first overseas visit and held talks with Ozols in New Delhi on November 29.\n"))
    pairs = {tuple(sorted(m.participants)) for m in a.meetings}
    assert ("Karlis Aravena", "Tomas Aravena") not in pairs and ("Ilmars Ozols", "Karlis Aravena") in pairs


@pytest.mark.parametrize(("text", "expected"), [
    ("Message to Lima\n\nChilean President Tomas Vidal sent a message on Monday to Peruvian President "
     "Andres Molina on trade.\n\nThe message was delivered by Chilean Foreign Minister Lucia Torres during his "
     "meeting with the Peruvian President in Lima.\n",
     [(("Andres Molina", "Lucia Torres"), set())]),
    ("Talks in Lima\n\nChile's Foreign Minister Tomas Vidal is on a visit to Peru, whose Foreign Minister is Rosa "
     "Quintero.\n\nUpon arriving in Lima on Wednesday, Vidal was received by his counterpart, Quintero, who engaged "
     "him in discussions on trade and fisheries.\n",
     [(("Rosa Quintero", "Tomas Vidal"), set())]),
    ("Talks in Juba\n\nThe interim president, Andres Molina, received a Chilean delegation on Monday for a meeting "
     "that focused on trade, his office reported.\n\nTrade between the two countries has doubled since 2019, when "
     "the first agreements on copper and fisheries were signed in Santiago by both governments.\n\nDuring the "
     "visit of the delegation, led by Deputy Minister Lucia Torres, the two sides discussed investment.\n",
     [(("Andres Molina", "Lucia Torres"), set())]),
    ("Credentials\n\nPresident Andres Molina has received letters of credence from the Ambassador of Chile, Lucia "
     "Torres, and the Ambassador of Peru, Rosa Quintero.\n\nForeign Minister Tomas Vidal presented the "
     "ambassadors-designate to President Molina at the ceremony.\n",
     [(("Andres Molina", "Lucia Torres"), {"Tomas Vidal"}), (("Andres Molina", "Rosa Quintero"), {"Tomas Vidal"})]),
    ("Islanders in Madrid\n\nRepresentatives of the islands made an official visit to Madrid this week. The "
     "delegation was led by the Minister for External Relations, Senator Rosa Quintero, and the committee's chair, "
     "Deputy Tomas Vidal.\n\nThe delegation held productive meetings at the Foreign Ministry, including with "
     "Minister for European Affairs, Andres Molina. They were welcomed to Madrid by Lucia Torres, chair of the "
     "friendship group.\n",
     [(("Andres Molina", "Rosa Quintero", "Tomas Vidal"), set()), (("Lucia Torres", "Rosa Quintero", "Tomas Vidal"), set())]),
    ("Talks in Lima\n\nOn Sunday, Prime Minister Andres Molina met the visiting foreign minister, Lucia Torres.\n\n"
     "The meeting also witnessed the presence of other ministers including deputy prime minister Tomas Vidal and "
     "interior minister Rosa Quintero.\n",
     [(("Andres Molina", "Lucia Torres"), {"Tomas Vidal", "Rosa Quintero"})]),
    ("Secretary visits\n\nThe group traveling with Secretary Lucia Torres included Assistant Secretary Tomas Vidal "
     "and Director Rosa Quintero.\n\nInside the lounge, Governor Andres Molina welcomed Secretary Torres and "
     "her delegation to the territory.\n",
     [(("Andres Molina", "Lucia Torres"), {"Tomas Vidal", "Rosa Quintero"})]),
    ("Credentials\n\nToday Government House welcomed diplomats for the credentials ceremonies. Presenting their "
     "letters of credence this morning was Ambassador of Chile Lucia Torres and High Commissioner of Fiji Tomas "
     "Vidal.\n",
     []),
], ids=['his meeting in a passive clause is the agent s',
         'a visitor received on arrival by his named counterpart met him',
         'a delegation received for a meeting is led by the one named paragraphs on',
         'the minister who presents the envoys attends each credentials audience',
         'the delegation and they are the ones it was led by',
         'a meeting that witnessed the presence of ministers',
         'the group travelling with the visitor attends his meeting',
         'envoys presenting credentials together do not meet each other'])
def test_meeting_kinds_of_the_latest_batches(extractor: Extractor, text: str,
                                              expected: list[tuple[tuple[str, ...], set[str]]]) -> None:
    """Kinds seen on batches 38 to 41 of the real-page corpus, each in a case of our own writing."""
    assert meetings(extractor, text) == expected


def test_a_list_received_then_said_to_be_met_separately_on_a_day_and_an_envoy_s_sender_beside_his_title(
        extractor: Extractor) -> None:
    text = ("President Molina receives foreign guests\n\nLima, Peru - Peruvian President Andres Molina on his first day in office "
            "received in audience several foreign guests including Chilean President, Tomas Vidal, Bolivian Ambassador "
            "Rosa Quintero, and the Special Envoy of Japanese Prime Minister, Shinzo Abe. The Peruvian leader also received "
            "messages from the European Union.\n\nAccording to a release, the Peruvian leader met separately with the "
            "foreign guests on Tuesday, January 23, 2018 at his residence in Lima.\n\nStressing the weight of their trip "
            "to Peru, the head of the Chilean delegation, Lucia Torres, noted that Prime Minister Ana Ruiz ensured that "
            "the trip went ahead.\n")
    assert [(tuple(sorted(m.participants)), m.date) for m in analyse(extractor, text).meetings] == [
        (("Andres Molina", "Tomas Vidal"), date(2018, 1, 23)), (("Andres Molina", "Rosa Quintero"), date(2018, 1, 23))]


def test_the_leader_of_a_described_nation_is_the_leader_just_named_and_a_place_to_come_is_not_the_meeting_s(
        extractor: Extractor) -> None:
    text = (" date 2024-07-11 Ties with Nauru\n\nPrime Minister Andres Molina will host Nauruan President "
            "Lucia Torres in Cusco on Monday "
            "as the Nauruan leader continues a tour of Peru.\n\nThe leader of the island nation has met with Trade "
            "Minister Tomas Vidal to discuss the new fisheries agreement.\n")
    assert places(extractor, text) == [(("Lucia Torres", "Tomas Vidal"), None)]


def test_a_series_of_meetings_on_a_day_dates_each_told_after_it_and_respectively_is_one_each(extractor: Extractor) -> None:
    text = (" date 2024-05-13 Andres Molina, the Prime Minister, on Monday held a series of diplomatic meetings at the "
            "Government Palace.\n\nMolina met with the Ambassador of Chile, Lucia Torres, who briefed him on a conference. "
            "Molina told Torres that the foreign minister would lead the delegation. The conference opens in June. "
            "It will gather forty states. Its agenda covers refugees.\n\nThe Prime Minister also received respectively "
            "the Bolivian Ambassador, Rosa Quintero, and the Ecuadorian Ambassador, Tomas Vidal. The talks touched on "
            "trade.\n\nThe Prime Minister then met Interior Minister Ana Ruiz.\n")
    got = [(tuple(sorted(m.participants)), m.date) for m in analyse(extractor, text).meetings]
    assert got == [(("Andres Molina", "Lucia Torres"), date(2024, 5, 13)), (("Andres Molina", "Rosa Quintero"), date(2024, 5, 13)),
                   (("Andres Molina", "Tomas Vidal"), date(2024, 5, 13)), (("Ana Ruiz", "Andres Molina"), date(2024, 5, 13))]


def test_besides_the_host_others_who_welcomed_the_guest_attend_the_host_s_meeting(extractor: Extractor) -> None:
    text = ("State visit\n\nOn Monday, Chilean President Lucia Torres arrived for her first state visit and Peruvian President "
            "Andres Molina welcomed her at the Government Palace in Lima.\n\nBesides President Molina, Defence Minister "
            "Tomas Vidal and Trade Minister Rosa Quintero welcomed Torres to the palace.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Lucia Torres"), {"Tomas Vidal", "Rosa Quintero"})]
    own = text.replace("Defence Minister Tomas Vidal and Trade Minister Rosa Quintero welcomed Torres to the palace",
                       "Torres met Defence Minister Tomas Vidal at the palace")
    assert meetings(extractor, own) == [(("Andres Molina", "Lucia Torres"), set()), (("Lucia Torres", "Tomas Vidal"), set())]


def test_a_post_s_day_and_an_earlier_meeting_s_summit_city_are_not_the_meeting_s(extractor: Extractor) -> None:
    text = (" date 2025-03-07 Lima, March 7: Chile's Minister of State for Trade, Tomas Vidal, called upon Peru's Prime "
            "Minister Rosa Quintero during his official visit.\n\nHe shared the details of the meeting in a post on X on "
            "Thursday.\n\nThe award was announced by Prime Minister Quintero during a meeting with President Lucia Torres in "
            "November last year, held on the sidelines of the Andean summit in Quito.\n\nMoS Vidal thanked Quintero.\n")
    got = [(tuple(sorted(m.participants)), m.date, m.location) for m in analyse(extractor, text).meetings]
    assert got == [(("Rosa Quintero", "Tomas Vidal"), None, "Lima"), (("Lucia Torres", "Rosa Quintero"), None, "Quito")]
    assert "MoS Vidal" not in {p.name for p in analyse(extractor, text).people}
    from communique.extraction.meetings import _a_post_s_date

    for sentence, day, posts in [("He shared the details of the meeting in a post on X on Thursday.", "Thursday", True),
                                 ("Earlier on Thursday, he shared that he received the award.", "Thursday", True),
                                 ("He shared that he met the minister on Thursday in Lima.", "Thursday", False),
                                 ("He met the minister in Lima on Thursday.", "Thursday", False)]:
        assert _a_post_s_date(sentence, 0, len(sentence), sentence.index(day)) is posts, sentence


def test_a_pair_that_met_again_met_twice(extractor: Extractor) -> None:
    text = ("Border talks\n\nPresident Tomas Vidal made his first trip abroad to Peru, where he was received by President "
            "Andres Molina at the Government Palace in Lima.\n\nThe two presidents met again on August 14 at the common "
            "border, where they opened a bridge.\n")
    assert places(extractor, text) == [(("Tomas Vidal", "Andres Molina"), "Lima"), (("Tomas Vidal", "Andres Molina"), None)]


def test_a_gathering_held_on_a_day_in_a_city_and_then_said_to_be_chaired_by_two(extractor: Extractor) -> None:
    text = ("Consultations\n\n18 November, 2023\n\nOn November 18, in Quito, the fifth round of political consultations "
            "was held between the foreign ministries of Peru and Ecuador. The consultations were co-chaired by Deputy "
            "Foreign Minister Tomas Vidal and Rosa Quintero, the Secretary for the Americas.\n")
    assert [(tuple(sorted(m.participants)), m.date, m.location) for m in analyse(extractor, text).meetings] == [
        (("Rosa Quintero", "Tomas Vidal"), date(2023, 11, 18), "Quito")]


def test_a_meeting_told_before_a_call_in_another_clause_is_still_a_meeting(extractor: Extractor) -> None:
    a = _analysed(extractor, (
        "Pacific partners\n\nPrime Minister Tane Kauraka has concluded a constructive meeting with the visiting Minister "
        "Pat Dorney, building on recent dialogue including a phone call between Minister Dorney and Foreign Minister "
        "Mere Tuara last week.\n"))
    assert [sorted(m.participants) for m in a.meetings] == [["Pat Dorney", "Tane Kauraka"]]


def test_a_meeting_sentence_that_refers_back_to_an_announcement_takes_its_date(extractor: Extractor) -> None:
    a = _analysed(extractor, (
        " date 2023-09-01 Partnership\n\nPresident Ilmars Ozols and his Latvian counterpart, Tomas Aravena, announced "
        "a strategic partnership on Friday.\n\nThe announcement was made when Ozols held talks with Aravena, who is on "
        "a state visit, at the Great Hall of the People in Beijing.\n"))
    (m,) = a.meetings
    assert m.date == date(2023, 9, 1)


@pytest.mark.parametrize("sentence", [
    "President Andres Molina had a private dinner with Peruvian President Lucia Torres on Tuesday.",
    "President Andres Molina hosted a luncheon for Peruvian President Lucia Torres at the palace on Tuesday.",
])
def test_a_dinner_or_a_luncheon_with_someone_is_a_meeting(extractor: Extractor, sentence: str) -> None:
    assert meetings(extractor, "Leaders dine\n\n" + sentence + "\n") == [(("Andres Molina", "Lucia Torres"), set())]


def test_he_in_a_relative_clause_is_the_subject_it_hangs_on(extractor: Extractor) -> None:
    text = ("Leaders dine\n\nForeign Minister Rosa Quintero told reporters that President Andres Molina arrived at "
            "the ranch around noon, where he shared a friendly lunch with Peruvian President Lucia Torres.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Lucia Torres"), set())]


def test_several_subjects_in_separate_meetings_with_one_person_each_meet_that_one(extractor: Extractor) -> None:
    text = ("Envoy's round\n\nThe head of the council, Andres Molina, and his deputies, Rosa Quintero and Tomas Vidal, "
            "held separate meetings on Sunday with the UN envoy, Lucia Torres, to discuss the elections.\n")
    assert sorted(meetings(extractor, text)) == [(("Andres Molina", "Lucia Torres"), set()),
                                                 (("Lucia Torres", "Rosa Quintero"), set()),
                                                 (("Lucia Torres", "Tomas Vidal"), set())]


def test_a_meeting_on_two_dates_is_two_meetings(extractor: Extractor) -> None:
    a = extractor.analyse(clean(parse_text(
        "Leaders meet\n\nPresident Andres Molina and Peruvian President Lucia Torres met in Brussels on December 14, "
        "2021 and April 6, 2022 at the invitation of the council.\n", "t", "t.txt")), Quality())
    assert isinstance(a, Analysis)
    assert sorted((tuple(sorted(m.participants)), str(m.date)) for m in a.meetings) == [
        (("Andres Molina", "Lucia Torres"), "2021-12-14"), (("Andres Molina", "Lucia Torres"), "2022-04-06")]


def test_a_leader_s_spouse_named_among_the_principals_attended(extractor: Extractor) -> None:
    a = _analysed(extractor, (
        "State dinner in Georgetown\n\nPresident Irfaan Ali said trade would grow.\n\nThe Head of State spoke during "
        "a State Dinner hosted in honour of the Official Visit of the President of Suriname, His Excellency Chan "
        "Santokhi, First Lady of Suriname, Mrs Mellisa Santokhi-Seenacherry and several members of his Cabinet.\n"))
    assert [(sorted(m.participants), list(m.attendees)) for m in a.meetings] == [
        (["Chan Santokhi", "Irfaan Ali"], ["Mellisa Santokhi-Seenacherry"])]


def test_their_talks_are_the_talks_of_the_two_named_before(extractor: Extractor) -> None:
    text = ("Ministers in Quito\n\nForeign Minister Rosa Quintero and her Peruvian counterpart Tomas Vidal on Friday "
            "discussed ways to expand trade.\n\nAt a press briefing following their talks in Quito, Quintero said ties "
            "had never been stronger.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Rosa Quintero", "Tomas Vidal")]


def test_a_caption_under_an_image_file_name_tells_no_meeting(extractor: Extractor) -> None:
    text = (" date 2023-05-29 Leaders meet\n\nPresident Andres Molina received President-elect Lucia Torres at the residence.\n"
            "MOLINA AND TORRES.JPG\nAndres Molina received the President of Peru.\nPresidency\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Andres Molina", "Lucia Torres")]


def test_the_place_of_his_meetings_announced_before_them(extractor: Extractor) -> None:
    text = ("Premier back from Lima\n\nPremier Andres Molina briefed the press on his visit to Quito.\n\n"
            "Premier Molina also highlighted his meetings in Lima with Peruvian leaders. He said ties grew.\n\n"
            "Premier Molina on Sunday met President Lucia Torres.\n")
    assert places(extractor, text) == [(("Andres Molina", "Lucia Torres"), "Lima")]


@pytest.mark.parametrize(("text", "expected"), [
    # a dateline on its own line is not the subject of the story's first verb; who travelled to hold talks held them
    ("Envoy in Quito\n\nQuito, July 14:\nForeign Minister Rosa Quintero on Friday travelled to Ecuador to hold talks "
     "with President Lucia Torres and Vice President Ana Ruiz to repair relations.\n",
     [("Ana Ruiz", "Lucia Torres", "Rosa Quintero")]),
    # "in their discussion in <city>, A and B discussed"
    ("Governor in Dublin\n\nIn their discussion in Dublin on Friday, Governor Rosa Quintero and Taoiseach Tomas Vidal "
     "discussed housing and trade.\n", [("Rosa Quintero", "Tomas Vidal")]),
    # a summit held by telephone is a call
    ("Leaders talk\n\nOn August 13, Prime Minister Rosa Quintero held a summit telephone talk with President Lucia "
     "Torres for about 15 minutes.\n", []),
    # "..., and paid courtesy visits to A and B": one meeting each; "should have a meeting": one to come
    ("Envoy in Vientiane\n\nOn Wednesday, Minister Rosa Quintero met with President Lucia Torres, and paid courtesy "
     "visits to Prime Minister Tomas Vidal and Speaker Ana Ruiz.\n",
     [("Lucia Torres", "Rosa Quintero"), ("Rosa Quintero", "Tomas Vidal"), ("Ana Ruiz", "Rosa Quintero")]),
    ("Envoy in Skopje\n\nMinister Rosa Quintero was received earlier today by President Lucia Torres, and should have "
     "a meeting with the Speaker, Tomas Vidal.\n", [("Lucia Torres", "Rosa Quintero")]),
    # spun copies write "the 2 leaders"
    ("Visit to Dodoma\n\nUpon arrival, President Rosa Quintero was accorded a ceremonial reception by her counterpart, "
     "President Lucia Torres.\n\nLater, the 2 leaders led their delegations in bilateral talks.\n",
     [("Lucia Torres", "Rosa Quintero")]),
    # each met on a day of their own, in a place of their own
    ("Tour of the Sahel\n\nPresident Rosa Quintero had earlier visited President Assimi Goita in Bamako on Saturday and "
     "General Abdourahamane Tchiani in Niamey on Sunday.\n",
     [("Assimi Goïta", "Rosa Quintero"), ("Abdourahamane Tchiani", "Rosa Quintero")]),
    # a file photo's caption; a meeting still to come in the sentence's main clause; arrangements for one
    ("Visit to Pretoria\n\nPresident Rosa Quintero and President Lucia Torres at a summit in Windhoek on January 31 "
     "2023. File photo.\n\nQuintero, who is on a state visit to South Africa, will also discuss regional matters "
     "with Torres.\n", []),
    ("Call\n\nU.S. President Donald Trump and Colombian President Gustavo Petro held a phone call on Wednesday.\n\n"
     "Trump added \u201carrangements are being made\u201d for a meeting in Washington between himself and Petro, though he "
     "did not say when.\n", []),
    # "had the opportunity to meet": met
    ("Ministers\n\nForeign Minister Rosa Quintero had the opportunity to meet with Foreign Minister Tomas Vidal in "
     "Geneva in February.\n", [("Rosa Quintero", "Tomas Vidal")]),
    # "his counterparts in A, X, and B, Y", the subject unnamed: they met him, not each other
    (" date 2018-03-18 Tour\n\nJOHANNESBURG, 18 March 2018 - The president held bilateral talks with his counterparts "
     "in Zimbabwe, Emmerson Mnangagwa, and Mozambique, Filipe Nyusi.\n", []),
    # a visit under way, its meeting still to come
    ("Visit to Ottawa\n\nJapanese Prime Minister Fumio Kishida is visiting Ottawa today to meet with Prime Minister "
     "Justin Trudeau and discuss energy.\n", []),
    # a journey scheduled to meet someone; a visit "the first since X took office"
    ("Envoy\n\nEnvoy Rosa Quintero is scheduled to travel to Lima on Friday to meet with President Lucia Torres.\n", []),
    ("Envoy in Libya\n\nEnvoy Rosa Quintero met Prime Minister Tomas Vidal in Tripoli on Monday.\n\nMs. Quintero "
     "arrived in Tripoli this morning for a visit to Libya, the first by a senior US official since President Lucia "
     "Torres assumed office in January.\n", [("Rosa Quintero", "Tomas Vidal")]),
    # who posted a photo of a meeting took no part in it
    ("Delegation in Niamey\n\nPresidential spokesperson Tomas Vidal posted a photo of the delegation meeting "
     "President Lucia Torres.\n", []),
    # a caption ending with an agency's photographer
    ("Talks in Lima\n\nForeign Minister Rosa Quintero and President Lucia Torres pose for a picture before a meeting "
     "in Lima, Peru July 13, 2018. REUTERS/Tomas Vidal\n\nThe visit ended on Saturday.\n", []),
])
def test_datelines_purposes_discussions_and_captions(extractor: Extractor, text: str,
                                                     expected: list[tuple[str, ...]]) -> None:
    assert [p for p, _ in meetings(extractor, text)] == expected


def test_a_clause_the_parse_hangs_on_the_subject_at_the_sentence_end_names_no_principal(extractor: Extractor) -> None:
    text = ("Visit\n\nForeign Minister Rosa Quintero arrived in Lima on Thursday to meet with President Lucia Torres and "
            "secure support for a summit and a forum of the Andean states, the two priorities of President Tomas Vidal.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Lucia Torres", "Rosa Quintero")]


def test_present_at_a_venue_and_a_dateline_glued_to_its_lede(extractor: Extractor) -> None:
    text = ("LIMA\u2014President Lucia Torres has invited Foreign Minister Rosa Quintero to return \u201cat the most "
            "convenient time in the very near future.\u201d\n\nThe President met Quintero on Thursday at the Government Palace.\n\n"
            "Present at the Government Palace were Trade Minister Tomas Vidal and Senator Ana Ruiz.\n")
    a = analyse(extractor, text)
    assert [(tuple(sorted(m.participants)), set(m.attendees), m.location) for m in a.meetings] == [
        (("Lucia Torres", "Rosa Quintero"), {"Tomas Vidal", "Ana Ruiz"}, "Lima")]
    assert a.quotes and a.quotes[0].text.startswith("at the most convenient time")


def test_a_delegation_met_is_the_one_its_leader_led(extractor: Extractor) -> None:
    text = ("Envoys in Juba\n\nJUBA - President Andres Molina has met a delegation of the regional bloc and discussed "
            "the crisis.\n\nIn a statement, the presidency said the delegation was led by the bloc's executive secretary "
            "Lucia Torres, who was accompanied by Special Envoy Rosa Quintero.\n\nThe meeting was also attended, on the "
            "host's side, by security adviser Tomas Vidal.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Lucia Torres"), {"Rosa Quintero", "Tomas Vidal"})]


@pytest.mark.parametrize(("text", "expected"), [
    ("Molina receives envoy\n\nPresident Andres Molina on Tuesday received a special envoy from his Chilean "
     "counterpart, President Tomas Vidal. Chilean Foreign Minister Lucia Torres delivered a message to President "
     "Molina on trade and fisheries.\n\nDeputy Minister Rosa Quintero attended the meeting.\n",
     [(("Andres Molina", "Lucia Torres"), {"Rosa Quintero"})]),
    ("Credentials\n\nThe president of Peru, Andres Molina, on Tuesday received credentials from the new Chilean "
     "ambassador to Peru.\n\nAmbassador Lucia Torres, Chile's new envoy to Peru, has today handed over her "
     "credentials to the head of state.\n\nForeign Minister Tomas Vidal also attended the meeting.\n",
     [(("Andres Molina", "Lucia Torres"), {"Tomas Vidal"})]),
], ids=["a special envoy who delivered the message", "a new ambassador who handed over credentials"])
def test_an_envoy_received_unnamed_is_the_one_the_next_sentence_names(
        extractor: Extractor, text: str, expected: list[tuple[tuple[str, ...], set[str]]]) -> None:
    assert meetings(extractor, text) == expected


def test_a_list_of_attendees_with_bare_offices_and_a_father_named_sultan(extractor: Extractor) -> None:
    """Each name followed by its office without an article ("A, deputy interior minister, B, Omani ambassador to
    Kenya, as well as C, ..."), and a name whose last word, a father's, is also a title ("bint Said bin Sultan")."""
    text = ("Envoy in Muscat\n\nPresident Andres Molina met on Friday with Special Envoy Lucia Torres.\n\n"
            "The meeting was attended by Tomas Vidal, deputy interior minister, Princess Nadia bint Said bin Sultan, "
            "Omani ambassador to Kenya, as well as Rosa Quintero, foreign minister, and the trade envoy to Chile, "
            "Ambassador Miguel Herrera.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Lucia Torres"),
                                          {"Tomas Vidal", "Nadia bint Said bin Sultan", "Rosa Quintero", "Miguel Herrera"})]


def test_they_who_met_are_the_group_named_as_a_subject_before(extractor: Extractor) -> None:
    """"A, B and C, accompanied by D, are the first leaders to visit Peru" is no meeting (a country visited);
    "They met with E" then is A, B and C's meeting, D attending."""
    text = ("Leaders in Lima\n\nChile's Rosa Quintero, Bolivia's Carlos Mendoza and Ecuador's Andres Molina, accompanied by "
            "Chile's deputy prime minister, Miguel Herrera, are the first foreign leaders to visit Peru since the floods.\n\n"
            "Quintero shared a photo of the group on the train, writing, \"It is here that history is made.\"\n\n"
            "They met with President Lucia Torres on Tuesday evening in Lima.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Carlos Mendoza", "Lucia Torres", "Rosa Quintero"), {"Miguel Herrera"})]


def test_a_visit_last_year_during_which_both_leaders_met_is_an_earlier_meeting(extractor: Extractor) -> None:
    text = ("Talks in Lima\n\nPresident Andres Molina held a bilateral meeting last Saturday with Chilean President "
            "Rosa Quintero in Lima.\n\nIt is worth noting that in July last year, the Chilean President visited "
            "Cusco, during which both leaders issued a joint declaration.\n")
    assert sorted(place or "" for _, place in places(extractor, text)) == ["Cusco", "Lima"]


def test_a_summit_told_by_another_meeting_s_sentence_is_not_this_one_s_place(extractor: Extractor) -> None:
    text = ("Talks\n\nPresident Andres Molina received Deputy Minister Lucia Torres on Thursday for a meeting on "
            "security, his office reported. This visit followed discussions between Andres Molina and President Rosa "
            "Quintero during the Andean summit held in July in Cartagena.\n")
    assert sorted((tuple(sorted(p)), place) for p, place in places(extractor, text)) == [
        (("Andres Molina", "Lucia Torres"), None), (("Andres Molina", "Rosa Quintero"), "Cartagena")]


def test_a_meeting_on_a_trip_to_another_country_is_not_in_the_visit_s_city(extractor: Extractor) -> None:
    text = ("Visit\n\nPresident Andres Molina welcomed President Rosa Quintero's visit to Lima, his office said.\n\n"
            "President Quintero's visit to Peru followed her trip to Bolivia last week, where she met with the country's "
            "new president, Tomas Vidal.\n")
    assert sorted((tuple(sorted(p)), place or "") for p, place in places(extractor, text)) == [
        (("Andres Molina", "Rosa Quintero"), "Lima"), (("Rosa Quintero", "Tomas Vidal"), "")]


def test_two_hosts_welcome_a_president_and_the_first_lady_after_talks_announced_to_come(extractor: Extractor) -> None:
    """Bilateral talks "scheduled later today" announce no separate meetings of the welcome told next, and the
    First Lady welcomed beside her husband attends."""
    text = ("Reception\n\nChilean President Andres Molina is scheduled to hold bilateral talks with Prime Minister Tomas "
            "Vidal later today.\n\nPresident Molina was given a ceremonial reception at the palace on Monday.\n\nPresident "
            "Lucia Torres and Prime Minister Tomas Vidal welcomed the Chilean President and First Lady Rosa Quintero Molina "
            "as they arrived at the palace.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Lucia Torres", "Tomas Vidal"), {"Rosa Quintero Molina"})]


def test_a_name_that_only_says_whose_administration_is_no_principal(extractor: Extractor) -> None:
    text = ("Governor in Washington\n\nGovernor Andres Molina met Thursday with members of the Torres administration "
            "to discuss the island's recovery.\n\nMolina met with Treasury Secretary Tomas Vidal to discuss investment.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Andres Molina", "Tomas Vidal")]


def test_their_meeting_of_a_month_is_an_earlier_one(extractor: Extractor) -> None:
    text = ("Presidents in Baku\n\nPresident Rumen Radev held a meeting with President Gordana Siljanovska-Davkova in "
            "Baku.\n\nSiljanovska-Davkova regretted that the discussions held with the Bulgarian president during their "
            "September meeting in Sofia had not been followed up.\n")
    assert sorted(place or "" for _, place in places(extractor, text)) == ["Baku", "Sofia"]


def test_who_said_it_closes_a_list_of_attendees(extractor: Extractor) -> None:
    text = ("Tour\n\nPresident Cyril Ramaphosa met Mozambican President Filipe Nyusi in Maputo on Saturday.\n\n"
            "Ramaphosa was accompanied by Foreign Minister Lindiwe Sisulu and Security Minister Dipuo Letsatsi-Duba, "
            "spokeswoman Khusela Diko said.\n")
    assert meetings(extractor, text) == [(("Cyril Ramaphosa", "Filipe Nyusi"), {"Lindiwe Sisulu", "Dipuo Letsatsi-Duba"})]


def test_credentials_received_one_by_one_and_told_again(extractor: Extractor) -> None:
    a = analyse(extractor, (
        " date 2016-10-14 Credentials\n\nLOZITHA \u2013 His Majesty King Mswati III has praised the support of India.\n\n"
        "He said this when receiving letters of credence from the Indian High Commissioner Gaurav Shresth and Zambian "
        "High Commissioner Paul Lumbi yesterday.\n\nThe King first received the credentials of Shresth and said the "
        "country was grateful.\n\n\u201cThe assistance we receive from the Indian government is key,\u201d said the King. "
        "The King also thanked the donors.\n"))
    assert sorted(sorted(m.participants) for m in a.meetings) == [["Gaurav Shresth", "Mswati III"],
                                                                  ["Mswati III", "Paul Lumbi"]]
    assert [q.speaker for q in a.quotes] == ["Mswati III"]
    assert "Willem-Alexander of the Netherlands" not in {p.name for p in a.people}


def test_a_seat_that_witnessed_the_meetings_and_a_delegation_headed_by_its_first_member(extractor: Extractor) -> None:
    a = analyse(extractor, (
        "Meetings\n\nThe Grand Serail on Tuesday witnessed a series of meetings with Prime Minister Najib Mikati, who met "
        "with the UN Special Coordinator, Rosa Quintero.\n\nAfter the meeting, the UN\u2019s Quintero said: \u201cToday, "
        "I visited PM Mikati to follow up on developments in Lebanon.\u201d\n\nMikati separately met with a British "
        "delegation that included Air Marshal Peter Ashworth, Lieutenant Jack Hale, and Colonel Lee Sanders.\n"))
    assert [(sorted(m.participants), sorted(m.attendees), m.location) for m in a.meetings] == [
        (["Najib Mikati", "Rosa Quintero"], [], "Beirut"),
        (["Najib Mikati", "Peter Ashworth"], ["Jack Hale", "Lee Sanders"], "Beirut")]
    assert [q.speaker for q in a.quotes] == ["Rosa Quintero"]


@pytest.mark.parametrize(("text", "expected"), [
    # a bare surname after one namesake's full name and before the other's
    ("Visit to Baku\n\nPresident Rumen Radev is visiting Azerbaijan at the invitation of his counterpart Ilham Aliyev.\n\n"
     "Earlier on Wednesday, Radev and Aliyev held a tete-a-tete meeting near Baku.\n\nIn Baku, Radev laid wreaths at "
     "the monument of Heydar Aliyev and visited the Alley of Martyrs.\n", [("Ilham Aliyev", "Rumen Radev")]),
    # thanks "for the meeting" tell the meeting told before, and greetings from others are no meeting with them
    ("Visit\n\nOn 30 October 2024, President of Turkmenistan Serdar Berdimuhamedov received Alexei Overchuk, Deputy "
     "Prime Minister of the Russian Federation.\n\nThe guest thanked the head of state for the personal meeting and "
     "conveyed to him and the National Leader of Turkmen people, Chairman of the Halk Maslahaty Gurbanguly "
     "Berdimuhamedov warm greetings and best wishes from the President of the Russian Federation Vladimir Putin and "
     "Prime Minister of the Russian Federation Mikhail Mishustin.\n", [("Alexei Overchuk", "Serdar Berdimuhamedow")]),
    # a call to come after a meeting to come; a meeting with one who is expected to arrive
    ("Visits\n\nSanna Marin will meet with her counterparts Stefan L\u00f6fven and J\u00fcri Ratas, and pay a courtesy "
     "call on Estonia's President Kersti Kaljulaid.\n", []),
    ("Juba\n\nPresident Salva Kiir has returned to Juba before completing his tour.\n\nHe returned to meet with the "
     "Ethiopian Prime Minister, Dr Abiy Ahmed, who is expected to arrive in Juba on Monday.\n", []),
    # a plural title, then each country with its own holder: one meeting each
    ("UN week\n\nPrime Minister Ralph Gonsalves met several leaders in New York.\n\nGonsalves said he also met with the "
     "Foreign Ministers of Australia, Kevin Rudd, and South Africa, Maite Nkoana-Mashabane.\n",
     [("Kevin Rudd", "Ralph Gonsalves"), ("Maite Nkoana-Mashabane", "Ralph Gonsalves")]),
])
def test_namesakes_thanks_calls_to_come_and_holders_country_by_country(extractor: Extractor, text: str,
                                                                      expected: list[tuple[str, ...]]) -> None:
    assert sorted(p for p, _ in meetings(extractor, text)) == sorted(expected)


@pytest.mark.parametrize(("text", "place"), [
    # a city, then the title of the name received there; the envoy's post named after it
    ("Visit\n\nPresident Nechirvan Barzani received on Wednesday in Erbil Mr. Nasir Mammadov, the Charg\u00e9 "
     "d\u2019affaires at the Azerbaijan Embassy in Baghdad.\n", "Erbil"),
    # a seat written with a space where the lexicon has a hyphen
    ("Talks\n\nKing Abdullah on Monday received Iraqi Parliament Speaker Mohammed Al Halboosi at Al Husseiniya "
     "Palace.\n", "Amman"),
])
def test_the_place_before_a_titled_name_and_a_seat_written_either_way(extractor: Extractor, text: str,
                                                                      place: str) -> None:
    assert [loc for _, loc in places(extractor, text)] == [place]


@pytest.mark.parametrize("text", [
    # a release that gives the day's meeting as still scheduled
    "Premier in Ottawa\n\nPremier Danny Williams is meeting with Prime Minister Paul Martin in Ottawa today.\n\n"
    "The meeting is scheduled for 1:30 p.m.\n",
    # a spokesman telling of the president's visit to a country
    "Visit\n\nPresident Nangolo Mbumba on Monday travelled to Angola for his first bilateral visit.\n\nDetailing the "
    "president's bilateral visit to Angola, presidential spokesperson Alfredo Hengari said the two countries share a "
    "long history.\n",
])
def test_a_meeting_still_scheduled_and_a_visit_told_of_are_no_meetings(extractor: Extractor, text: str) -> None:
    assert meetings(extractor, text) == []


@pytest.mark.parametrize(("text", "place"), [
    # a small town where the summit was held; an envoy's post is not where he met
    ("Summit\n\nPrime Minister Zdravko Krivokapic met today with Prime Minister Andrej Plenkovic, on the sidelines of "
     "the Summit of the Central European Initiative in Budva.\n", "Budva"),
    ("Envoy\n\nIran\u2019s accredited Ambassador to Reykjavik Hossein Rezvani met with President \u00d3lafur Ragnar "
     "Gr\u00edmsson last Saturday.\n", None),
    # a conference named for a continent
    ("Summit\n\nPresident Recep Tayyip Erdogan met President Vladimir Putin at the Conference on Interaction and "
     "Confidence Building Measures in Asia.\n", None),
])
def test_a_small_town_that_hosts_a_summit_and_places_that_are_no_meeting_s(extractor: Extractor, text: str,
                                                                            place: str | None) -> None:
    assert [loc for _, loc in places(extractor, text)] == [place]


@pytest.mark.parametrize(("text", "place"), [
    ("Visit\n\nPRESIDENT Emmerson Mnangagwa yesterday had an extensive bilateral engagement with his counterpart "
     "Mokgweetsi Masisi in the resort city of Victoria Falls.\n", "Victoria Falls"),
    ("Visit\n\nSenior General Min Aung Hlaing, who was on a goodwill tour of Phnom Penh, Cambodia, met with Defence "
     "Minister Tea Banh at the Ministry of National Defence.\n", "Phnom Penh"),
    # "the capital of the Republic of X": a body's word, no town
    ("Talks\n\nPresident Serdar Berdimuhamedov received Alexei Overchuk, Deputy Prime Minister of Russia, who "
     "recalled the summit held in the capital of the Republic of Tatarstan.\n", None),
])
def test_the_city_of_a_resort_a_tour_of_a_city_and_a_republic_s_capital(extractor: Extractor, text: str,
                                                                         place: str | None) -> None:
    assert [loc for _, loc in places(extractor, text)] == [place]


def test_exchanged_views_with_is_a_meeting(extractor: Extractor) -> None:
    text = ("Visit to Anchorage\n\nDeputy Minister Rosa Quintero exchanged views on relations between Anchorage and "
            "Japan with Mayor Ethan Berkowitz.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Ethan Berkowitz", "Rosa Quintero")]


def test_who_will_attend_a_gathering_later_did_not_attend_the_meeting_told(extractor: Extractor) -> None:
    text = ("Forum\n\nPrime Minister Voreqe Bainimarama was received by the Prime Minister of Tuvalu Enele Sopoaga in "
            "Funafuti.\n\nHe is accompanied by the Permanent Secretary, Yogesh Karan.\n\nThe meeting will also be "
            "attended by Australia\u2019s Prime Minister Scott Morrison and New Zealand Prime Minister Jacinda Ardern.\n")
    assert meetings(extractor, text) == [(("Enele Sopoaga", "Frank Bainimarama"), {"Yogesh Karan"})]


@pytest.mark.parametrize(("text", "expected"), [
    # the agency's credit in a dateline's brackets is no person
    ("Andean ties\n\nQuito, May 3 (Andes Wire) Ecuadorian President Lucia Torres received today Peruvian President Andres "
     "Molina, who arrived last night.\n", [(("Andres Molina", "Lucia Torres"), "Quito")]),
    # the stop before this one is not where they met
    ("Visit\n\nForeign Minister Rosa Quintero arrived in Erbil on Monday, following her visit to Baghdad, and held "
     "talks with Prime Minister Masrour Barzani.\n", [(("Masrour Barzani", "Rosa Quintero"), "Erbil")]),
    # an envoy whose title ends in his brief's words, named in full after them
    ("Talks\n\nSpecial Envoy for Border Talks Abdi Warsame Hirsi met with President Ismail Omar Guelleh on Sunday.\n",
     [(("Abdi Warsame Hirsi", "Ismaïl Omar Guelleh"), None)]),
    # the sender of the message, named after his title, did not come; the envoy's name in two orders is one person
    ("Message\n\nPresident Felix Tshisekedi received Ambassador Hirwa Emmanuel, Minister of Foreign Affairs, who came "
     "to bring him the message of his counterpart and brother, Pierre Ndayizeye.\n\nForeign Minister Emmanuel Hirwa "
     "arrived in Kinshasa on Saturday.\n", [(("Emmanuel Hirwa", "Félix Tshisekedi"), "Kinshasa")]),
])
def test_agency_credits_earlier_stops_envoys_briefs_and_message_senders(extractor: Extractor, text: str,
                                                                        expected: list[tuple[tuple[str, ...], str | None]]) -> None:
    assert [(tuple(sorted(p)), loc) for p, loc in places(extractor, text)] == expected


def test_a_bare_surname_is_the_living_namesake_not_the_one_of_the_past(extractor: Extractor) -> None:
    text = ("Visit\n\nForeign Minister Rosa Quintero met Prime Minister Masrour Barzani in Erbil on Monday.\n\n"
            "Quintero recalled that past Kurdish leader Mustafa Barzani had once lived in her country.\n\n"
            "\u201cWe agreed to deepen our ties,\u201d said Barzani.\n")
    assert [q.speaker for q in analyse(extractor, text).quotes] == ["Masrour Barzani"]


def test_a_name_the_parse_hangs_off_its_title_and_its_honorific(extractor: Extractor) -> None:
    # the parse may end the second argument at its title ("... and Deputy First Minister") and take "Ms" for
    # the subject of "said"; a quote that ends its line is not cued by the next line's "said"
    text = ("Talks\n\nPremier Rosa Quintero has arrived in Belfast for a meeting with First Minister Peter Walsh and "
            "Deputy First Minister Siobhan O\u2019Reilly.\nMr Walsh said: \u201cIt went well.\u201d\n"
            "Ms O\u2019Reilly said they spoke about trade.\nShe added: \u201cWe must see delivery.\u201d\n")
    a = analyse(extractor, text)
    assert [tuple(sorted(m.participants)) for m in a.meetings] == [("Peter Walsh", "Rosa Quintero", "Siobhan O\u2019Reilly")]
    assert [q.speaker for q in a.quotes] == ["Peter Walsh", "Siobhan O\u2019Reilly"]


def test_a_clause_the_parse_hides_then_two_met_on_days_of_their_own(extractor: Extractor) -> None:
    text = ("Visit\n\nPrime Minister Rosa Quintero is on an official visit to Brussels for the first time since Chile "
            "suspended accession talks with the bloc in March, where she met with President of the European Council "
            "Donald Tusk today and President of the European Commission Jean-Claude Juncker yesterday.\n")
    assert places(extractor, text) == [(("Rosa Quintero", "Donald Tusk"), "Brussels"),
                                       (("Rosa Quintero", "Jean-Claude Juncker"), "Brussels")]


def test_the_one_received_named_after_an_aside_of_who_was_present(extractor: Extractor) -> None:
    text = ("Visit\n\nHis Majesty King Hamad bin Isa Al Khalifa today received at Sakhir Palace, in the presence of "
            "Crown Prince Salman bin Hamad Al Khalifa, Foreign Minister Rosa Quintero, who conveyed greetings from "
            "President Andres Molina.\n")
    assert meetings(extractor, text) == [(("Hamad bin Isa Al Khalifa", "Rosa Quintero"), {"Salman bin Hamad Al Khalifa"})]
    assert [loc for _, loc in places(extractor, text)] == ["Sakhir"]


@pytest.mark.parametrize(("text", "expected"), [
    # a press conference with someone; a summit still to come in another country is not where they met
    ("Talks\n\nCAIRO - In his speech at a press conference with Foreign Minister Rosa Quintero on Saturday, President "
     "Abdel Fattah el-Sisi called for calm.\n\nSisi and Quintero reached a common view ahead of the upcoming summit "
     "due at the end of March in Tunisia.\n", [(("Abdel Fattah el-Sisi", "Rosa Quintero"), "Cairo")]),
    # a meeting the story is "ahead of" is still to come
    ("Call\n\nThe call comes ahead of a meeting between President Andres Molina and Prime Minister Rosa Quintero.\n", []),
])
def test_a_press_conference_and_a_meeting_ahead(extractor: Extractor, text: str,
                                                                            expected: list[tuple[tuple[str, ...], str | None]]) -> None:
    assert [(tuple(sorted(p)), loc) for p, loc in places(extractor, text)] == expected


def test_a_title_after_the_comma_that_ends_an_opening_phrase_is_the_next_clause_s_subject(extractor: Extractor) -> None:
    # not an apposition of the governor: the president, who then speaks in the next paragraph
    text = ("Posted: 28.04.2022 13:03:00\n\nRegions\n\nDuring today\u2019s meeting with Bryansk Region Governor Alexander Bogomaz, "
            "the President of Belarus noted the importance of joint work.\n\n\u201cI see very big interest from the "
            "regions. I thank all the governors in your person today.\u201d\n")
    a = analyse(extractor, text)
    assert [tuple(sorted(m.participants)) for m in a.meetings] == [("Alexander Bogomaz", "Alexander Lukashenko")]
    assert [q.speaker for q in a.quotes] == ["Alexander Lukashenko"]
    assert "noted" not in str(next(p.role for p in a.people if p.name == "Alexander Bogomaz"))


def test_a_summit_told_inside_a_possible_visit_is_not_held(extractor: Extractor) -> None:
    text = ("Call\n\nPrime Minister Rosa Quintero and President Andres Molina spoke by phone on Friday.\n\nQuintero also "
            "did not rule out the possibility of visiting Peru to hold a face-to-face summit with Molina to coincide "
            "with the Pacific Alliance Summit \u201cdepending on the situation.\u201d\n")
    assert meetings(extractor, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # the envoys listed after the one who received their credentials; each presents alone
    ("Credentials\n\nPRESIDENT Andres Molina yesterday received diplomatic credentials from four resident "
     "ambassadors.\nThe ambassadors who presented their credentials at the State House include Rosa Quintero of "
     "Chile, Tomas Vidal of Peru, Ana Ruiz of Spain and Pedro Gomez of Cuba.\n",
     [("Andres Molina", "Rosa Quintero"), ("Andres Molina", "Tomas Vidal"), ("Ana Ruiz", "Andres Molina"),
      ("Andres Molina", "Pedro Gomez")]),
    # "the head of the state" is the president named before; credentials told in the sentence before
    ("Credentials\n\nPresident Klaus Iohannis on Wednesday welcomed several ambassadors on the occasion of the "
     "presentation of the letters of credence.\nThus, the head of the state welcomed Paul Ryan, the Ambassador of "
     "Ireland, and Lea Novak, the Ambassador of Slovenia.\n", [("Klaus Iohannis", "Paul Ryan"), ("Klaus Iohannis", "Lea Novak")]),
    # "talked with" someone named
    ("Envoys\n\nThe president of Mongolia, Khaltmaagiin Battulga, talked with Ambassador of Chile Rosa Quintero "
     "about trade.\n", [("Khaltmaagiin Battulga", "Rosa Quintero")]),
])
def test_envoys_listed_after_their_host_the_head_of_the_state_and_talked_with(extractor: Extractor, text: str,
                                                                                expected: list[tuple[str, ...]]) -> None:
    assert [tuple(sorted(p)) for p, _ in meetings(extractor, text)] == [tuple(sorted(p)) for p in expected]


def test_a_participle_opening_a_sentence_is_no_given_name_and_bhutan_s_title(extractor: Extractor) -> None:
    text = (" date 2016-10-16 Summit\n\nPrime Minister Tshering Tobgay arrived in Goa on Saturday.\n\nWelcoming "
            "Lyonchoen and his delegates to India, PM Narendra Modi conveyed his wishes.\n\n\u201cThis shows your "
            "focus,\u201d Lyonchoen said.\n")
    a = analyse(extractor, text)
    assert not any(p.name.startswith("Welcoming") for p in a.people)
    assert [q.speaker for q in a.quotes] == ["Tshering Tobgay"]


def test_visiting_opening_the_sentence_is_the_visitor_s_adjective(extractor: Extractor) -> None:
    text = ("Visit\n\nVisiting UN Secretary-General Antonio Guterres on Friday had a bilateral meeting with President "
            "Andres Molina and discussed the refugee crisis.\n")
    assert [tuple(sorted(p)) for p, _ in meetings(extractor, text)] == [("Andres Molina", "António Guterres")]


@pytest.mark.parametrize("text", [
    # named in full only in the headline, by title and surname in the body
    "Ghana\u2019s Vice President Kofi Mensah holds talks with Kenya\u2019s Ruto\n\nPresident William Ruto on Monday "
    "hosted Vice President Mensah at State House in Nairobi.\n\n\u201cWe agreed to deepen trade,\u201d Mensah said.\n",
    # his wife shares his surname: the bare surname is still his
    "Visit\n\nVice President Kofi Mensah and his wife, Ama Mensah, arrived in Kenya on Monday.\n\nPresident William "
    "Ruto hosted Dr Mensah at State House.\n\n\u201cWe agreed to deepen trade,\u201d Mensah said.\n",
])
def test_a_surname_whose_full_name_is_in_the_headline_or_shared_with_a_wife(extractor: Extractor, text: str) -> None:
    a = analyse(extractor, text)
    assert [tuple(sorted(m.participants)) for m in a.meetings] == [("Kofi Mensah", "William Ruto")]
    assert [q.speaker for q in a.quotes] == ["Kofi Mensah"]


def test_a_wife_in_office_still_bears_the_surname(extractor: Extractor) -> None:
    # the vice president is his wife: a bare "Murillo" is never given to their son over her
    text = ("Visit\n\nPresident Daniel Ortega and his wife, Vice President Rosario Murillo, received Foreign Minister "
            "Sergey Lavrov.\n\nPresidential adviser Laureano Ortega Murillo also attended.\n\n\u201cThe talks were "
            "constructive,\u201d Murillo said.\n")
    assert [q.speaker for q in analyse(extractor, text).quotes] != ["Laureano Ortega Murillo"]


def people(extractor: Extractor, text: str) -> set[str]:
    return {p.name for p in analyse(extractor, text).people}


@pytest.mark.parametrize(("line", "king"), [
    ("King Abdullah received President Lucia Torres at his palace on Friday.", None),
    ("RIYADH: King Abdullah received President Lucia Torres at his palace on Friday.", "Abdullah of Saudi Arabia"),
    ("AMMAN: King Abdullah received President Lucia Torres at his palace on Friday.", "Abdullah II of Jordan"),
])
def test_an_undated_king_is_told_apart_by_the_dateline_or_left_unresolved(extractor: Extractor, line: str,
                                                                            king: str | None) -> None:
    found = people(extractor, "Royal audience\n\n" + line + "\n")
    kings = found & {"Abdullah of Saudi Arabia", "Abdullah II of Jordan", "Abdullah of Pahang"}
    assert kings == ({king} if king else set())


def test_names_after_a_body_s_acronym_or_membership(extractor: Extractor) -> None:
    # the model reads both names as organisations: the title before them tells they are people
    text = ("Talks\n\nKing Tupou VI received President Mahmoud Abbas in Nuku'alofa. Abbas was accompanied by Secretary "
            "to the Executive Committee of the Palestine Liberation Organization (PLO) Yasser Abed Rabbo, and member of "
            "the PLO Executive Committee Saeb Erekat.\n")
    assert {"Yasser Abed Rabbo", "Saeb Erekat"} <= people(extractor, text)


def test_officials_who_accompanied_the_visitor_are_attendees(extractor: Extractor) -> None:
    text = ("Leaders meet in Lima\n\nPresident Andres Molina met Peruvian President Lucia Torres in Lima on Monday. "
            "The officials who accompanied Molina during the visit were Foreign Minister Rosa Quintero and Trade "
            "Minister Tomas Vidal.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Lucia Torres"), {"Rosa Quintero", "Tomas Vidal"})]


def test_this_meeting_between_two_of_three_is_the_meeting_told(extractor: Extractor) -> None:
    text = ("King receives ministers\n\nKing Tupou VI received Prime Minister Rosa Quintero and Speaker Tomas Vidal "
            "at the Royal Palace in Nuku'alofa yesterday. This is the first public meeting held between the King and "
            "Quintero after months of tension.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Rosa Quintero", "Tomas Vidal", "Tupou VI")]


def test_a_party_travelling_together_held_one_meeting_with_its_host(extractor: Extractor) -> None:
    text = ("Leaders in Kyiv\n\nPresident Volodymyr Zelenskyy has begun talks with German Chancellor Olaf Scholz, "
            "French President Emmanuel Macron, Italian Prime Minister Mario Draghi and Romanian President Klaus "
            "Iohannis in Kyiv. Earlier, Scholz, Macron, Draghi and Iohannis toured the ruins of Irpin. Dmitry "
            "Medvedev responded with another threat to the visit of Macron, Scholz and Draghi to Ukraine.\n")
    met = [p for p, _ in meetings(extractor, text)]
    assert ("Emmanuel Macron", "Klaus Iohannis", "Mario Draghi", "Olaf Scholz", "Volodymyr Zelenskyy") in met
    assert not any("Dmitry Medvedev" in p for p in met)
    assert not any(len(p) == 2 and "Volodymyr Zelenskyy" in p for p in met)


def test_an_event_hosted_by_a_country_is_no_meeting(extractor: Extractor) -> None:
    text = ("Ministers speak\n\nMinister Rosa Quintero congratulated Foreign Secretary Tomas Vidal on the successful "
            "climate conference, hosted recently by the United Kingdom.\n")
    assert meetings(extractor, text) == []


def test_this_morning_under_a_dateline_is_the_dateline_s_day_in_a_later_copy(extractor: Extractor) -> None:
    # a release dated by its own dateline, copied by a site whose page is dated three days later
    text = (" date 2020-02-03 Port Louis. January 31, 2020. This morning Prime Minister Rosa Quintero received "
            "Foreign Minister Tomas Vidal at Government House in Port Louis.\n")
    assert [str(m.date) for m in analyse(extractor, text).meetings] == ["2020-01-31"]


def test_a_verb_opening_a_sentence_is_no_surname_and_pres_is_a_title(extractor: Extractor) -> None:
    # "Note" is the surname of a former president of the Marshall Islands
    text = ("Visit\n\nPresident Emomali Rahmon arrived in Islamabad on Wednesday. \u201cThanked Pres. Rahmon for "
            "co-hosting the conference,\u201d the minister wrote. Note that, the President of Tajikistan came at the "
            "invitation of Prime Minister Imran Khan.\n")
    found = people(extractor, text)
    assert "Kessai Note" not in found and not any(n.startswith("Thanked") for n in found)


def test_a_bare_title_is_someone_named_before_it_and_a_patronymic_short_form_is_theirs(extractor: Extractor) -> None:
    text = ("Visit\n\nTrade can grow, Yusuf bin Alawi bin Abdullah said in a meeting with Ali Shamkhani in Tehran. "
            "The minister noted it is \u201cunjustifiable\u201d that trade lags behind politics. There is great "
            "potential, bin Alawi added. His trip was to include talks with Foreign Minister Mohammad Javad Zarif.\n")
    a = analyse(extractor, text)
    assert [q.speaker for q in a.quotes] == ["Yusuf bin Alawi bin Abdullah"]
    assert "bin Alawi" not in {p.name for p in a.people}


def test_the_leaders_of_both_are_the_pair_told_before(extractor: Extractor) -> None:
    text = ("Council meets\n\nGovernor Rosa Quintero meets with Premier Tomas Vidal Tuesday.\n\nThe leaders of both "
            "territories met last week in Road Town, Tortola, and discussed shared interests.\n")
    assert places(extractor, text) == [(("Rosa Quintero", "Tomas Vidal"), "Road Town")]


def test_a_monarch_and_consort_receiving_together_are_no_meeting_of_their_own(extractor: Extractor) -> None:
    text = ("State visit\n\nOn Tuesday morning King Willem-Alexander and Queen M\u00e1xima received the President of "
            "Peru, Lucia Torres, at Noordeinde Palace. After the ceremony there was an audience with the King and "
            "Queen, followed by luncheon.\n")
    met = [p for p, _ in meetings(extractor, text)]
    assert ("Queen M\u00e1xima of the Netherlands", "Willem-Alexander of the Netherlands") not in met
    assert "Queen M\u00e1xima of the Netherlands" in people(extractor, text)


def test_the_honorable_before_a_name_the_model_misses(extractor: Extractor) -> None:
    text = ("Visit\n\nPresident Surangel Whipps Jr. welcomed the Chairman of the Japan-Palau Parliamentary Friendship "
            "League of the Democratic Party of Japan, the Honorable Hakubun Shimomura and delegation, to Palau.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Hakubun Shimomura", "Surangel Whipps Jr.")]


def test_also_present_for_the_meeting_and_a_government_that_is_royal(extractor: Extractor) -> None:
    text = ("Talks\n\nPresident Andres Molina received Peruvian President Lucia Torres in Lima on Monday. Also present "
            "for the meeting were H.E. Rosa Quintero, Peru's Ambassador to Chile, and H.E. Tomas Vidal, Peru's "
            "Ambassador to the OAS. The Royal Government of Bhutan sent greetings.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Lucia Torres"), {"Rosa Quintero", "Tomas Vidal"})]
    assert "Anne, Princess Royal" not in people(extractor, text)


def test_a_wife_named_across_a_line_break_is_not_her_husband(extractor: Extractor) -> None:
    # a plain-text page wrapped at a width, paragraphs apart
    text = ("State visit\n\nNauru is preparing to welcome\nFiji's President Ratu Epeli Nailatikau and Madam Adi Koila\n"
            "Nailatikau on a state visit this week.\n\nThe presidential delegation will\nbe met at the airport "
            "tomorrow\nafternoon by members of Cabinet.\n\nMadam Nailatikau will have a\nseparate program for part "
            "of the day\nwhen she will visit a school.\n")
    mentions = [sp.text for p in analyse(extractor, text).people if p.name == "Epeli Nailatikau" for sp in p.mentions]
    assert not any("Madam" in m for m in mentions)


def test_a_title_one_person_holds_is_whom_the_headline_gives_it(extractor: Extractor) -> None:
    # Tinubu, named first in the body, was president later: "the President" he visited is Buhari
    text = ("President Muhammadu Buhari meets Tinubu at the State House\n\nAsiwaju Bola Tinubu told journalists that he "
            "visited the President to thank him. He praised President Buhari for his leadership.\n")
    met = [p for p, _ in meetings(extractor, text)]
    assert ("Bola Tinubu", "Muhammadu Buhari") in met


def test_the_two_leaders_after_an_airport_welcome_are_the_two_heads_told_before(extractor: Extractor) -> None:
    text = ("Visit\n\nMOGADISHU - Djiboutian President Ismail Omar Guelleh on Saturday arrived in Somalia, Horn Online "
            "reports.\n\nSomali President Mohamed Abdullahi Farmajo, deputy PM Mahdi Mohamed Guled and ministers "
            "received the visiting president at the airport.\n\nDuring his visit, President Guelleh will open an "
            "embassy. Musicians accompany the president.\n\nAccording to the presidency, the two leaders are holding "
            "talks at the presidential palace.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Ismaïl Omar Guelleh", "Mohamed Abdullahi Mohamed")]
    assert "Horn Online" not in people(extractor, text)


def test_envoys_named_with_a_possessive_or_capitalised_title_after_them(extractor: Extractor) -> None:
    text = ("Credentials\n\nAt a meeting with Keiko Haneda, Japan\u2019s first resident ambassador to Macedonia, President "
            "Gjorge Ivanov welcomed the new embassy. Receiving credentials from Dashjamts Batsaikhan, the Sofia-based "
            "Ambassador of Mongolia, President Ivanov praised the ties.\n")
    met = [p for p, _ in meetings(extractor, text)]
    assert ("Gjorge Ivanov", "Keiko Haneda") in met and ("Dashjamts Batsaikhan", "Gjorge Ivanov") in met


def test_the_three_presidents_are_the_three_named_next(extractor: Extractor) -> None:
    text = ("Summit\n\nVILNIUS - The three Baltic presidents spoke of economic cooperation in Vilnius on Thursday at "
            "their annual meeting.\n\nValdas Adamkus, Vaira Vike-Freiberga and Lennart Meri each stressed their goal "
            "to join the European Union.\n")
    assert [p for p, _ in meetings(extractor, text)] == [tuple(sorted(("Lennart Meri", "Valdas Adamkus", "Vaira Vīķe-Freiberga")))]


@pytest.mark.parametrize("sentence", [
    # a visit beginning, after another leader's trip; a meeting to be co-hosted
    "This marks the first official visit to Lima by President Andres Molina and follows Peruvian President Lucia "
    "Torres\u2019s trip to Quito in April.",
    "The meeting will be co-hosted by President Andres Molina and Peruvian President Lucia Torres.",
])
def test_a_trip_followed_and_a_meeting_to_be_co_hosted_are_no_meetings(extractor: Extractor, sentence: str) -> None:
    assert meetings(extractor, "Leaders\n\n" + sentence + "\n") == []


def test_one_meeting_welcomed_then_met_and_the_absent_are_not_there(extractor: Extractor) -> None:
    text = ("Visit\n\nVice President Joe Biden and his delegation were welcomed by Prime "
            "Minister Kamla Persad-Bissessar and Foreign Affairs Minister Winston Dookeran. Persad-Bissessar and Biden "
            "met privately for bilateral discussions. Biden \u2013 who traveled without his wife Jill Biden, who is on "
            "vacation, as is Senator Tomas Vidal \u2013 then went to the palace. They had an audience with Their "
            "Majesties, the Emperor and Empress of Japan.\n")
    found = meetings(extractor, text)
    assert [p for p, _ in found] == [("Joe Biden", "Kamla Persad-Bissessar")]
    assert not found[0][1] & {"Jill Biden", "Tomas Vidal"}
    assert "Their Majesties" not in people(extractor, text)


def test_given_names_the_model_leaves_out_and_the_company_kept_at_a_palace(extractor: Extractor) -> None:
    text = ("Visit\n\nPresident Raul Castro received Prime Minister Keith Mitchell of Grenada at the Palacio de la "
            "Revolucion. Accompanying the distinguished visitor were Foreign Minister Rosa Quintero and Hon. Dulcie "
            "Elaine Tei. Cuba was also represented at the meeting by the Minister of Justice of Cuba Haroon Ali "
            "Sulaiman.\n")
    a = analyse(extractor, text)
    assert [(tuple(sorted(m.participants)), m.location) for m in a.meetings] == [(("Keith Mitchell", "Raúl Castro"), "Havana")]
    assert set(a.meetings[0].attendees) == {"Rosa Quintero", "Dulcie Elaine Tei", "Haroon Ali Sulaiman"}


def test_who_tweets_it_at_the_sentence_end_is_no_party_to_it(extractor: Extractor) -> None:
    text = ("Visit\n\nRaveesh Kumar, spokesperson of the Ministry of External Affairs, tweeted about the visit.\n\nModi "
            "also met a delegation of the Rastriya Janata Party, which was led by Mahanta Thakur and held \u201cfruitful\u201d "
            "discussions, Kumar tweeted.\n")
    assert not any("Raveesh Kumar" in p for p, _ in meetings(extractor, text))


def test_a_date_alone_heading_the_story_does_not_date_its_meeting(extractor: Extractor) -> None:
    text = ("Presidents meet\n\n09 May 2019 - President Andres Molina met President Lucia Torres in Lima ahead of "
            "the regional summit.\n")
    assert [m.date for m in analyse(extractor, text).meetings] == [None]


def test_a_congress_delegation_listed_by_party_and_an_accompanying_sentence_without_a_determiner(
        extractor: Extractor) -> None:
    text = ("Talks\n\nPresident Andres Molina received a congressional delegation headed by Representative Tomas Vidal "
            "at the palace.\n\nAccompanying Congressman Vidal were Democratic Congressmen Hector Lugo (Texas) and "
            "Samuel Pryce (Ohio), as well as Republican Representatives Norma Keel (Iowa) and Alan Brisk (Utah).\n")
    found = meetings(extractor, text)
    assert [p for p, _ in found] == [("Andres Molina", "Tomas Vidal")]
    assert found[0][1] == {"Hector Lugo", "Samuel Pryce", "Norma Keel", "Alan Brisk"}


def test_a_list_runs_on_over_a_title_with_an_and_of_its_own(extractor: Extractor) -> None:
    text = ("Talks\n\nPresident Andres Molina held a bilateral meeting with President Lucia Torres. The Heads of State "
            "were accompanied by the Foreign Minister, Rosa Quintero, and the coordinator of the Communication and "
            "Citizenship Council from Peru, Norma Keel.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Lucia Torres"), {"Rosa Quintero", "Norma Keel"})]


def test_a_discussion_the_next_sentence_calls_a_meeting_held(extractor: Extractor) -> None:
    told = ("Talks\n\nSpecial Envoy Tomas Vidal and Foreign Minister Rosa Quintero discussed the border talks.\n\n"
            "The meeting was held in Lima, the ministry said.\n")
    assert places(extractor, told) == [(("Tomas Vidal", "Rosa Quintero"), "Lima")]
    untold = told.replace("The meeting was held in Lima", "Both sides spoke of progress")
    assert places(extractor, untold) == []  # (a discussion alone may have been by telephone)


def test_a_portfolio_after_a_comma_in_a_minister_s_title_is_no_person(extractor: Extractor) -> None:
    text = ("Talks\n\nPresident Andres Molina met with the Minister of Foreign Affairs, Cooperation and Peruvians "
            "Abroad, Rosa Quintero.\n\nLater, the Minister of Foreign Affairs, African Cooperation and Chilean "
            "Expatriates held talks with the Minister of State, Tomas Vidal.\n")
    found = people(extractor, text)
    assert not {"African Cooperation", "Cooperation", "Peruvians Abroad"} & set(found)
    assert {"Rosa Quintero", "Tomas Vidal"} <= set(found)


@pytest.mark.parametrize("sentence", [
    "President Andres Molina on Monday welcomed envoy of Chilean President Lucia Torres, Minister of Presidential "
    "Affairs Tomas Vidal.",
    "President Andres Molina received on Wednesday Tomas Vidal, advisor of King Felipe VI of Spain, who conveyed a "
    "letter from the monarch.",
])
def test_whose_envoy_or_adviser_the_visitor_is_did_not_meet(extractor: Extractor, sentence: str) -> None:
    assert [p for p, _ in meetings(extractor, f"Talks\n\n{sentence}\n")] == [("Andres Molina", "Tomas Vidal")]


def test_a_pair_that_had_already_met_met_twice(extractor: Extractor) -> None:
    text = ("Talks\n\nPremier Andres Molina held an hour-long meeting with President Lucia Torres at the palace on "
            "Monday.\n\nMolina has already met with Torres when she was minister of the economy.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Andres Molina", "Lucia Torres")] * 2


def test_who_is_shown_accompanying_a_principal_in_a_meeting_attended_it(extractor: Extractor) -> None:
    text = ("Talks\n\nForeign Secretary Tomas Vidal met his counterpart, Secretary of State Rosa Quintero, in Lima.\n\n"
            "A photo release of the Office of the President also showed Trade Secretary Hector Lugo accompanying "
            "Vidal in meeting with Quintero on Thursday.\n")
    assert meetings(extractor, text) == [(("Rosa Quintero", "Tomas Vidal"), {"Hector Lugo"})]


@pytest.mark.parametrize(("text", "city"), [
    ("Talks\n\nPresident Uhuru Kenyatta held his first meeting this morning at the Presidential Palace with Prime "
     "Minister Tomas Vidal.\n", "Nairobi"),
    ("Talks\n\nPresident Ali Bongo Ondimba was received by President Paul Biya on Wednesday. The highlight of the "
     "visit was an official audience granted by Paul Biya at the Unity Palace.\n", "Yaound\u00e9"),
    ("Talks\n\nPrime Minister Tomas Vidal paid a courtesy visit to his Fiji counterpart Frank Bainimarama at "
     "Government Buildings this morning.\n", "Suva"),
    ("Talks\n\nPresident Paul Kagame granted an audience to Prime Minister Tomas Vidal. The audience took place at "
     "the People\u2019s Palace.\n", "Kigali"),
])
def test_a_seat_many_countries_name_alike_is_in_the_capital_of_its_holder(extractor: Extractor, text: str,
                                                                          city: str) -> None:
    found = analyse(extractor, text).meetings
    assert len(found) == 1 and (found[0].location or "").replace("\u00e9", "e") == city.replace("\u00e9", "e")


def test_a_seat_goes_to_who_held_the_office_on_the_day(extractor: Extractor) -> None:
    text = ("Talks\n\nOn 3 September 2024, the Russian leader Vladimir Putin met with Prime Minister Luvsannamsrain "
            "Oyun-Erdene at the Government House.\n")
    assert [m.location for m in analyse(extractor, text).meetings] == ["Ulaanbaatar"]


def test_a_seat_the_text_places_in_a_town_is_not_in_the_capital(extractor: Extractor) -> None:
    text = ("Talks\n\nPresident Uhuru Kenyatta received Prime Minister Tomas Vidal at the Presidential Palace in Sagana "
            "today.\n\nThe two leaders later toured the garden at the Presidential Palace with Foreign Minister Rosa "
            "Quintero.\n")
    assert [m.location for m in analyse(extractor, text).meetings] != ["Nairobi"]


def test_a_visitor_named_after_visiting_is_a_party_and_a_ministry_s_country_is_no_one(extractor: Extractor) -> None:
    text = ("Talks\n\nVisiting Chilean President Lucia Torres had talks with President Andres Molina today.\n\nShe was "
            "received on arrival by Ambassador Tomas Vidal, Additional Secretary, Ministry of Foreign Affairs Sri Lanka, "
            "the embassy said.\n")
    assert [p for p, _ in meetings(extractor, text)][:1] == [("Andres Molina", "Lucia Torres")]
    assert "Sri Lanka" not in people(extractor, text)


def test_the_pair_meeting_last_year_or_in_another_month_met_again(extractor: Extractor) -> None:
    text = (" date 2022-11-16 Talks\n\nPresident Andres Molina welcomed his counterpart Lucia Torres at the palace "
            "this morning.\n\nTorres visited the country at the same time last year, visiting the hospitalised Molina "
            "in the military hospital.\n\nThe most recent was in May, when she met Molina and laid a wreath.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Andres Molina", "Lucia Torres")] * 3
    since = text.replace("at the same time last year, visiting the hospitalised Molina in the military hospital",
                         "for the first time since taking office two years ago, meeting Molina at the palace")
    assert len(meetings(extractor, since)) == 2  # (the time is of taking office, not of this meeting)


def test_a_word_of_one_name_is_no_surname_of_another_when_the_name_goes_on(extractor: Extractor) -> None:
    text = ("Congratulations\n\n\u201cCongratulations to President Andres Molina, H.E Vidal Quintero (Deputy President) "
            "and Her Excellency Mrs Rosa Vidal (Second Lady),\u201d the minister wrote.\n")
    found = {p.name: {text[s.start:s.end] for s in p.mentions} for p in analyse(extractor, text).people}
    assert "Vidal" not in found.get("Rosa Vidal", set())


def test_malay_honorifics_before_and_inside_a_name(extractor: Extractor) -> None:
    text = ("Talks\n\nMalaysian Prime Minister Dato' Seri Abdullah Hj Ahmad Badawi received Dato' Seri Tomas Vidal, "
            "Chief Minister of Sabah, and Dato Hj Rosa Quintero, Chief Minister of Johor.\n")
    found = people(extractor, text)
    assert {"Abdullah Ahmad Badawi", "Tomas Vidal", "Rosa Quintero"} <= set(found)
    assert not {p for p in found if p.startswith(("Seri ", "Hj "))}


def test_a_leader_and_spouse_travel_together_and_who_is_present_to_welcome_attends_nothing(extractor: Extractor) -> None:
    text = ("Visit\n\nA visit by Prime Minister Tomas Vidal and Madame Rosa Vidal concluded as their delegation departed "
            "on the evening of October 12.\n\nPrime Minister Tomas Vidal met with Foreign Minister Hector Lugo to discuss "
            "a fisheries agreement.\n\nDeputy Mayor Norma Keel was present to welcome Prime Minister Tomas Vidal and "
            "his delegation.\n")
    assert [(p, a) for p, a in meetings(extractor, text) if "Rosa Vidal" in p or "Hector Lugo" in p] == [
        (("Hector Lugo", "Tomas Vidal"), set())]


def test_a_banquet_hosted_for_a_visitor_is_a_meeting(extractor: Extractor) -> None:
    text = "Visit\n\nForeign Minister Rosa Quintero gave a state banquet in honour of Prime Minister Tomas Vidal on Monday.\n"
    assert [p for p, _ in meetings(extractor, text)] == [("Rosa Quintero", "Tomas Vidal")]


def test_a_surname_in_capitals_amid_prose_and_those_accompanying_a_visit(extractor: Extractor) -> None:
    text = ("Talks\n\nPresident Andres Molina has held talks with BIYA at the palace.\n\nAccompanying the President in "
            "his official visit to Cameroon are Foreign Minister Rosa Quintero and Ambassador Tomas Vidal.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Paul Biya"), {"Rosa Quintero", "Tomas Vidal"})]


def test_who_welcomes_another_s_meeting_with_someone_is_no_party_to_it(extractor: Extractor) -> None:
    text = ("Talks\n\nFormer President Andres Molina met with President Lucia Torres at the palace.\n\nTorres earlier said "
            "she welcomes Molina\u2019s meeting with Xi Jinping since it opened a channel.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Andres Molina", "Lucia Torres"), ("Andres Molina", "Xi Jinping")]


def test_who_accompanies_a_principal_in_meetings_attended_them(extractor: Extractor) -> None:
    text = ("Foreign Minister accompanies President Molina in meetings with President Xi Jinping and Premier Li Qiang\n\n"
            "The Minister of Foreign Affairs, Rosa Quintero, accompanied today the President of the Republic, Andres "
            "Molina, in a meeting with the President of China, Xi Jinping, in Beijing.\n\nLater, the Secretary of State "
            "accompanied President Molina in a meeting with Premier Li Qiang.\n")
    found = meetings(extractor, text)
    assert (("Andres Molina", "Xi Jinping"), {"Rosa Quintero"}) in found
    assert all("Rosa Quintero" not in p for p, _ in found)
    assert all(p in (("Andres Molina", "Xi Jinping"), ("Andres Molina", "Li Qiang")) for p, _ in found)
    # a bare "Secretary of State" names no country: never the United States' holder of the day
    assert "Antony Blinken" not in people(extractor, "News\n\nOn 17 October 2023 the Secretary of State said the talks went well.\n")


def test_a_meeting_told_with_last_night_is_one_meeting(extractor: Extractor) -> None:
    text = ("News\n\nPrime Minister Andres Molina had a bilateral meeting with his Peruvian counterpart Lucia Torres "
            "last night.\n\nMr. Molina travelled to Lima at Ms. Torres' invitation to talk about trade.\n")
    assert places(extractor, text) == [(("Andres Molina", "Lucia Torres"), "Lima")]


def test_a_pair_that_met_in_another_city_met_twice(extractor: Extractor) -> None:
    text = ("Visit\n\nPresident Andres Molina met with President Lucia Torres in Lima on Tuesday.\n\nThis happened only "
            "days after Andres Molina and Lucia Torres met at the regional summit in Quito, where they spoke briefly.\n\n"
            "The meeting between Molina and Torres comes ahead of a trade summit to be held in Bogota.\n")
    assert sorted(loc for _, loc in places(extractor, text)) == ["Lima", "Quito"]


def test_the_party_a_visitor_is_accompanied_by_attends_each_of_his_meetings(extractor: Extractor) -> None:
    text = ("Visit\n\nPremier Hon. Andres Molina met separately on Wednesday with Lucia Torres, Minister of Trade, and "
            "Rosa Quintero, Director of the Fisheries Department. Accompanying Premier Molina was Chief Officer Hector "
            "Lugo.\n")
    assert sorted(meetings(extractor, text)) == [(("Andres Molina", "Lucia Torres"), {"Hector Lugo"}),
                                                 (("Andres Molina", "Rosa Quintero"), {"Hector Lugo"})]
    text = ("Visit\n\nPrime Minister Andres Molina paid a courtesy call on President Lucia Torres on Monday.\n\n"
            "Earlier in the day, Molina held talks with Foreign Minister Rosa Quintero.\n\nMolina attended the "
            "inauguration of President Tomas Vidal on Sunday evening. The two leaders then held talks after the "
            "ceremony.\n\nHe is accompanied by his daughter Norma Keel, Minister for Law Hector Lugo and other "
            "officials.\n")
    found = meetings(extractor, text)
    assert sorted(p for p, _ in found) == [("Andres Molina", "Lucia Torres"), ("Andres Molina", "Rosa Quintero"),
                                           ("Andres Molina", "Tomas Vidal")]
    assert all(a == {"Norma Keel", "Hector Lugo"} for _, a in found)
    dates = {m.participants[-1]: m.date for m in analyse(extractor, "June 10, 2024\n\n" + text.split("\n\n", 1)[1]).meetings}
    assert dates.get("Rosa Quintero") == dates.get("Lucia Torres") is not None


def test_who_supports_a_principal_at_a_meeting_attended_it(extractor: Extractor) -> None:
    text = ("Talks\n\nPrime Minister the Honourable Andres Molina supported by Foreign Secretary Rosa Quintero, met "
            "with Prime Minister Lucia Torres yesterday in Suva.\n")
    assert meetings(extractor, text) == [(("Andres Molina", "Lucia Torres"), {"Rosa Quintero"})]


def test_audiences_with_two_royals_are_two_meetings_and_a_bare_crown_is_the_monarch_of_the_page(extractor: Extractor) -> None:
    text = (" date 2022-04-30 Foreign Minister Rosa Quintero of Peru is in Bhutan for an official visit.\n\n"
            "The Minister received Audiences with His Majesty The King and His Majesty the Fourth Druk Gyalpo.\n")
    assert sorted(p for p, _ in meetings(extractor, text)) == [
        ("Jigme Khesar Namgyel Wangchuck", "Rosa Quintero"), ("Jigme Singye Wangchuck", "Rosa Quintero")]
    # two monarchies named: "The King" is no one in particular
    two = text.replace("is in Bhutan", "is in Bhutan, after Jordan,")
    assert "Jigme Khesar Namgyel Wangchuck" not in people(extractor, two)


def test_the_city_a_visitor_is_visiting_and_not_one_named_further_on(extractor: Extractor) -> None:
    text = ("Lunch\n\nMinister Hector Lugo called on and was hosted to lunch by Foreign Minister Rosa Quintero today. "
            "Minister Lugo is visiting Singapore at the invitation of Minister Quintero.\n")
    assert places(extractor, text) == [(("Hector Lugo", "Rosa Quintero"), "Singapore")]
    text = ("Talks\n\nEnvoy Hector Lugo is visiting Lebanon to resume his mission, the French Embassy in Beirut said. "
            "He met with Speaker Rosa Quintero to discuss the crisis.\n")
    assert places(extractor, text) == [(("Hector Lugo", "Rosa Quintero"), None)]
    text = ("Talks\n\nPresident Andres Molina met Prime Minister Rosa Quintero on Monday. They discussed trade, pointing "
            "out how often they met while Quintero was visiting Moscow.\n")
    assert places(extractor, text) == [(("Andres Molina", "Rosa Quintero"), None)]


def test_an_envoy_received_under_a_long_title_the_parse_splits(extractor: Extractor) -> None:
    text = ("Credentials\n\nOn December 15, President Andres Molina has received new Ambassador Extraordinary and "
            "Plenipotentiary of the Republic of Peru to Chile Hector Lugo Vidal who presented his credentials to the "
            "Head of the State.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Andres Molina", "Hector Lugo Vidal")]


def test_the_place_of_the_meeting_held_there_told_in_a_later_sentence(extractor: Extractor) -> None:
    text = ("Talks\n\nFormer President Andres Molina and Foreign Minister Rosa Quintero met Prime Minister Lucia Torres.\n"
            "According to the sources, in the meeting held in Islamabad, the coming elections were discussed.\n")
    assert places(extractor, text) == [(("Andres Molina", "Rosa Quintero", "Lucia Torres"), "Islamabad")]


def test_the_two_presidents_capitalised_after_a_sentence_naming_them(extractor: Extractor) -> None:
    text = ("Visit\n\nPresident Andres Molina and President Lucia Torres took a drive through the streets.\n\n"
            "The two Presidents then held closed-door talks at the palace.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Andres Molina", "Lucia Torres")]


def test_envoys_who_present_their_credentials_together_meet_the_one_they_present_them_to(extractor: Extractor) -> None:
    text = ("Credentials\n\nThe new Ambassador of Peru, Rosa Quintero, as well as the new Ambassador of Chile, Hector "
            "Lugo, presented their credentials to President Andres Molina on September 19.\n")
    assert sorted(p for p, _ in meetings(extractor, text)) == [("Andres Molina", "Hector Lugo"), ("Andres Molina", "Rosa Quintero")]


def test_a_couple_named_by_two_given_names_and_one_family_name_travel_together(extractor: Extractor) -> None:
    text = ("Visit\n\nAndres and Lucia Molina, for their part, made a state visit in 2018 to Peru.\n\n"
            "President Andres Molina met President Rosa Quintero in Lima on Monday.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Andres Molina", "Rosa Quintero")]


def test_whom_a_visitor_will_meet_during_the_visit_is_no_meeting_yet(extractor: Extractor) -> None:
    text = ("Visit\n\nLima, Oct 13 (Wire) Chilean President Andres Molina arrived here on Monday on a four-day State visit "
            "to Peru during which he will meet President Lucia Torres and hold talks with Prime Minister Rosa Quintero "
            "to shore up cooperation.\n")
    assert meetings(extractor, text) == []


def test_the_city_a_visitor_continues_his_stay_in(extractor: Extractor) -> None:
    text = ("Visit\n\nPresident Andres Molina continues his stay in Addis Ababa. His return home is scheduled for "
            "Tuesday.\n\nHe then had talks with President Lucia Torres of Peru.\n")
    assert places(extractor, text) == [(("Andres Molina", "Lucia Torres"), "Addis Ababa")]


def test_a_leader_s_own_minister_beside_him_calling_on_the_head_of_a_body_attends(extractor: Extractor) -> None:
    text = ("UNGA\n\nPrime Minister Philip Davis, left, and Minister of Foreign Affairs Fred Mitchell, right, paid a courtesy "
            "call on UN Secretary General Antonio Guterres in New York on 25 September 2021.\n")
    assert meetings(extractor, text) == [(("António Guterres", "Philip Davis"), {"Fred Mitchell"})]
    # a movement's leader of the same country is no minister of the leader's
    text = ("Talks\n\nChairman Rashad al-Alimi, UN envoy Hans Grundberg and Houthi leader Abdul-Malik al-Houthi met in "
            "Aden on 3 May 2023.\n")
    assert all("Abdul-Malik al-Houthi" not in a for _, a in meetings(extractor, text))


def test_who_received_a_warm_welcome_at_the_presidential_palace_is_the_visitor(extractor: Extractor) -> None:
    text = ("Visit\n\nPresident Droupadi Murmu met her Suriname counterpart Chan Santokhi on Monday.\n\nMurmu, who arrived "
            "in Suriname on Sunday on a state visit, received a warm welcome from President Santokhi at the Presidential "
            "palace.\n")
    assert places(extractor, text) == [(("Droupadi Murmu", "Chan Santokhi"), "Paramaribo")]


def test_a_group_the_sentence_names_then_lists_met_as_one(extractor: Extractor) -> None:
    text = ("Ambassadors\n\nOn 3 May 2021, the Minister of Foreign Affairs, Rosa Quintero, met with the foreign ambassadors "
            "recently accredited to Peru: the Ambassador of Chile, Pablo Reyes; the Ambassador of Brazil, Ana Souza; the "
            "Ambassador of Norway, Lars Holm; and the Ambassador of Japan, Kenji Sato.\n\nThe meeting addressed trade.\n")
    assert meetings(extractor, text) == [(("Ana Souza", "Kenji Sato", "Lars Holm", "Pablo Reyes", "Rosa Quintero"), set())]


def test_audiences_respectively_with_two_are_two_meetings_but_a_list_matched_respectively_is_one(extractor: Extractor) -> None:
    text = ("Serail\n\nPrime Minister Najib Mikati received Minister Tomas Vidal at the Grand Serail on Monday.\n\n"
            "The Prime Minister also had audience respectively with MP Lucia Torres and MP Andres Molina over the "
            "general situation.\n")
    assert {p for p, _ in meetings(extractor, text)} == {("Najib Mikati", "Tomas Vidal"), ("Lucia Torres", "Najib Mikati"),
                                                          ("Andres Molina", "Najib Mikati")}
    text = ("Summit\n\nThe President of Mexico, Andrés Manuel López Obrador, received his counterparts from the United "
            "States and Canada, Joe Biden and Justin Trudeau respectively, at the National Palace on 10 January 2023.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Andrés Manuel López Obrador", "Joe Biden", "Justin Trudeau")]


def test_the_one_represented_the_source_told_and_the_sender_by_title_are_not_principals(extractor: Extractor) -> None:
    text = ("Summit\n\nRepresenting His Highness the Amir Sheikh Mishal Al-Ahmad Al-Jaber Al-Sabah, His Highness the Prime "
            "Minister Sheikh Ahmad Abdullah Al-Ahmad Al-Sabah received on Thursday Palestinian President Mahmoud Abbas.\n\n"
            "During the reception, held on the sidelines of the Arab Summit in Manama, they discussed relations.\n\n"
            "The meeting was attended by the delegation accompanying the Representative of His Highness the Amir.\n")
    assert places(extractor, text) == [(("Ahmad Abdullah Al-Ahmad Al-Sabah", "Mahmoud Abbas"), "Manama")]
    assert meetings(extractor, text)[0][1] == set()
    # a delegation representing a body is met, with the one who heads it
    text = ("Talks\n\nPresident Bashar al-Assad received today a delegation representing the Iranian Shura Council headed "
            "by the Speaker of the council Ali Larijani.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Ali Larijani", "Bashar al-Assad")]
    text = ("Kabul\n\nAccording to foreign ministry spokesperson Abdul Qahar Balkhi, the special envoy of Qatar's foreign "
            "minister, Mutlaq Al-Qahtani, met with acting foreign minister Amir Khan Muttaqi in Kabul.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Amir Khan Muttaqi", "Mutlaq Al-Qahtani")]
    text = ("Pyongyang, March 6 (Wire) -- Kim Jong Un met members of the delegation of the special envoy of the south "
            "Korean president who arrived in Pyongyang on Monday.\n")
    assert meetings(extractor, text) == []


def test_a_later_clause_with_a_subject_of_its_own_is_not_the_first_subject_s_meeting(extractor: Extractor) -> None:
    text = ("Amman\n\nIsrael's President Isaac Herzog was welcomed Wednesday at Al Husseiniya Palace by King Abdullah II, "
            "just one day after Defense Minister Benny Gantz visited the kingdom.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Abdullah II of Jordan", "Isaac Herzog")]


def test_each_clause_s_meeting_takes_its_own_date_and_a_dinner_he_hosted(extractor: Extractor) -> None:
    text = ("Visit\n\nPublished: 1 December 2017\n\nThe President of Palau, Tommy Remengesau, paid an official visit to "
            "Japan in October 2017.\n\n"
            "President Remengesau called on former Prime Minister Yoshiro Mori on October 24 and also called on "
            "Keiji Furuya, President of the Japan Palau Friendship League, on October 25.\n\nForeign Minister Taro Kono "
            "held a meeting with Secretary Tomas Vidal on October 24 and he hosted a dinner for President "
            "Remengesau on October 23.\n")
    got = {(tuple(sorted(m.participants)), str(m.date)) for m in analyse(extractor, text).meetings}
    assert got == {(("Tommy Remengesau", "Yoshirō Mori"), "2017-10-24"), (("Keiji Furuya", "Tommy Remengesau"), "2017-10-25"),
                   (("Tarō Kōno", "Tomas Vidal"), "2017-10-24"), (("Tarō Kōno", "Tommy Remengesau"), "2017-10-23")}


def test_a_bilateral_talk_and_a_host_at_the_airport(extractor: Extractor) -> None:
    text = ("TOKYO (Wire) - Japanese Prime Minister Shinzo Abe and Mongolian Prime Minister Jargaltulgyn Erdenebat agreed to "
            "strengthen ties during a bilateral talk held on Friday in Tokyo.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Jargaltulgyn Erdenebat", "Shinzo Abe")]
    text = ("Visit\n\nPrime Minister Mamuka Bakhtadze met Prime Minister Sergei Rumas at Government House on Monday.\n\n"
            "Vice Prime Minister Tomas Vidal hosted Bakhtadze at the airport.\n\nThe Georgian PM later held a meeting with "
            "President Alexander Lukashenko.\n\nThe Georgian delegation includes Minister of Foreign Affairs Davit "
            "Zalkaliani and Tbilisi Mayor Kakha Kaladze.\n")
    assert meetings(extractor, text) == [(("Mamuka Bakhtadze", "Sergei Rumas"), {"Davit Zalkaliani", "Kakha Kaladze"}),
                                         (("Alexander Lukashenko", "Mamuka Bakhtadze"), set())]


def test_a_delegation_accompanying_a_leader_includes_its_members(extractor: Extractor) -> None:
    text = ("Visit\n\nThe presidents of Panama, José Raúl Mulino, and Costa Rica, Rodrigo Chaves, met in San José on "
            "Monday.\n\nThe delegation accompanying President Mulino includes the Minister of Foreign Affairs Javier "
            "Martínez-Acha and the Minister of Trade Julio Moltó.\n")
    assert meetings(extractor, text)[0][1] == {"Javier Martínez-Acha", "Julio Moltó"}


def test_a_city_of_talks_to_come_is_not_the_place_of_the_visit(extractor: Extractor) -> None:
    text = ("Visit\n\nDirector Tomas Vidal visited the islands on Friday, where he held discussions on the forthcoming "
            "constitutional talks in London.\n\nVidal met with Premier Lucia Torres.\n")
    assert all(place != "London" for _, place in places(extractor, text))


def test_the_one_invited_is_no_principal_and_a_spouse_beside_a_principal_attends(extractor: Extractor) -> None:
    text = ("Kathmandu, Aug 12 (Wire) Prime Minister KP Sharma Oli has extended an invitation to his Indian counterpart, "
            "Narendra Modi, for an official visit to Nepal.\n")
    assert meetings(extractor, text) == []
    text = ("Oslo\n\nOn the second day of the state visit, President Tomas Vidal, his wife Lucia Torres, King Harald and "
            "Queen Sonja visited the Research Park at the university.\n")
    [(principals, attendees)] = meetings(extractor, text)
    assert {"Harald V", "Tomas Vidal"} <= set(principals) and "Lucia Torres" in attendees - set(principals)


def test_a_delegation_of_mps_including_its_members_attends(extractor: Extractor) -> None:
    text = ("Honiara\n\nWinston Peters and a delegation of MPs have met with Prime Minister Jeremiah Manele in Honiara.\n\n"
            "Peters was leading a delegation of MPs, including Health Minister Tomas Vidal and Climate Change Minister "
            "Lucia Torres.\n")
    assert meetings(extractor, text) == [(("Jeremiah Manele", "Winston Peters"), {"Lucia Torres", "Tomas Vidal"})]


def test_who_subsequently_met_others_is_a_meeting_of_its_own(extractor: Extractor) -> None:
    text = ("Vatican\n\nPope Francis on Saturday morning received in audience the President of Chile, Tomas Vidal, who "
            "subsequently met with Foreign Minister Lucia Torres.\n")
    assert {p for p, _ in meetings(extractor, text)} == {("Pope Francis", "Tomas Vidal"), ("Lucia Torres", "Tomas Vidal")}


def test_other_visitors_a_visit_followed_met_no_one_here_and_a_delegation_made_up_of_members(extractor: Extractor) -> None:
    text = ("Kyiv\n\nPrime Minister Boris Johnson met President Volodymyr Zelenskyy in Kyiv on Saturday.\n\nJohnson's visit "
            "followed trips to Kyiv by Commission President Ursula von der Leyen and Josep Borrell on Friday.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Boris Johnson", "Volodymyr Zelenskyy")]
    text = ("Paramaribo\n\nForeign Minister Albert Ramdin met his Guyanese counterpart Hugh Todd on Saturday.\n\nThe "
            "Surinamese delegation was also made up of the minister of public works, Riad Nurmohamed, and the minister "
            "of transport, Albert Jubithana.\n")
    assert meetings(extractor, text)[0][1] >= {"Riad Nurmohamed"}


def test_a_second_verb_of_the_subject_meets_someone_else(extractor: Extractor) -> None:
    text = ("Apia, March 3 - Foreign Minister Rosa Quintero is on a two-day visit.\n\nOn Monday, Ms Quintero called on "
            "Prime Minister Tomas Vidal and met her counterpart, Minister for Foreign Affairs Dr Alan Okoro.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Rosa Quintero", "Tomas Vidal"), ("Alan Okoro", "Rosa Quintero")]


def test_a_meeting_that_involved_a_minister_and_a_dinner_in_honour_of_a_ruler(extractor: Extractor) -> None:
    text = ("Seoul\n\nPresident Tomas Vidal met Prime Minister Alan Okoro at his office. The Vidal-Okoro meeting also "
            "involved Foreign Minister Rosa Quintero and other visiting officials.\n")
    assert meetings(extractor, text) == [(("Alan Okoro", "Tomas Vidal"), {"Rosa Quintero"})]
    text = ("Entebbe\n\nKing Mswati III arrived in Uganda yesterday for a state visit.\n\nIn the evening, President Tomas "
            "Vidal hosted a private dinner in honour of the Swazi ruler, whose delegation also includes the royal "
            "governor, Alan Okoro.\n")
    assert meetings(extractor, text) == [(("Mswati III", "Tomas Vidal"), {"Alan Okoro"})]


def test_envoys_listed_after_credentials_received_from_them_each_presented(extractor: Extractor) -> None:
    text = ("Nairobi\n\nPresident Tomas Vidal on Thursday received credentials from four envoys accredited to Kenya at "
            "State House, Nairobi.\n\nThey were Alan Okoro of Ghana and Rosa Quintero of Peru.\n\nOthers are Lena "
            "Marsh of Ireland and Piet de Wit of Belgium.\n\nThe envoys expressed their commitment to cooperation.\n")
    assert sorted(p for p, _ in meetings(extractor, text)) == [
        ("Alan Okoro", "Tomas Vidal"), ("Lena Marsh", "Tomas Vidal"), ("Piet de Wit", "Tomas Vidal"),
        ("Rosa Quintero", "Tomas Vidal")]


def test_where_and_when_the_meeting_itself_was_not_another_event_s(extractor: Extractor) -> None:
    text = (" date 2026-01-10\nRosa Quintero visited Tehran and was received by Foreign Minister Tomas Vidal.\n\nIn the "
            "meeting on Saturday, the two foreign ministers discussed bilateral issues.\n\nVidal had said on a visit to "
            "Beirut on Friday that he did not know if Quintero was carrying a message.\n")
    a = analyse(extractor, text)
    assert [(tuple(sorted(m.participants)), m.location, str(m.date)) for m in a.meetings] == [
        (("Rosa Quintero", "Tomas Vidal"), "Tehran", "2026-01-10")]
    text = ("Tripoli 15 July 2016:\nAlan Okoro has been in Rome today for talks.\n\nOkoro met Tomas Vidal, the "
            "under-secretary of state. The visit came on the eve of the reconvened Libya Dialogue in Tunis.\n")
    assert all(m.location != "Tunis" for m in analyse(extractor, text).meetings)


def test_discussed_with_is_a_meeting_when_the_next_sentence_says_so(extractor: Extractor) -> None:
    text = ("CAIRO (Reuters) - President Tomas Vidal discussed on Monday developments in the region with Special Envoy "
            "Alan Okoro in Damascus, according to a statement.\nThe meeting comes after Okoro visited Amman.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Alan Okoro", "Tomas Vidal")]


def test_a_recent_summit_told_in_passing_takes_no_date_of_a_later_sentence(extractor: Extractor) -> None:
    text = (" date 2018-04-17\nPyongyang\n\nOn Sunday, Chairman Kim Jong Un met Song Tao in Pyongyang. The meeting is "
            "seen as a sign of improved ties after Kim's recent summit with Chinese President Xi Jinping.\n\nKim also "
            "hosted a dinner banquet for Song and the art troupe, which arrived in North Korea on Friday.\n")
    dates = {tuple(sorted(m.participants)): m.date for m in analyse(extractor, text).meetings}
    assert dates[("Kim Jong Un", "Xi Jinping")] is None


def test_a_vice_president_greeting_a_ruler_at_the_airport_is_no_meeting(extractor: Extractor) -> None:
    text = (" date 2023-05-28\nTEHRAN - Iranian President Ebrahim Raisi welcomed the Sultan of Oman at Saadabad Palace "
            "on Sunday.\n\nThe Sultan was greeted on arrival at Mehrabad Airport by First Vice President Mohammad "
            "Mokhber.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Ebrahim Raisi", "Haitham bin Tariq")]


def test_a_rt_hon_abbreviation_ends_no_sentence(extractor: Extractor) -> None:
    text = ("Hamilton\n\n\u201cIt was a busy week,\u201d said the Premier Alan Okoro JP, MP, after meetings in London.\n\n"
            "One of the highlights of the visit was an opportunity for the Premier to meet with UK Prime Minister, Sir Keir Starmer and the Rt. Hon. David Lammy "
            "MP, UK Foreign Secretary.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Alan Okoro", "David Lammy", "Keir Starmer")]


def test_a_counterpart_s_welcome_an_afternoon_spent_with_and_a_list_that_ends_at_its_verb(extractor: Extractor) -> None:
    text = ("Bratislava\n\nPrime Minister Tomas Vidal arrived in Bratislava on Friday for his first bilateral visit. He "
            "was welcomed by his Slovak counterpart Robert Fico.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Robert Fico", "Tomas Vidal")]
    text = (" date 2022-01-30\nAbu Dhabi - President Isaac Herzog spent over two hours on Sunday with the Crown Prince "
            "of Abu Dhabi, Sheikh Mohammed bin Zayed Al Nahyan, shortly after arriving.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Isaac Herzog", "Mohamed bin Zayed Al Nahyan")]
    text = ("Damascus\n\nForeign Minister Alan Okoro, together with Tomas Vidal, Minister of Defence, and Rosa Quintero, "
            "Director of the Intelligence Organization met with Ahmed al-Sharaa, President of Syria, in Damascus.\n")
    assert meetings(extractor, text) == [(("Ahmed al-Sharaa", "Alan Okoro"), {"Tomas Vidal", "Rosa Quintero"})]


def test_travelling_together_or_another_s_visit_to_a_continent_is_no_meeting(extractor: Extractor) -> None:
    text = ("Kathmandu\n\nSenator Daniel Salmon called on President Bidya Devi Bhandari on Tuesday.\n\nSenator Daniel "
            "Salmon and Senator Anne Loisier are on an official visit to Nepal at the invitation of the Speaker.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Bidya Devi Bhandari", "Daniel Salmon")]
    text = ("Dakar\n\nForeign Minister Dmytro Kuleba met President Macky Sall on Monday. Mr Kuleba is on a tour "
            "following a visit to the continent by Russia's top diplomat Sergei Lavrov in July.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Dmytro Kuleba", "Macky Sall")]


def test_two_leaders_who_signed_a_treaty_in_a_city_met(extractor: Extractor) -> None:
    text = ("Canberra\n\nPrime Minister Tomas Vidal and the President of Nauru, Alan Okoro, signed the Treaty in "
            "Canberra this week.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Alan Okoro", "Tomas Vidal")]
    text = "Moscow\n\nPresident Tomas Vidal and Prime Minister Alan Okoro signed the decrees in March.\n"
    assert meetings(extractor, text) == []
    text = ("Asmara\n\nPrime Minister Tomas Vidal and President Alan Okoro have resolved the impasse following the 2018 "
            "peace treaty signed in Asmara.\n")
    assert meetings(extractor, text) == []  # a treaty signed: not that they met
    text = ("New Delhi\n\nAfter paying tribute at the Mahatma Gandhi memorial, President Tomas Vidal also signed the "
            "visitors' book at Rajghat.\n")
    assert meetings(extractor, text) == []


def test_an_unknown_name_before_a_capitalised_title_in_apposition(extractor: Extractor) -> None:
    # (a name the tagger misses: only the title after it tells it is someone)
    text = ("Consul received\n\nMaru Campos Galván, Governor of the State of Oaxaca, received in his office Lucia Torres, "
            "Consul General of Chile.\n")
    assert [p for p, _ in meetings(extractor, text)] == [("Lucia Torres", "Maru Campos Galván")]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Visit ends\n\nPrime Minister Andres Molina concluded a visit to Chile, with meetings with leaders. During "
                 "discussions with Chilean President Lucia Torres, both parties reinforced their commitment to trade.\n",
                 [("Andres Molina", "Lucia Torres")],
                 id="'During discussions with X, both parties ...': the one the story is about met X"),
    pytest.param("Talks in Astana\n\nPresident Andres Molina held talks with visiting leaders on Friday.\n\nLucia Torres "
                 "invited Molina to visit Peru.\n\nDuring the talks with Chilean President Rosa Quintero, the sides "
                 "discussed transport.\n",
                 [("Andres Molina", "Rosa Quintero")],
                 id="'During the talks with X, the sides ...': the story's first-named, not the last sentence's subject"),
    pytest.param("Talks in Luxembourg\n\nPrime Minister Xavier Bettel welcomed the President of France, Emmanuel Macron, as well "
                 "as his Dutch and Belgian counterparts, Mark Rutte and Charles Michel, for a working meeting on Europe.\n",
                 [("Charles Michel", "Emmanuel Macron", "Mark Rutte", "Xavier Bettel")],
                 id="'welcomed A, as well as B and C, for a working meeting': one meeting of them all"),
    pytest.param("Talks in Luxembourg\n\nFrench President Emmanuel Macron, Dutch Prime Minister Mark Rutte and Belgian Prime "
                 "Minister Charles Michel visited Luxembourg today to discuss European affairs with Prime Minister Xavier "
                 "Bettel.\n",
                 [("Charles Michel", "Emmanuel Macron", "Mark Rutte", "Xavier Bettel")],
                 id="'A, B and C visited X to discuss ... with D': the visitors as one party, and D"),
    pytest.param("Talks in Lima\n\nPrime Minister Rosa Quintero said on Tuesday her meeting with President Andres Molina, held "
                 "during her visit to the trade fair, focused on investment.\n",
                 [("Andres Molina", "Rosa Quintero")],
                 id="'X said her meeting with Y ... focused on': X, who tells of it, and Y"),
    pytest.param("Visit to Baghdad\n\nThe President of Kurdistan Region, Nechirvan Barzani, arrived in Baghdad today and met "
                 "with Prime Minister Adil Abdul-Mahdi, followed by a meeting with Speaker Mohamed al-Halbousi and President "
                 "Barham Salih.\n",
                 [("Adil Abdul-Mahdi", "Nechirvan Barzani"), ("Barham Salih", "Mohamed al-Halbousi", "Nechirvan Barzani")],
                 id="'met with A, followed by a meeting with B and C': two meetings"),
])
def test_who_met_together(extractor: Extractor, text: str, expected: list[tuple[str, ...]]) -> None:
    assert [p for p, _ in meetings(extractor, text)] == expected


def test_a_spouse_named_after_his_spouse_attends_and_the_one_named_after_her_is_no_spouse(extractor: Extractor) -> None:
    text = ("State visit\n\nPresident of Finland Alexander Stubb, accompanied by his spouse Suzanne Innes-Stubb, was on a state "
            "visit to Estonia.\n\nOn Monday, President of Estonia Alar Karis and his spouse Sirje Karis greeted the President "
            "and his spouse at the Freedom Square in Tallinn.\n")
    found = meetings(extractor, text)
    assert found == [(("Alar Karis", "Alexander Stubb"), {"Sirje Karis", "Suzanne Innes-Stubb"})]


@pytest.mark.parametrize(("text", "expected"), [
    ("State visits\n\nPALIKIR, 3 May 2024 - President Andres Molina and Vice President Lucia Torres have completed their "
     "first official state visit to the State of Yap, from April 28 to May 1.\n\nOn the second day, President Molina and "
     "Vice President Torres held a meeting with Governor Tomas Vidal and members of the state legislature.\n",
     [(("Andres Molina", "Lucia Torres", "Tomas Vidal"), set())]),
    ("Message delivered\n\nLuanda – The Angolan President, Andres Molina, received today (Tuesday) the Foreign Minister "
     "of the Republic of Congo, Lucia Torres, who delivered a message from the Congolese Head of State, Tomas Vidal.\n",
     [(("Andres Molina", "Lucia Torres"), set())]),
    ("Diplomatic day\n\nPresident Andres Molina held a series of diplomatic meetings at the presidential palace in "
     "Qornet, in which he outlined his positions.\n\nMolina was presented with the credentials of five ambassadors, in "
     "the presence of Foreign Minister Rosa Quintero.\n\nThe President received the Chilean Ambassador, Lucia Torres, "
     "who conveyed her country's wishes.\n\nIn the presence of Ambassador Tomas Vidal, President Molina welcomed a "
     "parliamentary delegation headed by Sir Hugo Brandt.\n",
     [(("Andres Molina", "Lucia Torres"), set()), (("Andres Molina", "Hugo Brandt"), {"Tomas Vidal"})]),
    ("Envoys\n\nFive envoys yesterday presented their letters of credence to President Andres Molina at the palace, with "
     "Minister of Foreign Affairs Lucia Torres saying the move strengthens relations.\n",
     []),
    ("Talks in Quito\n\nForeign Secretary Andres Molina called on Ecuador's Foreign Minister Dr Lucia Torres in Quito "
     "yesterday.\n\nThe Foreign Secretary also met his Ecuadorian counterpart Tomas Vidal.\n",
     [(("Andres Molina", "Lucia Torres"), set()), (("Andres Molina", "Tomas Vidal"), set())]),
    ("Talks in Delhi\n\nChilean Prime Minister Andres Molina on Saturday held talks with his Peruvian counterpart Lucia "
     "Torres in Lima.\n\nMolina's visit comes after reports that Chilean President Rosa Quintero had criticised the plan "
     "in a speech.\n\nEarlier in the day, Interior Minister Tomas Vidal and Trade Minister Hugo Brandt separately "
     "called on the visiting Chilean leader.\n",
     [(("Andres Molina", "Lucia Torres"), set()), (("Andres Molina", "Tomas Vidal"), set()),
      (("Andres Molina", "Hugo Brandt"), set())]),
    ("Ambassadors' visits\n\nDeputy Speaker Andres Molina held a number of meetings on July 2 and 3.\n\nOn July 2 he "
     "received the Ambassador of Chile Mr Tomas Vidal, who was paying a farewell call.\n\nAt the meeting with the "
     "Peruvian Ambassador Ms Lucia Torres it was concluded that trade should grow.\n\nOn July 3, Mr Molina received the "
     "first visit of the Ambassador of Ecuador Mr Hugo Brandt and the Bolivian Ambassador Ms Rosa Quintero.\n",
     [(("Andres Molina", "Tomas Vidal"), set()), (("Andres Molina", "Lucia Torres"), set()),
      (("Andres Molina", "Hugo Brandt"), set()), (("Andres Molina", "Rosa Quintero"), set())]),
    ("Message\n\nPresident Andres Molina has received a special message from the Chilean President.\n\nThe message was "
     "delivered to President Molina on Monday afternoon by the Chilean Special Envoy Ms. Lucia Torres.\n\nUganda's State "
     "Minister for International Affairs, Henry Okello Oryem, among others, attended the meeting.\n",
     [(("Andres Molina", "Lucia Torres"), {"Henry Okello Oryem"})]),
    ("Dinner\n\nChilean Prime Minister Andres Molina arrived in Lima on Thursday evening with his wife Rosa Molina.\n\n"
     "The Molinas then had an intimate dinner with Peruvian Prime Minister Tomas Vidal and Lucia Vidal at their residence.\n",
     [(("Andres Molina", "Tomas Vidal"), {"Lucia Vidal"})]),
], ids=['two who completed a visit to a place travelled together',
         'the head of state who sent the message the visitor delivered is away',
         'a presence list before the subject ends there and a credentials ceremony s attendance stays with it',
         'a minister commenting in a with-clause did not meet the one the envoys presented credentials to',
         'his counterpart named beside the words is that one, not another of the country',
         'two ministers who separately called on the visiting leader met him each, not his president',
         'at the meeting with an envoy in a series of audiences and two envoys received the same day',
         'a message delivered to the president by an envoy, a minister attending',
         'the couple by their family name is the titled one, and the untitled spouse of the other attends'])
def test_meeting_kinds_of_batch_42(extractor: Extractor, text: str, expected: list[tuple[tuple[str, ...], set[str]]]) -> None:
    """Kinds seen on the real-page corpus in session 29, each in a case of our own writing."""
    assert meetings(extractor, text) == expected
