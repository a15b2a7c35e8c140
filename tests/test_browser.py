"""The web UI in a real browser: Playwright driving Debian's chromium against uvicorn on 127.0.0.1.

Skipped when /usr/bin/chromium is missing, unless COMMUNIQUE_REQUIRE_BROWSER=1 (CI), which
turns the skip into a failure. Never runs ``playwright install``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from live import require_browser

pytestmark = pytest.mark.browser

HIGHLIGHT = "rgb(255, 213, 79)"  # --hl in style.css


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[str]:
    require_browser()
    from communique.api import create_app
    from communique.store import Store
    from live import serving
    from test_api import build_store

    opts, pipe = build_store(tmp_path_factory.mktemp("browser"), seeds_dir)
    with Store.open(opts.db) as store:
        app = create_app(opts, store, pipeline_factory=lambda o: pipe)
        with serving(app, log_level="warning") as port:
            yield f"http://127.0.0.1:{port}"


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=base_url)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    try:
        yield pg
    finally:
        context.close()


def test_timeline_loads(page: Any) -> None:
    page.goto("/")
    assert page.title() == "Timeline · communique"
    rows = page.locator("li.event")
    assert rows.count() >= 5
    assert page.get_by_role("searchbox", name="Search").is_visible()


def test_open_event_then_quote_highlights_its_evidence(page: Any) -> None:
    page.goto("/?sort=-sources")
    first = page.locator("li.event", has_text="(1 copy)").first  # an original with its spun copy
    assert "1 independent report" in first.inner_text()
    first.locator("a.title").click()
    page.wait_for_url("**/events/evt-*")
    assert page.get_by_text("independent report").first.is_visible()
    assert page.get_by_role("link", name="compare sources").is_visible()
    link = page.locator("ul.quotes li:not(.spun) a[data-quote]").first
    quote = link.inner_text().strip().strip("“”")
    link.click()
    page.wait_for_url("**/documents/**#q-*")
    key = page.url.rsplit("#", 1)[1]
    mark = page.locator(f"mark#{key}")
    assert mark.inner_text() == quote
    assert mark.is_visible()
    assert "on" in (mark.get_attribute("class") or "").split()
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") == HIGHLIGHT


def test_clicking_a_fact_on_the_document_page_highlights_it(page: Any) -> None:
    page.goto("/documents/003_dacb1954d6c9fa71")
    fact = page.locator('aside a.fact[href^="#q-"]').nth(1)
    key = fact.get_attribute("href").lstrip("#")
    mark = page.locator(f"mark#{key}")
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") != HIGHLIGHT
    fact.click()
    page.wait_for_function("k => document.getElementById(k).classList.contains('on')", arg=key)
    assert mark.evaluate("el => getComputedStyle(el).backgroundColor") == HIGHLIGHT
    assert mark.is_visible()
    other = page.locator('aside a.fact[href^="#m-"]').first
    other.click()
    page.wait_for_function("k => !document.getElementById(k).classList.contains('on')", arg=key)


def test_search_for_a_person(page: Any) -> None:
    page.goto("/")
    box = page.get_by_role("searchbox", name="Search")
    box.fill("rashid")
    box.press("Enter")
    page.wait_for_url("**/search?q=rashid")
    page.get_by_role("link", name="Abdul Latif Rashid").first.click()
    page.wait_for_url("**/people/**")
    assert page.locator("h1").inner_text() == "Abdul Latif Rashid"
    assert page.locator("li.event").count() >= 1


def test_one_search_box_finds_a_person_by_the_articles_spelling(page: Any) -> None:
    page.goto("/")
    assert page.locator("input[type=search]").count() == 1
    box = page.get_by_role("searchbox", name="Search")
    box.fill("Raeisi")
    box.press("Enter")
    page.wait_for_url("**/search?q=Raeisi")
    mark = page.locator("ul.documents mark", has_text="Raeisi").first
    assert mark.is_visible() and mark.evaluate("el => getComputedStyle(el).backgroundColor") == HIGHLIGHT
    page.locator("ul.people").get_by_role("link", name="Ebrahim Raisi").click()
    page.wait_for_url("**/people/Ebrahim%20Raisi")
    assert page.locator("h1").inner_text() == "Ebrahim Raisi"
    page.goto("/people/Ayatollah Khamenei")  # any name: redirected to the person's page
    assert page.url.endswith("/people/Ali%20Khamenei") and page.locator("h1").inner_text() == "Ali Khamenei"


def test_injection_text_stays_text_in_the_browser(page: Any) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/documents/inject-1#q-0")
    assert page.locator("mark#q-0").inner_text() == "We will not accept <script>alert(1)</script> in our region,"
    assert page.evaluate("() => [...document.scripts].filter(s => s.textContent.includes('alert')).length") == 0
    assert page.locator("img").count() == 0
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert page.locator("pre.raw b").count() == 0
    assert dialogs == []


@pytest.mark.parametrize("path", ["/documents/003_dacb1954d6c9fa71", "/events/{event}", "/"])
def test_phone_width_has_no_horizontal_scroll(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url)
    try:
        pg = context.new_page()
        pg.goto("/?sort=-sources")
        event = pg.locator("li.event a.title").first.get_attribute("href")
        pg.goto(path.replace("/events/{event}", event))
        width = pg.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], width
    finally:
        context.close()


def test_pages_run_under_the_content_security_policy(page: Any) -> None:
    """Every page works with the CSP the server sends: no violation is reported, the document
    page's script (now a file) still lights the evidence named in the fragment."""
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    response = page.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator("li.event a.title").first.click()
    page.wait_for_url("**/events/evt-*")
    document = page.locator("a[href^='/documents/']").first.get_attribute("href")
    page.get_by_role("link", name="compare sources").click()
    page.wait_for_url("**/compare")
    page.goto("/search?q=Khamenei")
    page.goto(document.split("#")[0])
    marks = page.locator("mark[id]")
    key = marks.first.get_attribute("id")
    page.goto(page.url.split("#")[0] + f"#{key}")
    assert "on" in (page.locator(f"mark#{key}").get_attribute("class") or "").split()
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui")
    assert violations == []
