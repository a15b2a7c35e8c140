"""The publication date a page prints about itself (communique.pubdate): one case per kind of
furniture seen on real pages, written for these tests, and the dates that must not be taken."""

from __future__ import annotations

from datetime import date

import pytest

from communique.ingest.text import parse_text
from communique.pubdate import full_date, publication_date

BODY = "\n\nThe foreign minister met his counterpart on Monday to discuss trade and energy ties.\n"


@pytest.mark.parametrize(("head", "expected", "how"), [
    ("Published: 3 March 2021, 10:45", date(2021, 3, 3), "published label"),
    ("Posted on Apr. 14, 2021 · 4 min read", date(2021, 4, 14), "published label"),
    ("Write : 2018-04-15 12:48:54", date(2018, 4, 15), "published label"),
    ("Published: 11/15/2023", date(2023, 11, 15), "published label"),
    ("Published: 15.11.2023", date(2023, 11, 15), "published label"),
    ("Updated 4 May 2020", date(2020, 5, 4), "updated label"),
    ("Last Modified: Tuesday\u060c 2 June 2020 10:50 PM", date(2020, 6, 2), "updated label"),
    ("Updated: 29-11-2019 12:46 IST", date(2019, 11, 29), "updated label"),
    ("Friday 12th March 2021 - 09:05", date(2021, 3, 12), "date line"),
    ("Wednesday, August 5, 2020 | 12:09", date(2020, 8, 5), "date line"),
    ("Friday, November 20th 2020 \u2013 09:55 UTC", date(2020, 11, 20), "date line"),
    ("08 September, 2021", date(2021, 9, 8), "date line"),
    ("2017-11-03 08:01", date(2017, 11, 3), "date line"),
    ("May 4. 2018", date(2018, 5, 4), "date line"),
    ("Thu. 14 of March of 2024, 09:30h", date(2024, 3, 14), "date line"),  # "of" before the year as well
    ("This story is from October 21, 2021", date(2021, 10, 21), "published label"),
    ("President ends State visit to Mauritius |30 October 2017", date(2017, 10, 30), "date line"),  # a headline's date
    ("03/21/24 09:40", date(2024, 3, 21), "date line"),  # a year of two digits, the time after it
    ("03/21/2024 | Press release | Distributed by Wire on 03/21/2024 10:02", date(2024, 3, 21), "published label"),
    ("Newswire, April 21, 2017 Adjust font size:", date(2017, 4, 21), "date line"),  # the page's widget beside it
    ("Port Louis. March 9, 2021. The minister met his counterpart.", date(2021, 3, 9), "dateline"),  # stops, not a dash
])
def test_furniture_lines_give_the_date(head: str, expected: date, how: str) -> None:
    found = publication_date("Leaders agree to expand trade\n\n" + head + BODY)
    assert found is not None and (found.date, found.how) == (expected, how)


@pytest.mark.parametrize(("opening", "expected"), [
    ("ROME, 12 March 2021 (ANSA) - The prime minister received", date(2021, 3, 12)),
    ("KINGSTON, Jamaica, Jul 19 2016 - The prime minister received", date(2016, 7, 19)),
    ("Quito, 18 March 2022\n\nThe president received", date(2022, 3, 18)),
    ("Puerto Iguazú, November 30, 2005 (ABN) - The president received", date(2005, 11, 30)),  # diacritics
    ("Jeddah, Rajab 3, 1445, January 15, 2024, SPA -- The crown prince received", date(2024, 1, 15)),  # Hijri first
    ("Bratislava, 9. 12. 2022 | press release\nThe president received", date(2022, 12, 9)),  # day. month. year
    # an agency opening the dateline in brackets; a dotted numeric date is day first
    ("(Lux News / Luxembourg City, 04.03.2024).- The prime minister received", date(2024, 3, 4)),
    # a comma after the date, the story going straight on
    ("Moroni, August 28, 2023, The prime minister received", date(2023, 8, 28)),
    # the country in brackets after the city, the agency after the date
    ("Maseru (Lesotho), June 3, 2019 (LENA) - The prime minister received", date(2019, 6, 3)),
    # a social site's hashtag before the place; a press release's date then place in brackets
    ("#Anguilla, March 12, 2023 – The premier received", date(2023, 3, 12)),
    ("(April 3, 2019 – San Juan, PR) In a meeting at La Fortaleza, the governor received", date(2019, 4, 3)),
    ("Paramaribo, Suriname—(May 6, 2022) His Excellency the president received", date(2022, 5, 6)),
    ("Palikir, Pohnpei: May 22, 2023 – The governor received", date(2023, 5, 22)),  # a colon after the place
    ("TUNIS – Monday, 15 April 2024 (TAP) – The president received", date(2024, 4, 15)),  # a dash, then the weekday
    ("Southern African Bloc Headquarters, Gaborone, 14th May, 2021: The secretary received", date(2021, 5, 14)),
    ("Osh, June 7, 2022 . / Steppe Wire /. The president received", date(2022, 6, 7)),  # a spaced stop, then the agency
])
def test_a_dateline_gives_the_date(opening: str, expected: date) -> None:
    found = publication_date("Talks in the capital\n\n" + opening + " his guest at the palace.\n")
    assert found is not None and found.how in ("dateline", "date line") and found.date == expected


