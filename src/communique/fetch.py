"""Polite HTTP fetching for ``communique watch``: one ``Fetcher`` per watch, httpx underneath.

``Fetcher.get(url)`` answers a ``Fetched`` (never raises for what a server does):

1. robots.txt of the URL's host, fetched once per poll cycle (``new_cycle``) and honoured for
   the user agent ``communique``: a 4xx robots.txt (404 ...) allows everything; a 5xx, a timeout
   or a broken connection keeps the whole host off for this cycle. A Crawl-delay (up to 60 s)
   longer than ``watch_host_interval`` spaces that host's requests.
2. Each host's requests at least ``watch_host_interval`` seconds apart (start to start).
3. A conditional request when validators are given (If-None-Match, If-Modified-Since): 304 is
   ``not_modified``.
4. Timeouts (``watch_timeout``); a 5xx, 408, 429, a timeout or a broken connection is retried
   up to ``watch_retries`` times, waiting ``watch_backoff`` seconds and then twice as long each
   time; a 4xx is not retried.
5. Redirects followed one hop at a time (each hop polite, checked against robots.txt) up to
   ``watch_max_redirects``; a loop fails naming its URLs.
6. The body streamed and never read past ``max_bytes``; a page (``want="page"``) must be HTML
   (text/html or application/xhtml+xml; no Content-Type: HTML by its first bytes).

A failure says why in a few words (``HTTP 500 after 4 tries``, ``redirect loop: A -> B -> A``)
and whether trying again later may help (``lasting``). ``stop()`` (from a signal handler, another
thread) ends waits at once: the request under way finishes, later ones are not made.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import httpx

from .ingest.decode import human_size
from .ingest.feeds import web_url
from .ingest.html import looks_like_html
from .options import Options

__all__ = ["Fetched", "Fetcher", "user_agent"]

ROBOTS_AGENT = "communique"  # the token robots.txt rules name
MAX_CRAWL_DELAY = 60.0  # seconds: a longer robots.txt Crawl-delay is taken as this
MAX_ROBOTS_BYTES = 512 * 1024  # as RFC 9309 allows a crawler to stop at (at least 500 KiB)
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRIED = frozenset({408, 429})  # 4xx answers that say "later", retried as 5xx are
HTML_TYPES = ("text/html", "application/xhtml+xml")
STOPPED = "not fetched: the watch is stopping"

Want = Literal["feed", "page", "robots"]


def user_agent() -> str:
    """``communique/VERSION (...)``: what every request of ``watch`` says it is."""
    from . import package_version

    return f"communique/{package_version()} (news-report watcher; robots.txt agent {ROBOTS_AGENT})"


@dataclass(frozen=True, slots=True)
class Fetched:
    """What asking for ``url`` gave: a body, ``not_modified`` (304), or ``error`` (why not)."""

    url: str
    final_url: str  # after redirects
    status: int | None = None  # the last HTTP status received (None: no answer)
    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    error: str | None = None
    lasting: bool = False  # the failure will not pass by asking again later
    stopped: bool = False  # not asked: the watch is stopping (not a failure of the URL)

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    headers: httpx.Headers
    body: bytes


@dataclass(frozen=True, slots=True)
class _Trouble:
    reason: str
    lasting: bool = False
    stopped: bool = False
    status: int | None = None


@dataclass(slots=True)
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    refused: str | None = None  # why the whole host is off this cycle
    delay: float = 0.0


class Fetcher:
    """Polite GETs with per-host spacing, robots.txt, retries and limits (see the module doc)."""

    def __init__(self, opts: Options, *, client: httpx.Client | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.opts = opts
        self._own_client = client is None
        self.client = client or httpx.Client(
            headers={"User-Agent": user_agent()}, follow_redirects=False,
            timeout=httpx.Timeout(opts.watch_timeout),
        )
        self._clock = clock
        self._stop = threading.Event()
        self._last: dict[str, float] = {}  # host -> when its last request started
        self._robots: dict[str, _Robots] = {}  # host -> its rules this cycle
        self.requests = 0  # requests made (robots.txt included)

    # --- control --------------------------------------------------------------------------------

    def new_cycle(self) -> None:
        """Forget robots.txt rules: each poll cycle reads each host's robots.txt once."""
        self._robots.clear()

    def stop(self) -> None:
        """End every wait now; no request is started after this."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; False when woken by ``stop``."""
        return not self._stop.wait(max(0.0, seconds))

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- fetching -------------------------------------------------------------------------------

    def get(self, url: str, *, want: Want = "page", etag: str | None = None,
            last_modified: str | None = None) -> Fetched:
        """GET ``url`` politely, following redirects; conditional when validators are given."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        hops = [url]
        current = url
        while True:
            if web_url(current) is None:
                return Fetched(url, current, error=f"not an http(s) URL that can be fetched: {current}", lasting=True)
            if want != "robots":
                refused = self._robots_refusal(current)
                if refused is not None:
                    return Fetched(url, current, error=refused.reason, lasting=refused.lasting, stopped=refused.stopped)
            answer = self._request(current, headers, want)
            if isinstance(answer, _Trouble):
                return Fetched(url, current, status=answer.status, error=answer.reason, lasting=answer.lasting,
                               stopped=answer.stopped)
            location = answer.headers.get("location")
            if answer.status in REDIRECTS and location:
                target = web_url(location, current) or location.strip()
                if target in hops:
                    loop = " -> ".join([*hops[hops.index(target):], target])
                    return Fetched(url, current, answer.status, error=f"redirect loop: {loop}", lasting=True)
                if len(hops) > self.opts.watch_max_redirects:
                    return Fetched(url, current, answer.status, error=f"more than {self.opts.watch_max_redirects} "
                                   f"redirects (setting watch_max_redirects), the last to {target}", lasting=True)
                hops.append(target)
                current = target
                continue
            return self._finish(url, current, answer, want)

    def _finish(self, url: str, final: str, answer: _Answer, want: Want) -> Fetched:
        status, h = answer.status, answer.headers
        ctype = h.get("content-type")
        common = {"url": url, "final_url": final, "status": status, "etag": h.get("etag"),
                  "last_modified": h.get("last-modified"), "content_type": ctype}
        if status == 304:
            return Fetched(**common)
        if status >= 400 or status < 200 or status in REDIRECTS:
            what = "redirect without a Location" if status in REDIRECTS else f"HTTP {status}"
            return Fetched(**common, error=what, lasting=status not in RETRIED)
        if want == "page":
            mime = (ctype or "").split(";")[0].strip().lower()
            if mime and mime not in HTML_TYPES:
                return Fetched(**common, error=f"not an HTML page (Content-Type: {mime})", lasting=True)
            if not mime and not looks_like_html(answer.body):
                return Fetched(**common, error="not an HTML page (no Content-Type, and no markup)", lasting=True)
        return Fetched(**common, body=answer.body)

    def _request(self, url: str, headers: dict[str, str], want: Want) -> _Answer | _Trouble:
        """One GET with retries; the body read up to the size limit."""
        host = _host(url)
        tries = self.opts.watch_retries + 1
        limit = min(self.opts.max_bytes, MAX_ROBOTS_BYTES) if want == "robots" else self.opts.max_bytes
        last = _Trouble("no answer")
        for attempt in range(tries):
            if attempt and not self.wait(self.opts.watch_backoff * 2 ** (attempt - 1)):
                return _Trouble(STOPPED, stopped=True)
            if not self._take_turn(host):
                return _Trouble(STOPPED, stopped=True)
            self.requests += 1
            try:
                with self.client.stream("GET", url, headers=headers) as r:
                    status = r.status_code
                    if status >= 500 or status in RETRIED:
                        last = _Trouble(f"HTTP {status}", status=status)
                        continue
                    if not 200 <= status < 300:
                        return _Answer(status, r.headers, b"")
                    body = _read_limited(r, limit, want)
                    if isinstance(body, _Trouble):
                        return body
                    return _Answer(status, r.headers, body)
            except httpx.TimeoutException:
                last = _Trouble(f"timed out (setting watch_timeout: {self.opts.watch_timeout:g} s)")
            except httpx.TransportError as exc:
                last = _Trouble(f"connection failed ({type(exc).__name__})")
            except httpx.HTTPError as exc:  # a broken answer (bad headers, bad encoding)
                return _Trouble(f"bad HTTP answer ({type(exc).__name__})", lasting=True)
            except (httpx.InvalidURL, UnicodeError) as exc:  # a URL httpx cannot ask for (a bad host or port)
                return _Trouble(f"not a URL that can be fetched ({exc})", lasting=True)
        suffix = f" after {tries} tries" if tries > 1 else ""
        return _Trouble(last.reason + suffix, status=last.status)

    def _take_turn(self, host: str) -> bool:
        """Wait until ``host`` may be asked again, and note the request; False when stopping."""
        if self._stop.is_set():
            return False
        spacing = max(self.opts.watch_host_interval, self._robots.get(host, _Robots(None)).delay)
        last = self._last.get(host)
        if last is not None:
            due = last + spacing - self._clock()
            if due > 0 and not self.wait(due):
                return False
        self._last[host] = self._clock()
        return True

    # --- robots.txt -----------------------------------------------------------------------------

    def _robots_refusal(self, url: str) -> _Trouble | None:
        """Why robots.txt keeps ``url`` from being fetched this cycle, or None."""
        host = _host(url)
        rules = self._robots.get(host)
        if rules is None:
            rules = self._robots[host] = self._read_robots(url)
        if rules.refused is not None:
            return _Trouble(rules.refused, stopped=rules.refused == STOPPED)
        if rules.parser is not None and not rules.parser.can_fetch(ROBOTS_AGENT, url):
            return _Trouble(f"robots.txt of {host} disallows it (user agent {ROBOTS_AGENT})")
        return None

    def _read_robots(self, url: str) -> _Robots:
        parts = urlsplit(url)
        where = f"{parts.scheme}://{parts.netloc}/robots.txt"
        got = self.get(where, want="robots")
        if got.stopped:
            return _Robots(None, STOPPED)
        host = _host(url)
        if got.error is not None:
            if got.status is not None and 400 <= got.status < 500 and got.status not in RETRIED:
                return _Robots(None)  # no robots.txt (404, 410, even 401/403): everything allowed
            return _Robots(None, f"robots.txt of {host} could not be read ({got.error}): host skipped this cycle")
        lines = (got.body or b"").decode("utf-8", "replace").splitlines()
        parser = urllib.robotparser.RobotFileParser(where)
        parser.parse(lines)
        parser.modified()
        return _Robots(parser, delay=min(crawl_delay(lines, ROBOTS_AGENT), MAX_CRAWL_DELAY))


def crawl_delay(lines: list[str], agent: str) -> float:
    """The Crawl-delay (seconds, decimals allowed: urllib's parser takes whole seconds only) of
    the group naming ``agent``, else of the ``*`` group, else 0."""
    delays: dict[str, float] = {}
    group: list[str] = []
    in_rules = False
    for raw in lines:
        key, _, value = raw.split("#", 1)[0].partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if in_rules:
                group, in_rules = [], False
            group.append(value.lower())
        elif key in ("allow", "disallow", "crawl-delay"):
            in_rules = True
            if key == "crawl-delay":
                try:
                    delay = float(value)
                except ValueError:
                    continue
                if delay >= 0:
                    for name in group:
                        delays.setdefault(name, delay)
    mine = next((d for name, d in delays.items() if name != "*" and name in agent.lower()), None)
    return mine if mine is not None else delays.get("*", 0.0)


def _host(url: str) -> str:
    """``host:port`` of a URL, lower case: the unit of politeness."""
    return urlsplit(url).netloc.lower()


def _read_limited(r: httpx.Response, limit: int, want: Want) -> bytes | _Trouble:
    """The body, or why not: never more than ``limit`` bytes read (decompressed)."""
    what = "robots.txt" if want == "robots" else want
    declared = r.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        return _Trouble(f"{what} is {human_size(int(declared))}, over the {human_size(limit)} limit "
                        "(setting max_bytes)", lasting=True, status=r.status_code)
    chunks: list[bytes] = []
    size = 0
    for chunk in r.iter_bytes():
        size += len(chunk)
        if size > limit:
            return _Trouble(f"{what} is over the {human_size(limit)} limit (setting max_bytes): "
                            "not read further", lasting=True, status=r.status_code)
        chunks.append(chunk)
    return b"".join(chunks)
