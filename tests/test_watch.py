"""communique watch: feeds and sitemaps polled, pages fetched politely, the main job run incrementally.

Every request goes to local HTTP servers the tests start (127.0.0.1, a free port), never out.
The articles are short reports written for these tests about invented people.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from communique.cli import cli  # noqa: E402
from communique.ingest.decode import Rejected  # noqa: E402
from communique.ingest.feeds import Entry, ParsedFeed, parse_feed  # noqa: E402
from communique.options import Options  # noqa: E402
from communique.pipeline import Pipeline  # noqa: E402
from communique.store import Store  # noqa: E402
from communique.watch import CycleReport, Watcher, read_sources  # noqa: E402
from pg import pg_server  # noqa: E402, F401  (session fixture)

# --- a small web site ----------------------------------------------------------------------------

Route = Callable[["Handler"], None]


@dataclass(frozen=True, slots=True)
class Hit:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival
    status: int = 0


@dataclass
class Site:
    """Routes by path, and every request it received (path, headers, time, status)."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def count(self, path: str) -> int:
        return sum(1 for h in self.hits if h.path == path)

    def of(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]


class Handler(BaseHTTPRequestHandler):
    site: Site

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self._hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
        route = self.site.routes.get(self.path)
        try:
            if route is None:
                self.reply(404, b"<html><body><p>not here</p></body></html>", "text/html")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading (a huge page)
            pass

    def reply(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None, length: bool = True) -> None:
        with self.site.lock:
            self.site.hits.append(replace(self._hit, status=status))
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:  # a client that hung up
        pass


