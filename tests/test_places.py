"""Meeting places: datelines in the forms real pages print them, a venue with its city, a city's
venue, and well-known seats of government (data: extract_lexicon.json "landmarks")."""

from __future__ import annotations

import pytest

from communique.actors.kb import KnowledgeBase
from communique.extraction.lexicon import Lexicon
from communique.extraction.places import Gazetteer, dateline, find_place


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def gaz(kb: KnowledgeBase) -> Gazetteer:
    return Gazetteer.load(kb)


@pytest.mark.parametrize(("text", "city"), [
    ("ACCRA, March 27 (GNA) - The president received", "Accra"),
    (" date 2023-03-27 Accra, March 27, GNA- The president received", "Accra"),
    ("Leaders meet\n\nNew Delhi: The prime minister received", "New Delhi"),
    ("Leaders meet\nTashkent, Uzbekistan, Nov. 3\nThe president received", "Tashkent"),
    ("Leaders meet\n08:38 | San Francisco (U.S.), Nov. 15.\nThe minister met", "San Francisco"),
    ("Riyadh \u2013 Saba\nThe president met", "Riyadh"),
    ("Leaders meet\n\nPuerto Iguaz\u00fa, November 30, 2005 (APN) - The president received", "Puerto Iguaz\u00fa"),  # a town
    ("State visit to Vienna\n\nVienna. On 3 May 2015, the Federal President welcomed", "Vienna"),  # a full stop
])
def test_datelines(gaz: Gazetteer, text: str, city: str) -> None:
    found = dateline(text, gaz)
    assert found is not None and found.name == city and text[found.start : found.end].lower() == city.lower()


@pytest.mark.parametrize("text", ["Paris Hilton visits the capital\nShe met", "The President met the envoy\nMore",
                                  "Talks end\nPeace. The word was on every lip"])
def test_no_dateline(gaz: Gazetteer, text: str) -> None:
    assert dateline(text, gaz) is None


@pytest.mark.parametrize(("sentence", "city"), [
    ("The president received the vice president at the Jubilee House, Accra.", "Accra"),
    ("He was given an official welcome to Jakarta's Presidential Palace on Monday.", "Jakarta"),
    ("The two prime ministers met at Hyderabad House today.", "New Delhi"),
    ("The prime minister paid a courtesy call on the president at Bangabhaban.", "Dhaka"),
    ("The leaders met at the Kuala Lumpur Convention Centre during the summit.", "Kuala Lumpur"),
    ("The president met the IMF chief on the sidelines of the World Economic Forum at Davos.", "Davos"),  # a small town
    ("The prime minister received his Greek counterpart at the Auberge de Castille on Friday.", "Valletta"),
    ("The two presidents met in St. Petersburg on the sidelines of the forum.", "Saint Petersburg"),  # the larger namesake
    ("During his bilateral meeting with the President at Malacañan on Monday, he thanked his hosts.", "Manila"),
    ("The meeting took place in the Pink House, in the run-up to the joint event.", "Buenos Aires"),  # Casa Rosada translated
    ("The Speaker received the prime minister today at Ain el-Tineh Palace.", "Beirut"),  # the Speaker's seat
])

def test_venues_resolve_to_their_city(kb: KnowledgeBase, gaz: Gazetteer, sentence: str, city: str) -> None:
    found = find_place(sentence, 0, len(sentence), gaz, kb, Lexicon.load().landmarks)
    assert found is not None and found.name == city


@pytest.mark.parametrize(("sentence", "city"), [
    ("The two presidents met on Tuesday in Qubadli, Azerbaijan, ahead of the summit.", "Qubadli"),
    ("The prime minister spoke in Parliament, Nigeria's capital being far away.", None),
    ("He held talks in Kenya, Uganda and Tanzania last month.", None),
    ("Before the council meets again in June, Germany and France want decisions.", None),
    ("The meeting took place at the adviser's office in Tejgaon, Dhaka, a statement said.", "Dhaka"),  # (the city after it)
])
def test_a_town_too_small_for_the_gazetteer_placed_by_its_country(kb: KnowledgeBase, gaz: Gazetteer, sentence: str,
                                                                   city: str | None) -> None:
    found = find_place(sentence, 0, len(sentence), gaz, kb, Lexicon.load().landmarks)
    assert (found.name if found else None) == city