def test_published_wins_over_updated_and_a_story_line_wins_over_a_masthead() -> None:
    text = "Updated: 5 May 2021\nPublished: 4 May 2021\n" + BODY
    assert publication_date(text).date == date(2021, 5, 4)  # type: ignore[union-attr]
    masthead = "Friday, May 24, 2024\n\nECONOMY | 18-01-2024 01:15\n\nLeader meets fund chief\n" + BODY
    assert publication_date(masthead).date == date(2024, 1, 18)  # type: ignore[union-attr]
    clock = "Regional Government\nSAT, 9 MAR 2024 08:10 Dohuk, GMT +3\n\nCabinet meets\n\nWED, 6 MAR 2024 17:02 | Cabinet\n" + BODY
    assert publication_date(clock).date == date(2024, 3, 6)  # type: ignore[union-attr]  # (the site's clock is no date)


@pytest.mark.parametrize("text", [
    "Leaders meet\n\nThe two presidents met on 3 March 2021 in the capital, officials said after the talks ended.\n",
    "Leaders meet\n\nPhoto: AP / 12 March 2021\n" + BODY,
    "Leaders meet\n\nPublished: 12 March\n" + BODY,
    "Leaders meet\n\nPosted 04/05/2021\n" + BODY,
    "Leaders meet\n\nThe minister arrived. 14 April 2021 was the date.\n",
    "Leaders meet\n\nScreen Shot 2016-07-04 at 11.02.45 PM\n" + BODY,
    "Leaders meet\n\nThe vote was 3/4/21 in the end, and the talks went on.\n",  # no time: no two-digit year
    "Currency rates from 26/11/2025\n$1 – 11936.89\nSearch\nLeaders meet\n\nThe two ministers met in the capital.\n",
    # a story opening with its day is no dateline
    "Leaders meet\n\nOn Thursday, February 8, 2018, Ambassador Ana Ruiz presented her credentials to the king.\n",
])
def test_dates_that_are_not_the_publication_date(text: str) -> None:
    assert publication_date(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Posted 04/05/2021\n\nCAIRO, April 5 - The ministers met.\n", date(2021, 4, 5)),
    ("Posted 04/05/2021\n\nCAIRO, 4 May - The ministers met.\n", date(2021, 5, 4)),
    ("Posted 04/05/2021\n\nRelated: 17/03/2021 Talks resume\n", date(2021, 5, 4)),
    ("Posted 04/05/2021\n\nRelated: 03/17/2021 Talks resume\n", date(2021, 4, 5)),
])
def test_a_numeric_date_is_read_in_the_order_the_page_shows(text: str, expected: date) -> None:
    found = publication_date("Leaders meet\n\n" + text)
    assert found is not None and found.date == expected


def test_full_date_rejects_impossible_dates() -> None:
    assert full_date("31/02/2021") is None
    assert full_date("on 30 February 2020") is None
    assert full_date("March 3, 2021") == (date(2021, 3, 3), 0, 13)


def test_text_ingest_takes_the_printed_date_only_without_a_header() -> None:
    raw = parse_text("Premier receives envoy\n\nPublished: 3 March 2021\n" + BODY, "d1", "d1.txt")
    assert raw.publication_date == date(2021, 3, 3)
    header = parse_text(" date 2021-03-05 Premier receives envoy\nPublished: 3 March 2021\n" + BODY, "d2", "d2.txt")
    assert header.publication_date == date(2021, 3, 5)


def test_a_byline_ending_in_date_and_time_beats_the_site_s_date_of_today() -> None:
    text = ("Menu\nSunday, October 6, 2024\nWorld\n\nPremier meets the King in London\n\n"
            "Staff Reporter The Island Times, 14 Apr, 2023 09:15 AM\n\nThe Premier met the King on Thursday.\n")
    found = publication_date(text)
    assert found is not None and (found.date, found.how) == (date(2023, 4, 14), "byline")


def test_a_stamp_at_midnight_before_the_headline_is_the_site_s_and_the_story_s_own_stamp_wins() -> None:
    text = ("regional council\n\n2020-07-15 00:00:00\n\nPresident receives the Ambassador\n\nCouncil News\n"
            "2020-06-30 19:43:28\n\nThe President received the ambassador on Monday.\n")
    found = publication_date(text)
    assert found is not None and found.date == date(2020, 6, 30)


