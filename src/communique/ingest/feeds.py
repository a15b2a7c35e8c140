"""Feeds and sitemaps: bytes -> the article URLs they list (no network; ``watch`` fetches).

``parse_feed(data, url, max_bytes)`` reads an RSS or Atom feed (feedparser, lenient as feed
readers are: a feed with markup errors still gives the entries it could read), a sitemap
(``<urlset>``) or a sitemap index (``<sitemapindex>``, whose entries are further sitemaps), plain
or gzip-compressed. Relative links are resolved against the feed's URL; only http(s) links are
kept, each once, in the order listed. What cannot be read is a ``Rejected`` naming the reason
(a malformed feed, an empty one, a sitemap with entity declarations, a gzip bomb).
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

from .decode import Rejected, human_size

__all__ = ["Entry", "ParsedFeed", "parse_feed", "web_url"]

FeedKind = Literal["rss", "atom", "sitemap", "sitemapindex"]
_SITEMAP_ROOT = re.compile(rb"<(?:[\w-]+:)?(urlset|sitemapindex)[\s>]")
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_EXPAT_PLACE = re.compile(r"^<unknown>:(\d+):(\d+): (.*)$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One article (or, in a sitemap index, one sitemap) a feed lists."""

    url: str
    updated: str | None = None  # the feed's date for it as written (RSS pubDate, Atom updated, sitemap lastmod)
    title: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    kind: FeedKind
    entries: tuple[Entry, ...]
    title: str | None = None
    warning: str | None = None  # a recoverable problem feedparser noted (the entries read are kept)

    @property
    def lists_feeds(self) -> bool:
        """A sitemap index: its entries are sitemaps, not articles."""
        return self.kind == "sitemapindex"


def web_url(url: str, base: str | None = None) -> str | None:
    """``url`` (resolved against ``base``) without its #fragment when it is an http(s) URL with a host, else None."""
    url = url.strip()
    if not url:
        return None
    try:
        if base:
            url = urljoin(base, url)
        url = urldefrag(url).url
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        _ = parts.port  # a port out of range raises too
    except ValueError:  # "http://[::1/x" and the like
        return None
    return url


def parse_feed(data: bytes, url: str, max_bytes: int, content_type: str | None = None) -> ParsedFeed | Rejected:
    """The entries of the RSS/Atom feed, sitemap or sitemap index in ``data`` (fetched from
    ``url``, served as ``content_type``; ``max_bytes``: the most a gzip body may expand to)."""
    if data[:2] == b"\x1f\x8b":
        inflated = _gunzip(data, max_bytes)
        if isinstance(inflated, Rejected):
            return inflated
        data = inflated
    if not data.strip():
        return Rejected("empty feed")
    head = data[:2048]
    if _SITEMAP_ROOT.search(head):
        return _parse_sitemap(data, url)
    return _parse_syndication(data, url, content_type)


def _gunzip(data: bytes, limit: int) -> bytes | Rejected:
    """A gzip body inflated, never past ``limit`` bytes."""
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            while chunk := gz.read(65536):
                out.write(chunk)
                if out.tell() > limit:
                    return Rejected(f"gzip feed expands past {human_size(limit)} (setting max_bytes)")
    except (OSError, EOFError, zlib.error) as exc:
        return Rejected(f"broken gzip data ({type(exc).__name__})")
    return out.getvalue()


def _parse_syndication(data: bytes, url: str, content_type: str | None) -> ParsedFeed | Rejected:
    import feedparser

    # a stream, never bytes or str: feedparser would take those for a file name or URL to open;
    # a feed served as text/html or text/plain (common) is read as the XML it is
    mime = (content_type or "").split(";")[0].strip().lower()
    headers = {"content-location": url,
               "content-type": content_type if mime.endswith(("xml", "+xml")) else "application/xml"}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers,
                              sanitize_html=False, resolve_relative_uris=False)
    version = str(parsed.get("version") or "")
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    why = _short_reason(problem)
    if not version:
        return Rejected(f"malformed feed: {why}" if why else "not an RSS or Atom feed or a sitemap")
    entries: list[Entry] = []
    seen: set[str] = set()
    for e in parsed.entries:
        link = web_url(str(e.get("link") or ""), url) or _first_alternate(e, url)
        if link is None or link in seen:
            continue
        seen.add(link)
        updated = dict.get(e, "updated") or dict.get(e, "published")  # plain lookups: no deprecated key mapping
        title = e.get("title")
        entries.append(Entry(link, str(updated) if updated else None, (" ".join(str(title).split()) or None) if title else None))
    if why and not entries:
        return Rejected(f"malformed feed: {why}")
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    return ParsedFeed("atom" if version.startswith("atom") else "rss", tuple(entries),
                      str(feed_title) if feed_title else None, f"feed has errors: {why}" if why else None)


def _first_alternate(entry: dict[str, object], base: str) -> str | None:
    links = entry.get("links")
    if not isinstance(links, list):
        return None
    for link in links:
        if isinstance(link, dict) and link.get("rel", "alternate") == "alternate" and link.get("href"):
            found = web_url(str(link["href"]), base)
            if found:
                return found
    return None


def _short_reason(exc: object) -> str | None:
    if exc is None:
        return None
    text = " ".join(str(exc).split()) or type(exc).__name__
    text = _EXPAT_PLACE.sub(r"\3 at line \1, column \2", text)  # "<unknown>:2:61: unclosed token"
    return text[:120]


def _parse_sitemap(data: bytes, url: str) -> ParsedFeed | Rejected:
    if _ENTITY_DECL.search(data):
        return Rejected("sitemap declares XML entities: refused")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return Rejected(f"malformed sitemap: {exc}")
    kind: FeedKind = "sitemapindex" if _local(root.tag) == "sitemapindex" else "sitemap"
    item = "sitemap" if kind == "sitemapindex" else "url"
    entries: list[Entry] = []
    seen: set[str] = set()
    for node in root:
        if _local(node.tag) != item:
            continue
        loc = lastmod = None
        for child in node:
            name = _local(child.tag)
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = (child.text or "").strip() or None
        link = web_url(loc or "", url)
        if link is None or link in seen:
            continue
        seen.add(link)
        entries.append(Entry(link, lastmod))
    return ParsedFeed(kind, tuple(entries))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