@pytest.mark.parametrize(("text", "dateline_text"), [
    ("KINGSTON, Jamaica, Jul 19 2016 - The prime minister on Monday held talks", "KINGSTON, Jamaica, Jul 19 2016 - "),
    ("calendar>>May 4. 2018\nPyongyang, May 4 (KCNA) -- Kim Jong Un Thursday met", "Pyongyang, May 4 (KCNA) -- "),
    ("ANKARA, March 14 (Reuters) - Turkey's foreign minister met", "ANKARA, March 14 (Reuters) - "),
    ("ABU DHABI, 17th January, 2023 (WAM) -- The President received", "ABU DHABI, 17th January, 2023 (WAM) -- "),
    ("Rome, 12 March 2021 (ANSA) - The premier met", "Rome, 12 March 2021 (ANSA) - "),
    ("MINSK, April 2. /BelTA/. The president has met", "MINSK, April 2. /BelTA/. "),  # an agency between slashes
    # a stamp before a colon, glued to an image's file name, below a page head of blank lines and furniture
    ("6 - 17 November 2017\n\nGovernment\n\nMinistry\n\nMedia Release\n\nEnvoy presents credentials\n\n"
     "Photo_of_the_envoy_on8th May, 2012: Our envoy met", "8th May, 2012: "),
])
def test_a_dateline_s_date_is_the_filing_date(text: str, dateline_text: str) -> None:
    from communique.extraction.places import dateline_span

    span = dateline_span(text)
    assert span is not None and text[span[0] : span[1]] == dateline_text


@pytest.mark.parametrize(("sentence", "city"), [
    ("Sisi received the delegation in Sharm El Sheikh on Sunday.", "Sharm el-Sheikh"),  # hyphens and case
    ("The two prime ministers met in New York on the sidelines of the General Assembly.", "New York"),
])
def test_spellings_of_a_city_name_find_it(kb: KnowledgeBase, gaz: Gazetteer, sentence: str, city: str) -> None:
    found = find_place(sentence, 0, len(sentence), gaz, kb, Lexicon.load().landmarks)
    assert found is not None and found.name == city
    assert gaz.city("Port au Prince") == gaz.city("port-au-prince") == "Port-au-Prince"
    assert gaz.city("Ho Chi Minh") is None  # only "X Y City" is shortened: a person's name stays no place


@pytest.mark.parametrize(("sentence", "city"), [
    ("The secretary general is attending the Munich Security Conference this weekend.", "Munich"),
    ("Leaders gathered for the Abu Dhabi Sustainability Week on Monday.", "Abu Dhabi"),
    ("The ministers spoke on the sidelines of the Shanghai Cooperation Organisation Summit.", None),  # a body's name
    ("The premier addressed the Raisina Dialogue.", None),  # no city in the name
])
def test_a_gathering_named_for_its_host_city(kb: KnowledgeBase, gaz: Gazetteer, sentence: str, city: str | None) -> None:
    found = find_place(sentence, 0, len(sentence), gaz, kb, Lexicon.load().landmarks)
    assert (found.name if found else None) == city



@pytest.mark.parametrize(("sentence", "city"), [
    # a capital named by a two-word demonym
    ("Crowds greeted him in the centre of the North Korean capital.", "Pyongyang"),
    ("The talks went on late into the night in the South African capital.", "Pretoria"),
    ("He arrived in the Iranian capital on Monday.", "Tehran"),
    # a city name with a lowercase particle
    ("The two met on the sidelines of the summit in Rio de Janeiro.", "Rio de Janeiro"),
    ("The talks were held in Dar es Salaam on Friday.", "Dar es Salaam"),
    # a city word opening a longer venue name yields to the city named in full after it
    ("The summit is under way at the Commonwealth Resort Munyonyo in Kampala.", "Kampala"),
    # a city named as another thing's scene is not the meeting's; an embassy's city is where its envoy meets
    ("Putin hoped for a normalisation of the political situation in Bishkek.", None),
    ("They discussed the war in Gaza and aid.", None),
    ("The US embassy in Dhaka said the envoy called on the chief adviser.", "Dhaka"),
    # a venue word followed by a name with neither comma nor "in" between is the venue's own name
    ("The two leaders met at Hotel Shangri La on the atoll to discuss fisheries.", None),
    ("The two heads of state met at State House Nairobi during the visit.", "Nairobi"),
    # a city with its accents written or not; a capital however small
    ("The two presidents held talks in Malé on Monday.", "Male"),
    ("The ministers met in Asuncion on Friday.", "Asuncion"),  # (the gazetteer holds both spellings)
    ("The president met legislators in Ngerulmud on Thursday.", "Ngerulmud"),
    # a city whose name has its article, written in lower case
    ("The two prime ministers spoke at the conclusion of their meeting at the Hague.", "The Hague"),
    ("The president received him at the State House, Lusaka.", "Lusaka"),
])
def test_place_phrases(kb: KnowledgeBase, gaz: Gazetteer, sentence: str, city: str | None) -> None:
    found = find_place(sentence, 0, len(sentence), gaz, kb, Lexicon.load().landmarks)
    assert (found.name if found else None) == city


