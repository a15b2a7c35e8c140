"""The views in Chromium (Playwright): timeline bars, facets, the network, the map, positions and
outlets, over the hand-written ``views_store``. Clicking a bar, a facet, a node or an edge changes
the URL and the listed events; every view is captured as a screenshot in the test artefacts
(``$COMMUNIQUE_ARTEFACTS`` or ``$TMPDIR/communique-artefacts``, per test under ``screenshots/``).

Skipped without /usr/bin/chromium unless COMMUNIQUE_REQUIRE_BROWSER=1 (see ``test_browser``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from live import require_browser

pytestmark = pytest.mark.browser

ARTEFACTS = Path(os.environ.get("COMMUNIQUE_ARTEFACTS") or Path(tempfile.gettempdir()) / "communique-artefacts") / "screenshots"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_browser()
    from communique.api import create_app
    from communique.options import Options
    from communique.store import Store
    from live import serving
    from views_store import build_views_store

    url = build_views_store(f"sqlite:///{tmp_path_factory.mktemp('browser-views') / 'v.db'}")
    with Store.open(url) as store:
        app = create_app(Options(db=url), store)
        with serving(app, log_level="warning") as port:
            yield f"http://127.0.0.1:{port}"


@pytest.fixture()
def page(browser: Any, base_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    violations: list[str] = []
    pg.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    try:
        yield pg
        assert violations == []
    finally:
        context.close()


def shot(page: Any, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def events(page: Any) -> list[str]:
    return [a.get_attribute("href") for a in page.locator("li.event a.title").all()]


def params(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_clicking_a_timeline_bar_filters_by_its_week(page: Any) -> None:
    page.goto("/")
    assert len(events(page)) == 4
    assert page.get_by_text("1 undated (not charted)").is_visible()
    shot(page, "home-timeline-facets")
    page.locator("svg.bars a.bar").nth(1).click()
    page.wait_for_url("**/?from=2024-10-14&to=2024-10-20")
    assert len(events(page)) == 2
    assert params(page) == {"from": ["2024-10-14"], "to": ["2024-10-20"]}
    shot(page, "home-after-bar")


def test_keyboard_reaches_a_bar_and_opens_it(page: Any) -> None:
    page.goto("/")
    bar = page.locator("svg.bars a.bar").first
    bar.focus()
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "week of 2024-09-02: 1 event"
    page.keyboard.press("Enter")
    page.wait_for_url("**/?from=2024-09-02&to=2024-09-08")
    assert len(events(page)) == 1


def test_clicking_facets_narrows_and_the_chosen_filter_can_be_removed(page: Any) -> None:
    page.goto("/")
    page.locator('section[data-facet="country"] a.facet-link', has_text="ITA").click()
    page.wait_for_url("**/?country=ITA")
    assert len(events(page)) == 3
    page.locator('section[data-facet="outlet"] a.facet-link', has_text="southpost.example").click()
    page.wait_for_url("**/?country=ITA&outlet=southpost.example")
    assert len(events(page)) == 2
    shot(page, "facets-narrowed")
    page.get_by_role("link", name="Remove filter country ITA").click()
    page.wait_for_url("**/?outlet=southpost.example")
    assert len(events(page)) == 3
    csv = page.get_by_role("link", name="CSV")
    assert csv.get_attribute("href") == "/events.csv?outlet=southpost.example"


def test_clicking_a_network_node_and_an_edge(page: Any) -> None:
    page.goto("/network")
    nodes = page.locator("svg.network a.node")
    assert nodes.count() == 4 and page.locator("svg.network a.edge").count() == 6
    shot(page, "network-people")
    page.locator('svg.network a.node[aria-label^="Aino Virtanen"]').click()
    page.wait_for_url("**/?person=Aino+Virtanen")
    assert len(events(page)) == 2
    page.goto("/network")
    page.locator('svg.network a.edge[aria-label^="Carla Rossi and Dario Neri"]').dispatch_event("click")
    page.wait_for_url("**/?person=Carla+Rossi&with=Dario+Neri")
    assert len(events(page)) == 2
    page.goto("/network?by=country")
    assert page.locator("svg.network a.node").count() == 3
    shot(page, "network-countries")


def test_map_places_dots_and_lists_meetings_with_no_place(page: Any) -> None:
    page.goto("/map")
    assert page.locator("svg.map path").count() == 1  # the shipped land outline
    dots = page.locator("svg.map a.place")
    assert dots.count() == 3
    aside = page.locator("aside.unplaced")
    assert "Aino Virtanen" in aside.inner_text() and aside.locator("li.event").count() == 1
    shot(page, "map")
    page.locator('svg.map a.place[aria-label^="Rome"]').click()
    page.wait_for_url("**/?place=Rome")
    assert len(events(page)) == 1


def test_person_page_positions_counterparts_and_timeline(page: Any) -> None:
    page.goto("/people/Carla Rossi")
    rows = page.locator("table.counterparts tbody tr")
    assert rows.count() == 3 and rows.first.inner_text().startswith("Aino Virtanen")
    assert page.locator("table.positions tbody tr").count() == 2
    shot(page, "person")
    rows.first.get_by_role("link").click()
    page.wait_for_url("**/?person=Carla+Rossi&sort=date&with=Aino+Virtanen")
    assert len(events(page)) == 2


def test_event_page_positions_then_outlet_page(page: Any) -> None:
    page.goto("/?place=Geneva")
    page.locator("li.event a.title").first.click()
    page.wait_for_url("**/events/evt-*")
    side = page.locator("section.side").first
    assert "AGREE" in side.inner_text() and "from a copy" in side.inner_text()
    assert "We settled the river pact" in page.locator("section.copy-quotes").inner_text()
    shot(page, "event-positions")
    page.locator("details.copies summary").click()  # the copy, under its original
    page.locator("a.outlet", has_text="copyfarm.example").click()
    page.wait_for_url("**/outlets/copyfarm.example")
    assert "1 flagged spun" in page.locator("p.outlet-counts").inner_text()
    shot(page, "outlet")


def test_views_fit_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    try:
        pg = context.new_page()
        for path in ("/", "/network", "/map", "/people/Carla Rossi"):
            pg.goto(path)
            width = pg.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert width[0] <= width[1], (path, width)
        shot(pg, "phone-person")
    finally:
        context.close()