@contextmanager
def serving(site: Site) -> Iterator[Site]:
    handler = type("SiteHandler", (Handler,), {"site": site})
    server = _Server(("127.0.0.1", 0), handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


MODIFIED = format_datetime(datetime(2024, 5, 6, 9, 0, tzinfo=UTC), usegmt=True)


def resource(body: bytes, ctype: str = "text/html; charset=utf-8", *, etag: bool = True,
             last_modified: bool = True) -> Route:
    """A page answering conditional requests: 304 when If-None-Match / If-Modified-Since match."""
    tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

    def route(h: Handler) -> None:
        headers = {**({"ETag": tag} if etag else {}), **({"Last-Modified": MODIFIED} if last_modified else {})}
        if (etag and h.headers.get("If-None-Match") == tag) or (
                not etag and last_modified and h.headers.get("If-Modified-Since") == MODIFIED):
            h.reply(304, headers=headers)
        else:
            h.reply(200, body, ctype, headers)
    return route


def failing(times: int, then: Route | None = None) -> Route:
    """500 for the first ``times`` requests (for ever when ``then`` is None), then ``then``."""
    seen = [0]

    def route(h: Handler) -> None:
        seen[0] += 1
        if then is None or seen[0] <= times:
            h.reply(500, b"<html><body><p>server error</p></body></html>")
        else:
            then(h)
    return route


def redirect(to: str) -> Route:
    return lambda h: h.reply(302, b"", headers={"Location": to})


def slow(seconds: float) -> Route:
    def route(h: Handler) -> None:
        time.sleep(seconds)
        h.reply(200, article("slow", "Slow", "Nobody", "Nowhere", "nothing"))
    return route


def endless(size: int, declared: bool) -> Route:
    """A page of ``size`` bytes, sent in pieces (with or without a Content-Length)."""
    def route(h: Handler) -> None:
        with h.site.lock:
            h.site.hits.append(replace(h._hit, status=200))
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        if declared:
            h.send_header("Content-Length", str(size))
        h.end_headers()
        h.wfile.write(b"<html><body><p>")
        for _ in range(size // 8192):
            h.wfile.write(b"words " * 1365 + b"ab")
    return route


# --- our own short reports ----------------------------------------------------------------------

PEOPLE = {  # slug: (host, guest, city, subject)
    "a": ("Tomas Varga", "Ines Calloway", "Porto Alto", "port investment"),
    "b": ("Miriam Okafor", "Henrik Dalby", "Lakeside", "grain exports"),
    "c": ("Yusuf Arslan", "Clara Montes", "Eastbridge", "river shipping"),
    "d": ("Nadia Petrescu", "Owen Halloran", "Northfield", "power lines"),
    "e": ("Kenji Morita", "Salma Idrissi", "Westhaven", "fisheries"),
    "flaky": ("Lucia Ferrante", "Pavel Dvorak", "Hillcrest", "rail freight"),
    "p1": ("Amara Diallo", "Jonas Weber", "Southport", "water rights"),
    "p2": ("Rosa Lindgren", "Idris Bello", "Greymouth", "border crossings"),
    "p3": ("Marta Kowalska", "Tariq Aziz Rahman", "Redcliff", "tariffs"),
}


def article(slug: str, host: str, guest: str, city: str, subject: str) -> bytes:
    body = (f"<p>{city.upper()} — President {host} received Foreign Minister {guest} in {city} on Tuesday "
            f"for talks on {subject}, officials from both sides said.</p>"
            f"<p>\"We agreed to work together on {subject} and to meet again before the end of the year,\" "
            f"{host.split()[-1]} told reporters after the meeting.</p>"
            f"<p>{guest.split()[-1]} said the visit had opened \"a new chapter\" between the two governments, "
            f"and that officials would draw up a plan within weeks.</p>")
    return (f"<!doctype html><html><head><title>{host} meets {guest} in {city}</title>"
            f'<meta property="article:published_time" content="2024-05-07T10:00:00Z"></head>'
            f"<body><article><h1>{host} meets {guest} in {city}</h1>{body}</article></body></html>").encode()


def page(slug: str) -> bytes:
    return article(slug, *PEOPLE[slug])


def rss(items: list[tuple[str, str]], title: str = "Wire") -> bytes:
    """An RSS 2.0 feed of (link, pubDate) items."""
    body = "".join(f"<item><title>Item {i}</title><link>{link}</link><pubDate>{date}</pubDate></item>"
                   for i, (link, date) in enumerate(items))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>'.encode()


def atom(links: list[str]) -> bytes:
    entries = "".join(f'<entry><title>E{i}</title><id>urn:e{i}</id><link href="{link}"/>'
                      f"<updated>2024-05-07T10:00:00Z</updated></entry>" for i, link in enumerate(links))
    return (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
            f"<id>urn:desk</id><updated>2024-05-07T10:00:00Z</updated>{entries}</feed>").encode()


def sitemap(links: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{u}</loc><lastmod>2024-05-07</lastmod></url>" for u in links)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


def sitemap_index(links: list[str]) -> bytes:
    maps = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in links)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'.encode()


DAY1, DAY2 = "Tue, 07 May 2024 10:00:00 GMT", "Wed, 08 May 2024 08:30:00 GMT"
# a timeout generous enough that a loaded machine's local server never trips it; the one test about timeouts
# sets its own (0.4 s) against a host slower than that
FAST = dict(embeddings=False, progress="never", watch_host_interval=0.05, watch_timeout=3.0, watch_retries=2,
            watch_backoff=0.05, max_bytes=60_000, watch_interval=0.0)


@pytest.fixture(scope="module")
def pipeline(nlp: object) -> Pipeline:
    return Pipeline(Options(embeddings=False, progress="never"), nlp=nlp)


def opts_for(tmp_path: Path, **changes: object) -> Options:
    return Options().with_(db=f"sqlite:///{tmp_path / 'watch.db'}", **{**FAST, **changes})


# --- feeds, parsed (no network) -------------------------------------------------------------------

def test_feeds_rss_atom_sitemaps_and_what_is_refused() -> None:
    got = parse_feed(rss([("/news/a.html", DAY1), ("http://x.test/b.html#top", DAY2), ("mailto:ed@x.test", DAY1),
                          ("/news/a.html", DAY2)]), "http://x.test/feeds/rss.xml", 10_000)
    assert got == ParsedFeed("rss", (Entry("http://x.test/news/a.html", DAY1, "Item 0"),
                                     Entry("http://x.test/b.html", DAY2, "Item 1")), "Wire")
    got = parse_feed(atom(["e.html"]), "http://x.test/feeds/atom.xml", 10_000, "application/atom+xml")
    assert isinstance(got, ParsedFeed) and got.kind == "atom"
    assert got.entries == (Entry("http://x.test/feeds/e.html", "2024-05-07T10:00:00Z", "E0"),)
    plain = parse_feed(sitemap(["http://x.test/c.html"]), "http://x.test/sitemap.xml", 10_000)
    assert plain == ParsedFeed("sitemap", (Entry("http://x.test/c.html", "2024-05-07"),))
    assert parse_feed(gzip.compress(sitemap(["http://x.test/c.html"])), "http://x.test/s.xml.gz", 10_000) == plain
    index = parse_feed(sitemap_index(["http://x.test/s1.xml"]), "http://x.test/index.xml", 10_000)
    assert isinstance(index, ParsedFeed) and index.lists_feeds and index.entries[0].url == "http://x.test/s1.xml"
    assert parse_feed(b"<rss version='2.0'><channel><item><title>cut", "http://x.test/f", 10_000) == Rejected(
        "malformed feed: no element found at line 2, column 44")
    assert parse_feed(b"<html><body><p>a page</p></body></html>", "http://x.test/f", 10_000, "text/html") == Rejected(
        "not an RSS or Atom feed or a sitemap")
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>'
    assert parse_feed(bomb, "http://x.test/s.xml", 10_000) == Rejected("sitemap declares XML entities: refused")
    assert parse_feed(gzip.compress(b" " * 20_000 + sitemap([])), "http://x.test/s.gz", 10_000) == Rejected(
        "gzip feed expands past 10000 bytes (setting max_bytes)")
    assert parse_feed(b"", "http://x.test/f", 10_000) == Rejected("empty feed")
    odd = parse_feed(rss([("http://[::1/broken", DAY1), ("http://x.test:99999/port", DAY1), ("//y.test/c.html", DAY1)]),
                     "https://x.test/rss.xml", 10_000)  # links that are no URLs are dropped, not raised
    assert isinstance(odd, ParsedFeed) and [e.url for e in odd.entries] == ["https://y.test/c.html"]


def test_sources_are_urls_or_files_listing_them(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("# our feeds\nhttp://x.test/rss.xml\n\nftp://x.test/no\nhttps://y.test/sitemap.xml\n", encoding="utf-8")
    urls, problems = read_sources(["http://x.test/rss.xml", str(listing), str(tmp_path / "none.txt")])
    assert urls == ["http://x.test/rss.xml", "https://y.test/sitemap.xml"]
    assert problems[0] == f"{listing}:4: not an http(s) URL"
    assert problems[1].startswith(f"{tmp_path / 'none.txt'}: not a URL, and cannot be read as a file listing URLs")


# --- the watch, against local servers -------------------------------------------------------------

def build_site(site: Site, slow_base: str) -> None:
    b = site.base
    site.routes.update({
        "/robots.txt": resource(b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/rss.xml": resource(rss([(f"{b}/news/a.html", DAY1), (f"{b}/news/b.html", DAY1), (f"{b}/news/flaky.html", DAY1),
                                  (f"{b}/news/broken.html", DAY1), (f"{b}/loop/a", DAY1), (f"{b}/news/huge.html", DAY1),
                                  (f"{b}/news/huge-declared.html", DAY1), (f"{b}/private/secret.html", DAY1),
                                  (f"{b}/files/report.pdf", DAY1), (f"{slow_base}/slow.html", DAY1)]),
                             "application/rss+xml"),
        "/atom.xml": resource(atom([f"{b}/news/a.html", f"{b}/news/e.html"]), "application/atom+xml", etag=False),
        "/sitemap_index.xml": resource(sitemap_index([f"{b}/sitemap.xml.gz"]), "application/xml"),
        "/sitemap.xml.gz": resource(gzip.compress(sitemap([f"{b}/news/c.html"])), "application/gzip"),
        "/bad.xml": resource(b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>Half a feed", "application/rss+xml"),
        "/news/flaky.html": failing(2, resource(page("flaky"))),
        "/news/broken.html": failing(0),
        "/loop/a": redirect(f"{b}/loop/b"),
        "/loop/b": redirect("/loop/a"),
        "/news/huge.html": endless(300_000, declared=False),
        "/news/huge-declared.html": endless(300_000, declared=True),
        "/private/secret.html": resource(page("d")),
        "/files/report.pdf": resource(b"%PDF-1.4 not really", "application/pdf"),
        **{f"/news/{s}.html": resource(page(s)) for s in ("a", "b", "c", "d", "e")},
    })


def failures_by_url(report: CycleReport) -> dict[str, str]:
    return {f.source: f.reason for f in report.failures}


def test_two_polls_and_a_restart_fetch_and_store_each_article_once(tmp_path: Path, pipeline: Pipeline) -> None:
    opts = opts_for(tmp_path, watch_timeout=0.4)
    with serving(Site()) as site, serving(Site()) as slow_host:
        slow_host.routes["/slow.html"] = slow(1.0)
        build_site(site, slow_host.base)
        b = site.base
        sources = [f"{b}/rss.xml", f"{b}/atom.xml", f"{b}/sitemap_index.xml", f"{b}/bad.xml"]
        with Store.open(opts.db) as store, Watcher(sources, store, opts, pipeline=pipeline) as watcher:
            first = watcher.poll()
            assert (first.feeds, first.unchanged, first.found, first.fetched) == (5, 0, 12, 5)
            assert len(first.stored) == 5 and first.events >= 1 and first.same == 0
            failed = failures_by_url(first)
            assert failed == {
                f"{b}/bad.xml": "malformed feed: no element found at line 1, column 90",
                f"{b}/news/broken.html": "HTTP 500 after 3 tries",
                f"{b}/loop/a": f"redirect loop: {b}/loop/a -> {b}/loop/b -> {b}/loop/a",
                f"{b}/news/huge.html": "page is over the 60000 bytes limit (setting max_bytes): not read further",
                f"{b}/news/huge-declared.html": "page is 0.3 MB, over the 60000 bytes limit (setting max_bytes)",
                f"{b}/private/secret.html": f"robots.txt of {b[7:]} disallows it (user agent communique)",
                f"{b}/files/report.pdf": "not an HTML page (Content-Type: application/pdf)",
                f"{slow_host.base}/slow.html": "timed out (setting watch_timeout: 0.4 s) after 3 tries",
            }
            assert {(f.source, f.reason, f.stage) for f in store.failures()} == {(u, r, "fetch") for u, r in failed.items()}
            assert site.count("/news/flaky.html") == 3  # 500, 500, then the page: stored
            assert site.count("/private/secret.html") == 0  # robots.txt said no: never asked
            assert site.count("/robots.txt") == 1 and slow_host.count("/robots.txt") == 1  # once per host per cycle
            docs = {d.raw.url: d for d in store.iter_documents()}
            assert sorted(docs) == sorted(f"{b}/news/{s}.html" for s in ("a", "b", "c", "e", "flaky"))
            a = docs[f"{b}/news/a.html"]
            assert a.raw.source == a.raw.url and a.raw.title == "Tomas Varga meets Ines Calloway in Porto Alto"
            assert "Varga told reporters" in a.raw_text

            # the feeds change: RSS gains an article and gives a.html a new date; Atom and the sitemaps do not
            site.routes["/rss.xml"] = resource(rss([(f"{b}/news/a.html", DAY2), (f"{b}/news/b.html", DAY1),
                                                    (f"{b}/news/d.html", DAY2)]), "application/rss+xml")
            second = watcher.poll()
            assert (second.feeds, second.unchanged, second.found, second.fetched, second.not_modified) == (5, 3, 2, 1, 1)
            assert len(second.stored) == 1 and set(failures_by_url(second)) == {
                f"{b}/bad.xml", f"{b}/news/broken.html", f"{slow_host.base}/slow.html", f"{b}/private/secret.html"}
        atom_hits, index_hits = site.of("/atom.xml"), site.of("/sitemap_index.xml")
        assert atom_hits[1].headers["if-modified-since"] == MODIFIED and atom_hits[1].status == 304
        assert "if-none-match" in index_hits[1].headers and index_hits[1].status == 304
        assert site.of("/sitemap.xml.gz")[1].status == 304  # a sitemap index's sitemaps are polled when it is a 304
        a_hits = site.of("/news/a.html")
        assert [h.status for h in a_hits] == [200, 304] and "if-none-match" in a_hits[1].headers  # its new date: asked again, conditionally

        # a restart: a new watcher on the same store file fetches nothing it fetched before
        site.routes["/bad.xml"] = resource(rss([(f"{b}/news/b.html", DAY1)]), "application/rss+xml")
        with Store.open(opts.db) as store, Watcher(sources, store, opts, pipeline=pipeline) as watcher:
            third = watcher.poll()
            assert (third.feeds, third.unchanged, third.found, third.fetched, third.stored) == (5, 4, 0, 0, [])
            assert store.counts()["documents"] == 6 and third.events == second.events
            states = store.fetch_states([f"{b}/news/broken.html", f"{b}/loop/a", f"{b}/news/d.html"])
            assert (states[f"{b}/news/broken.html"].state, states[f"{b}/news/broken.html"].attempts) == ("failed", 3)
            assert states[f"{b}/loop/a"].state == "gone" and states[f"{b}/news/d.html"].state == "done"
        for slug in ("b", "c", "d", "e", "flaky"):
            assert site.count(f"/news/{slug}.html") == (3 if slug == "flaky" else 1), slug
        for path in ("/loop/a", "/news/huge.html", "/news/huge-declared.html", "/files/report.pdf"):
            assert site.count(path) == 1, path  # failed for good: not asked again
        assert site.count("/news/broken.html") == 9  # 3 tries in each of 3 cycles
        assert site.count("/robots.txt") == 3
        assert all(h.headers["user-agent"].startswith("communique/") for h in site.hits)
        times = [h.at for h in site.hits]
        # one host, 0.05 s apart: seen from the server a late arrival shortens one gap (0.037 s seen under load),
        # so by the span of three pauses (0.15 s paced, a few hundredths unpaced)
        assert min(times[i + 3] - times[i] for i in range(len(times) - 3)) >= 0.12


def test_requests_to_one_host_are_spaced_by_the_setting(tmp_path: Path, pipeline: Pipeline) -> None:
    opts = opts_for(tmp_path, watch_host_interval=0.2)
    with serving(Site()) as site, serving(Site()) as other:
        site.routes["/rss.xml"] = resource(rss([(f"{site.base}/news/{s}.html", DAY1) for s in ("a", "b")]
                                               + [(f"{other.base}/news/c.html", DAY1)]))
        site.routes.update({f"/news/{s}.html": resource(page(s)) for s in ("a", "b")})
        other.routes["/news/c.html"] = resource(page("c"))
        with Store.open(opts.db) as store, Watcher([f"{site.base}/rss.xml"], store, opts, pipeline=pipeline) as w:
            report = w.poll()
    assert len(report.stored) == 3 and not report.failures
    times = [h.at for h in site.hits]  # robots.txt, rss.xml, a.html, b.html
    # the pause runs start to start on the client; seen from the server, a request that arrives late shortens the
    # gap after it (0.06 s seen under load), but three pauses cannot take less than their sum: with one of them
    # missing the span is under 0.45 s, with none a few hundredths
    assert len(times) == 4 and times[-1] - times[0] >= 0.5
    assert [h.path for h in other.hits] == ["/robots.txt", "/news/c.html"]  # another host: its own pace


def test_retries_back_off_on_5xx_and_429_only_and_crawl_delay_spaces_a_host() -> None:
    from communique.fetch import Fetcher

    opts = Options().with_(**{**FAST, "watch_retries": 3, "watch_backoff": 0.1})
    with serving(Site()) as site, Fetcher(opts) as fetcher:
        site.routes["/robots.txt"] = resource(b"User-agent: communique\nCrawl-delay: 0.3\n", "text/plain")
        site.routes["/busy.html"] = failing(2, resource(page("a")))
        seen = [0]

        def too_many(h: Handler) -> None:
            seen[0] += 1
            h.reply(429, b"slow down") if seen[0] == 1 else resource(page("b"))(h)

        site.routes["/limited.html"] = too_many
        busy = fetcher.get(f"{site.base}/busy.html")
        assert busy.error is None and busy.status == 200 and busy.body == page("a")
        assert fetcher.get(f"{site.base}/limited.html").body == page("b")
        missing = fetcher.get(f"{site.base}/missing.html")
        assert (missing.error, missing.lasting) == ("HTTP 404", True)
    assert [h.path for h in site.hits] == ["/robots.txt", *["/busy.html"] * 3, *["/limited.html"] * 2, "/missing.html"]
    assert [h.status for h in site.hits] == [200, 500, 500, 200, 429, 200, 404]  # a 404 is not asked again
    gaps = [round(t2 - t1, 2) for t1, t2 in zip([h.at for h in site.hits], [h.at for h in site.hits][1:], strict=False)]
    # the Crawl-delay (0.3 s), over watch_host_interval (0.05 s) and the first back-offs (0.1, 0.2 s); seen from
    # the server, a loaded machine's scheduling may shorten a gap by a few hundredths
    assert min(gaps) >= 0.25
    assert gaps[2] >= 0.25 and gaps[1] < 0.45  # waits are not added up: the longer one counts


def test_crawl_delay_of_our_group_else_of_everyone() -> None:
    from communique.fetch import crawl_delay

    both = "User-agent: *\nCrawl-delay: 2\n\nUser-agent: otherbot\nUser-agent: communique\nDisallow: /x\nCrawl-delay: 0.5 # ours\n"
    assert crawl_delay(both.splitlines(), "communique") == 0.5
    assert crawl_delay(both.splitlines(), "somebot") == 2.0
    assert crawl_delay(["User-agent: *", "Disallow: /", "Crawl-delay: soon"], "communique") == 0.0


def test_an_unreadable_robots_txt_keeps_the_host_off_for_the_cycle(tmp_path: Path, pipeline: Pipeline) -> None:
    opts = opts_for(tmp_path, watch_retries=0)
    with serving(Site()) as site:
        site.routes["/robots.txt"] = failing(1, resource(b"User-agent: *\nAllow: /\n", "text/plain"))
        site.routes["/rss.xml"] = resource(rss([(f"{site.base}/news/a.html", DAY1)]))
        site.routes["/news/a.html"] = resource(page("a"))
        with Store.open(opts.db) as store, Watcher([f"{site.base}/rss.xml"], store, opts, pipeline=pipeline) as w:
            first, second = w.poll(), w.poll()
        assert failures_by_url(first) == {f"{site.base}/rss.xml": f"robots.txt of {site.base[7:]} could not be read "
                                                                  "(HTTP 500): host skipped this cycle"}
        assert [h.path for h in site.hits[:1]] == ["/robots.txt"] and site.count("/rss.xml") == 1
        assert not second.failures and len(second.stored) == 1


def test_a_new_date_brings_new_content_that_replaces_the_document(tmp_path: Path, pipeline: Pipeline) -> None:
    opts = opts_for(tmp_path)
    with serving(Site()) as site, Store.open(opts.db) as store:
        b = site.base
        site.routes["/rss.xml"] = resource(rss([(f"{b}/news/a.html", DAY1)]))
        site.routes["/news/a.html"] = resource(page("a"))
        site.routes["/old/b.html"] = redirect("/news/b.html")
        site.routes["/news/b.html"] = resource(page("b"))
        with Watcher([f"{b}/rss.xml"], store, opts, pipeline=pipeline) as watcher:
            first = watcher.poll()
            corrected = page("a").replace(b"on Tuesday", b"on Wednesday")
            site.routes["/news/a.html"] = resource(corrected)
            site.routes["/rss.xml"] = resource(rss([(f"{b}/news/a.html", DAY2), (f"{b}/old/b.html", DAY2)]))
            second = watcher.poll()
        assert first.stored == [second.stored[0]] and len(second.stored) == 2
        docs = {d.raw.url: d for d in store.iter_documents()}
        assert sorted(docs) == [f"{b}/news/a.html", f"{b}/news/b.html"]  # b under the URL its redirect led to
        assert "on Wednesday" in docs[f"{b}/news/a.html"].raw_text
        state = store.fetch_states([f"{b}/old/b.html"])[f"{b}/old/b.html"]
        assert (state.state, state.final_url, state.doc_id) == ("done", f"{b}/news/b.html", docs[f"{b}/news/b.html"].doc_id)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_stop_ends_the_cycle_after_the_current_page_and_a_restart_resumes(
        request: pytest.FixtureRequest, tmp_path: Path, pipeline: Pipeline, backend: str) -> None:
    opts = opts_for(tmp_path)
    if backend == "postgresql":
        opts = opts.with_(db=str(request.getfixturevalue("pg_server").new_database()))
    with serving(Site()) as site, Store.open(opts.db) as store:
        b = site.base
        site.routes["/rss.xml"] = resource(rss([(f"{b}/news/{s}.html", DAY1) for s in ("p1", "p2", "p3")]))
        site.routes.update({f"/news/{s}.html": resource(page(s)) for s in ("p1", "p3")})
        watcher = Watcher([f"{b}/rss.xml"], store, opts, pipeline=pipeline)

        def stop_while_serving(h: Handler) -> None:  # as Ctrl-C during this request would
            watcher.stop()
            resource(page("p2"))(h)

        site.routes["/news/p2.html"] = stop_while_serving
        first = watcher.poll()
        assert first.stopped and len(first.stored) == 2 and site.count("/news/p3.html") == 0
        assert watcher.run(max_cycles=3) == []  # stopped: no further cycle
        watcher.close()
        with Watcher([f"{b}/rss.xml"], store, opts, pipeline=pipeline) as restarted:
            again = restarted.poll()
        assert len(again.stored) == 1 and [site.count(f"/news/{s}.html") for s in ("p1", "p2", "p3")] == [1, 1, 1]


def test_cli_watch_once_prints_a_line_per_cycle_and_exits_by_failures(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {f"COMMUNIQUE_{k.upper()}": str(v) for k, v in FAST.items()}
    runner = CliRunner()
    with serving(Site()) as site:
        site.routes["/rss.xml"] = resource(rss([(f"{site.base}/news/b.html", DAY1)]))
        site.routes["/news/b.html"] = resource(page("b"))
        site.routes["/gone.xml"] = resource(rss([(f"{site.base}/news/missing.html", DAY1)]))
        ok = runner.invoke(cli, ["watch", f"{site.base}/rss.xml", "--db", db, "--once"], env=env)
        assert ok.exit_code == 0, ok.output
        assert ok.stdout.startswith("cycle 1: 1 feed polled (0 unchanged), 1 new article fetched, 1 stored, 0 failures, ")
        assert ok.stderr == f"watching 1 source into {db}, once (Ctrl-C stops)\n"
        listing = tmp_path / "feeds.txt"
        listing.write_text(f"{site.base}/rss.xml\n{site.base}/gone.xml\n", encoding="utf-8")
        bad = runner.invoke(cli, ["watch", str(listing), "--db", db, "--max-cycles", "2", "--interval", "0", "-q"], env=env)
        assert bad.exit_code == 1 and bad.stdout == ""
        assert bad.stderr == f"error: {site.base}/news/missing.html: HTTP 404\n"  # failed for good: asked once
    usage = runner.invoke(cli, ["watch", "not-a-url-or-file", "--db", db, "--once"])
    assert usage.exit_code == 2 and "not-a-url-or-file: not a URL" in usage.stderr
    with Store.open(db) as store:
        assert store.counts()["documents"] == 1


def test_cli_watch_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {f"COMMUNIQUE_{k.upper()}": str(v) for k, v in FAST.items()}
    with serving(Site()) as site:
        b = site.base
        site.routes["/rss.xml"] = resource(rss([(f"{b}/news/{s}.html", DAY1) for s in ("p1", "p2", "p3")]))
        site.routes.update({f"/news/{s}.html": resource(page(s)) for s in ("p1", "p3")})

        def terminated_while_serving(h: Handler) -> None:  # as `kill PID` during this request
            os.kill(os.getpid(), signal.SIGTERM)
            resource(page("p2"))(h)

        site.routes["/news/p2.html"] = terminated_while_serving
        previous = signal.getsignal(signal.SIGTERM)
        result = CliRunner().invoke(cli, ["watch", f"{b}/rss.xml", "--db", db, "--max-cycles", "5"], env=env)
        assert signal.getsignal(signal.SIGTERM) is previous  # the command's handler is gone again
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("cycle 1: 1 feed polled (0 unchanged), 2 new articles fetched, 2 stored, 0 failures, ")
        assert result.stdout.rstrip().endswith("(stopped)") and result.stdout.count("\n") == 1
        assert "stopping after the request under way" in result.stderr and site.count("/news/p3.html") == 0
    with Store.open(db) as store:
        assert store.counts()["documents"] == 2 and [s.url for s in store.due_pages()] == [f"{b}/news/p3.html"]