def test_the_site_s_clock_and_weather_is_never_the_page_s_date() -> None:
    text = ("12 December, 2025, 7:46 pm Central - 23\u00b0C Rain\n\nPrime Minister in Funafuti\n\nBy Staff Reporter\n"
            "11/08/2019\n\nThe Prime Minister has arrived in Funafuti.\n")
    assert publication_date(text) is None  # (and "11/08/2019" alone does not say which is the day)


@pytest.mark.parametrize("weather", ["71.6 F", "-3 \u00b0C", "22\u00b0C"])
def test_the_site_s_weather_on_its_own_line_marks_the_date_beside_it_as_today(weather: str) -> None:
    text = (f"Skip to content\n{weather}\nPort Louis\nMonday, March 3, 2025\n\nMinister Meets Envoy\n\n"
            "The minister last week received the new envoy at his office.\n")
    assert publication_date(text) is None
    printed = text.replace("Minister Meets Envoy\n", "Minister Meets Envoy\n\n\n\nPosted on 12 June 2009\n")
    assert publication_date(printed).date == date(2009, 6, 12)  # type: ignore[union-attr]


def test_a_label_in_the_furniture_s_own_language_and_its_day_first_date() -> None:
    text = ("Ministers sum up their talks\n\nThe two foreign ministers summed up the results of their talks in the "
            "capital on Wednesday.\n\n\u041e\u043f\u0443\u0431\u043b\u0438\u043a\u043e\u0432\u0430\u043d\u043e: 15:01 11/09/2019\n\n"
            "\u0427\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u0436\u0435\n")
    found = publication_date(text)
    assert found is not None and found.date == date(2019, 9, 11)
    assert publication_date(text.replace("\u041e\u043f\u0443\u0431\u043b\u0438\u043a\u043e\u0432\u0430\u043d\u043e", "Posted")
                            .replace("\u0427\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u0436\u0435", "Read more")) is None


@pytest.mark.parametrize(("line", "day"), [("Oman Thursday 31/October/2024 18:16 PM", date(2024, 10, 31)),
                                          ("Posted 05-Mar-2021", date(2021, 3, 5))])
def test_a_month_s_name_between_slashes_or_hyphens(line: str, day: date) -> None:
    found = full_date(line)
    assert found is not None and found[0] == day


def test_a_stamp_opening_the_story_before_a_dash() -> None:
    text = "Talks held in the capital\n07.04.19 10:25- President Tomas Vidal held talks with his guest on the economy.\n"
    found = publication_date(text)
    assert found is not None and found.date == date(2019, 4, 7)
    # a date inside the story's first sentence is no stamp
    assert publication_date("Talks\nOn 07.04.19 President Tomas Vidal held talks - and more.\n") is None


def test_a_stamp_before_a_colon_even_after_a_glued_file_name_and_a_range_of_days_is_no_date() -> None:
    text = ("6 - 17 November 2017\n\nMinistry of Trade\n\nEnvoy presents credentials\n\n"
            "Envoy_presenting_the_credentials_to_the_President8th May, 2012: Our ambassador, Mrs Lucia Torres, last week "
            "presented her credentials to President Andres Molina on Monday, 30th April, 2012.\n")
    found = publication_date(text)
    assert found is not None and found.date == date(2012, 5, 8) and found.how == "dateline"
    assert publication_date("Talks\n\n8 May 2012: The two ministers met in Lima.\n").date == date(2012, 5, 8)  # type: ignore[union-attr]
    assert publication_date("Trade fair\n\n6 - 17 November 2017\n\nThe ministers met at the fair.\n") is None
    glued = publication_date("Nation\nLeaders meet\nby Ana Ruiz10 November 2023\nScreenshot from TV\n\nThe two met.\n")
    assert glued is not None and glued.date == date(2023, 11, 10)  # a byline's name glued to the date


def test_a_byline_that_ends_in_the_date() -> None:
    text = "Leaders sign a memorandum\n\nBy: Pacific Islands Business Wire December 17, 2025\n\nThe leaders signed on 10 December.\n"
    found = publication_date(text)
    assert found is not None and found.date == date(2025, 12, 17)
    assert publication_date(text.replace("By: ", "")) is None  # an outlet and a date, no byline: not told


def test_a_date_between_the_bars_of_a_furniture_strip() -> None:
    text = "President receives minister\n\nSource: Wire| 2020-01-22 01:16:41|Editor: desk\n\nThe president received the minister.\n"
    found = publication_date(text)
    assert found is not None and found.date == date(2020, 1, 22)


def test_a_dateline_with_the_agency_and_the_date_in_brackets() -> None:
    text = "Tension over aid\n\nMELBOURNE, Australia (Pacific Radio, July 9, 2009) \u2013 Tension is building over aid.\n"
    found = publication_date(text)
    assert found is not None and found.date == date(2009, 7, 9)