def test_a_saint_s_name_without_the_possessive_is_not_the_city_with_it(gaz) -> None:  # type: ignore[no-untyped-def]
    assert gaz.city("St George") is None and gaz.town("ST George") is None
    assert gaz.city("St George's") == "St. George's"


def test_a_seat_named_in_another_language_is_in_the_city_after_it(gaz, kb) -> None:  # type: ignore[no-untyped-def]
    from communique.extraction.places import find_place

    text = "The Hereditary Prince welcomed the minister at Schloss Vaduz on Friday."
    found = find_place(text, 0, len(text), gaz, kb)
    assert found is not None and found.name == "Vaduz" and text[found.start : found.end] == "Vaduz"


@pytest.mark.parametrize(("sentence", "city"), [
    ("The prime minister met the president in Uzbekistan's Samarkand on Monday.", "Samarkand"),
    ("The prime minister met the president in Tomas Vidal's Samarkand Hall on Monday.", None),
])
def test_a_city_written_as_its_country_s(kb: KnowledgeBase, gaz: Gazetteer, sentence: str, city: str | None) -> None:
    found = find_place(sentence, 0, len(sentence), gaz, kb, Lexicon.load().landmarks)
    assert (found.name if found else None) == city


def test_a_city_state_s_name_is_its_city_and_a_country_with_a_namesake_capital_s_is_not(gaz: Gazetteer) -> None:
    assert (gaz.city("Singapore"), gaz.city("Monaco"), gaz.city("Hong Kong")) == ("Singapore", "Monaco", "Hong Kong")
    assert (gaz.city("Luxembourg"), gaz.city("Djibouti"), gaz.city("Kuwait")) == (None, None, None)


def test_a_city_that_is_a_given_name_before_a_surname_is_a_person(kb: KnowledgeBase, gaz: Gazetteer) -> None:
    sentence = "During the talks, the president expressed his gratitude to Vladimir Putin for taking part in the summit."
    assert find_place(sentence, 0, len(sentence), gaz, kb, Lexicon.load().landmarks) is None
    sentence = "The two presidents met in Vladimir on Tuesday."
    found = find_place(sentence, 0, len(sentence), gaz, kb, Lexicon.load().landmarks)
    assert found is not None and found.name == "Vladimir"


@pytest.mark.parametrize(("sentence", "city"), [
    ("President Tomas Vidal met the Russian president in his residence Novo-Ogariovo on Wednesday.", "Moscow"),
    ("The two leaders held talks at the presidential residence, the Kremlin, on Friday.", "Moscow"),
    ("Director Tomas Vidal held discussions on the forthcoming constitutional talks in London.", None),
])
def test_a_seat_named_after_whose_residence_it_is_and_a_city_of_talks_to_come(kb: KnowledgeBase, gaz: Gazetteer,
                                                                                sentence: str, city: str | None) -> None:
    found = find_place(sentence, 0, len(sentence), gaz, kb, Lexicon.load().landmarks)
    assert (found.name if found else None) == city


def test_a_country_s_name_is_no_town_of_that_name(kb: KnowledgeBase, gaz: Gazetteer) -> None:
    sentence = "Foreign Minister Tomas Vidal signed agreements during a visit to Costa Rica and met the president in Costa Rica."
    assert find_place(sentence, 0, len(sentence), gaz, kb, Lexicon.load().landmarks) is None


@pytest.mark.parametrize(("sentence", "city"), [
    ("The president held a series of meetings at the presidential palace in Qornet, in which he set out his views.", "Qornet"),
    ("The meeting took place at the Chief Adviser's office in Tejgaon, Dhaka, his press wing said.", "Dhaka"),
    ("The Acting President received the visiting president at the Presidential villa, Abuja.", "Abuja"),
    ("The president received the envoy at the palace in Lebanon on Monday.", None),
    ("The envoy was received at Urugwiro Village on Sunday.", "Kigali"),
])
def test_a_seat_in_a_small_town_and_a_lower_case_venue_before_its_city(kb: KnowledgeBase, gaz: Gazetteer,
                                                                          sentence: str, city: str | None) -> None:
    found = find_place(sentence, 0, len(sentence), gaz, kb, Lexicon.load().landmarks)
    assert (found.name if found else None) == city
    assert found is None or sentence[found.start : found.end] in (city, "Urugwiro Village")
