"""A synthetic corpus for the benchmarks: N varied copies of the sample articles as .txt files.

The bases are the package's sample articles (``communique/samples``: every kind the readers
know, turned into plain text with the `` date YYYY-MM-DD Title`` header line), or a small
built-in template when there are none. Copy ``i`` of a base gets its weekdays rotated, its date
header shifted and one inserted paragraph with numbers that depend on ``i``, so every file has
its own content hash (the store skips identical content) while keeping the article's shape.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..options import Options

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_HEADER_RE = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) ")

# Our own fictional wire story, used only when the package has no sample articles.
TEMPLATE = """ date {date} {host} Hosts {guest} for Talks on Trade and Security

By Staff Reporter

{city_upper} — {host_title} {host} received {guest_title} {guest} in {city} on {weekday}, the two sides said in a joint readout.

The leaders discussed trade, energy and regional security, and agreed to set up a working group on transport links, according to the statement.

"Our partnership is entering a new stage, and we will open new routes for our businesses," {host} told reporters after the talks.

{guest} thanked his host for the reception and said the visit had been "productive and frank".

Related Articles
Share this article
"""
LEADERS = (
    ("Prime Minister", "Anna Lindqvist", "Stockholm"),
    ("President", "Tomas Vrana", "Prague"),
    ("Chancellor", "Miriam Koller", "Vienna"),
    ("President", "Kofi Mensah", "Accra"),
    ("Prime Minister", "Hiroshi Tanabe", "Tokyo"),
    ("President", "Lucia Ferreyra", "Montevideo"),
)
# Our own background paragraphs (no named people): real reports run several of them after the news.
BACKGROUND = (
    "Trade between the two countries has grown steadily over the past decade, driven by energy, machinery and "
    "farm produce, although officials on both sides have said the balance remains uneven and that small firms "
    "still face long waits at the border crossings.",
    "The two governments signed a framework agreement on investment protection several years ago, and a joint "
    "commission meets once a year to review projects in transport, water management and higher education.",
    "Analysts said the timing of the visit reflected a wider effort in the region to diversify partnerships, "
    "with several capitals seeking new markets for their exports and new sources of financing for infrastructure.",
    "Security cooperation was also on the agenda, according to officials familiar with the preparations, "
    "including the exchange of information on smuggling routes and the training of border guards and coast guards.",
    "Opposition lawmakers have questioned the cost of some of the projects discussed, and a parliamentary "
    "committee is expected to examine the agreements before they can enter into force.",
    "Business associations welcomed the talks and called for simpler visa rules for traders, lower tariffs on "
    "processed goods and a direct flight between the two capitals, which was suspended during the pandemic.",
    "Cultural ties have a long history, with student exchanges, a shared heritage programme and annual festivals "
    "that draw thousands of visitors, and both sides said they wanted to expand tourism in the coming years.",
    "The ministries of finance and economy will follow up with technical meetings over the next few months, "
    "officials said, and a business forum is planned to coincide with the next session of the joint commission.",
)
SPAM = (
    "Click here to claim your free trial of the best VPN deals today!",
    "Buy cheap essay writing services online, 100% plagiarism free, order now.",
    "Best online casino bonuses: sign up and get 200 free spins instantly.",
)
# the share of originals that are varied sample articles (every reader's kind): few, since variants of
# six stories are six pairs of leaders meeting again and again, whose reports all compete as originals
VARIANT_SHARE = 0.05
OUTLETS = ("Daily Courier", "Evening Ledger", "Regional Wire", "Capital Times", "The Observer Post")
INSERTS = (
    "Officials said the delegation numbered {a} people and that {b} agreements had been prepared for signature.",
    "The two sides noted that bilateral trade reached {a} million dollars in the first {b} months of the year.",
    "According to the readout, {a} business leaders attended a forum on the sidelines, the {b}th such gathering.",
)


@dataclass(frozen=True, slots=True)
class Corpus:
    directory: Path
    files: int
    bytes: int  # UTF-8 size of everything written


def sample_bases(samples_dir: Path | None = None) -> list[str]:
    """The sample articles as plain texts (each kind read by the package's own readers)."""
    from ..ingest import read_paths
    from ..records import Failure

    folder = samples_dir or SAMPLES_DIR
    if not folder.is_dir():
        return []
    bases: dict[str, None] = {}
    for item in read_paths([folder], Options()):
        if isinstance(item, Failure):
            continue
        text = item.text
        if item.kind != "txt" and item.title:
            day = item.publication_date.isoformat() if item.publication_date else "2024-01-15"
            text = f" date {day} {item.title}\n\n{text[item.body_start:].lstrip()}"
        if len(text.split()) >= 30:
            bases.setdefault(text)
    return list(bases)


def template_bases() -> list[str]:
    out = []
    for i, (host_title, host, city) in enumerate(LEADERS):
        guest_title, guest, _ = LEADERS[(i + 1) % len(LEADERS)]
        out.append(TEMPLATE.format(
            date=(date(2024, 1, 8) + timedelta(days=9 * i)).isoformat(), host=host, guest=guest,
            host_title=host_title, guest_title=guest_title, city=city, city_upper=city.upper(),
            weekday=WEEKDAYS[i % 7],
        ))
    return out


def vary(base: str, i: int, seed: int = 0) -> str:
    """Copy ``i`` of ``base``: rotated weekdays, shifted date header, one numbered paragraph."""
    rng = random.Random(seed * 1_000_003 + i)
    shift = rng.randrange(7)
    text = _WEEKDAY_RE.sub(lambda m: WEEKDAYS[(WEEKDAYS.index(m.group(1)) + shift) % 7], base)
    header = _HEADER_RE.match(text)
    if header:
        day = date.fromisoformat(header.group(1)) + timedelta(days=i % 730)
        text = f" date {day.isoformat()} " + text[header.end():]
    paragraphs = text.split("\n\n")
    insert = rng.choice(INSERTS).format(a=100 + i, b=2 + rng.randrange(9))
    at = max(2, min(len(paragraphs) - 1, len(paragraphs) // 2))
    paragraphs.insert(at, insert)
    return "\n\n".join(paragraphs)


# pieces of our own writing for generated originals: each report draws its own people, place, date,
# numbers, topics and sentences, so two originals share no more than real reports of one beat do
_OPENINGS = (
    "{A} received {B} in {city} on {weekday}, the two sides said in a joint statement.",
    "{B} held talks with {A} in {city} on {weekday} during an official visit.",
    "{A} met {B} in {city} on {weekday} to discuss {t1} and {t2}.",
    "{B} arrived in {city} on {weekday} for talks with {A} on {t1}.",
)
_BODY = (
    "The two sides discussed {t1}, officials said, and agreed to set up a working group that will report within {k} months.",
    "According to the readout, the leaders reviewed {t2} and signed {k} memoranda of understanding.",
    "Officials said bilateral trade reached {n} million dollars last year, up {k} per cent on the year before.",
    "The talks lasted about {k} hours and were followed by a working lunch, a spokesman told reporters.",
    "Both sides stressed the importance of {t1} for the region and called for a settlement through dialogue.",
    "The delegation of {n} people included business leaders from the energy, farming and transport sectors.",
    "Analysts in {city} said the visit reflected a wider effort to diversify partnerships and attract investment.",
    "The leaders also touched on {t2}, and agreed that their ministers would meet again before the end of the year.",
    "A business forum on the sidelines drew {n} companies, the organisers said, the {k}th such gathering.",
    "Opposition lawmakers questioned the cost of some of the projects and asked for the agreements to be published.",
)
# sentences built from parts, so that two reports share few runs of five words, as unrelated real reports do
_SUBJECTS = ("The two sides", "Officials from both countries", "The delegations", "Ministers on both sides", "The leaders",
             "Both governments", "Senior aides", "The negotiating teams", "Diplomats from the two capitals", "The two men")
_VERBS = ("discussed", "reviewed", "agreed to expand cooperation on", "pledged to deepen work on", "called for progress on",
          "examined", "set out plans for", "stressed the importance of", "exchanged views on", "agreed a timetable for")
_TAILS = (" before the end of the year", ", according to a readout issued after the talks",
          " in a session that lasted {k} hours", " with {n} officials taking part",
          " and agreed to meet again within {k} months", " amid concerns over {t2}",
          " as part of a plan worth {n} million dollars", " in line with an accord signed {k} years ago",
          ", a spokesman for the delegation said", ", the foreign ministry said in a statement on its website",
          " despite differences over {t2}", " at a working lunch in {city}")
_SAID = (
    "\u201c{line},\u201d {S} said after the talks.",
    "\u201c{line} on {t1},\u201d {S} told reporters.",
    "{S} said the visit had been \u201cproductive and frank\u201d and that {line_l}.",
)
_LINES = ("Our two countries share a long history of friendship", "This visit opens a new chapter in our relations",
          "We stand ready to expand our cooperation in every field", "The door to dialogue remains open",
          "We have agreed to double our trade within five years", "Stability serves all the peoples of the region")


def _generated(rng: random.Random, actors: list[tuple[str, str, str]], day: date) -> str:
    """An original report of our own writing: a dated header, a headline, a lead, quotes and body."""
    from .synthetic import TOPICS

    (ra, a, city), (rb, b, _) = rng.sample(actors, 2)
    t1, t2 = rng.sample(TOPICS, 2)
    fill = {"A": f"{ra} {a}", "B": f"{rb} {b}", "city": city, "weekday": WEEKDAYS[day.weekday()], "t1": t1, "t2": t2}
    lead = rng.choice(_OPENINGS).format(**fill)
    body = [rng.choice(_BODY).format(**fill, n=rng.randrange(20, 900), k=rng.randrange(2, 12))
            for _ in range(rng.randrange(1, 3))]
    for _ in range(rng.randrange(5, 9)):
        tail = rng.choice(_TAILS).format(**fill, n=rng.randrange(20, 900), k=rng.randrange(2, 12))
        body.insert(rng.randrange(len(body) + 1),
                    f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(TOPICS)}{tail}.")
    for _ in range(rng.randrange(1, 3)):
        line = rng.choice(_LINES)
        said = rng.choice(_SAID).format(line=line, line_l=line[0].lower() + line[1:], t1=t1, S=rng.choice((a, b)))
        body.insert(rng.randrange(len(body) + 1), said)
    head = f" date {(day + timedelta(days=rng.randrange(2))).isoformat()} {a} and {b} hold talks in {city}"
    return head + "\n\n" + lead + "\n\n" + "\n\n".join(body) + "\n"


def _leaders() -> list[tuple[str, str, str]]:
    """(title, name, capital) of knowledge-base people holding a head-of-state or -government office."""
    from ..actors.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    caps = {c: v["capitals"][0] for c, v in kb.countries().items() if v.get("capitals")}
    out = []
    for p in kb.people():
        office = next((o for o in p.offices if o.office in ("president", "prime_minister") and caps.get(o.country or "")), None)
        if office is not None and office.country:
            out.append(("President" if office.office == "president" else "Prime Minister", p.name, caps[office.country]))
    return sorted(out)


def _with_background(text: str, rng: random.Random) -> str:
    """``text`` with three to five background paragraphs appended (reports run 300-600 words)."""
    extra = rng.sample(BACKGROUND, 3 + rng.randrange(3))
    return text.rstrip("\n") + "\n\n" + "\n\n".join(extra) + "\n"


def _reprint(text: str, outlet: str) -> str:
    """The same story as another outlet runs it: the same text under its own furniture lines."""
    head, _, body = text.partition("\n\n")
    return f"{head}\n\nPublished by {outlet}\n\n{body.rstrip()}\n\n© {outlet}. All rights reserved.\n"


@dataclass(frozen=True, slots=True)
class RunCorpus(Corpus):
    originals: int = 0
    reprints: int = 0  # the same text as an original, under another outlet's furniture
    spun: int = 0  # an original through ``communique.spin``, with a spam line


def build_run_corpus(n: int, directory: Path, samples_dir: Path | None = None, seed: int = 0,
                     reprint_share: float = 0.15, spun_share: float = 0.1, prefix: str = "") -> RunCorpus:
    """``n`` articles as a crawl delivers them: originals (reports of our own writing about
    knowledge-base leaders, each drawn afresh, and one in twenty a varied sample article with
    background paragraphs), reprints of earlier originals by other outlets and spun copies of
    earlier originals; each copy follows its original within a few dozen files, as in a crawl."""
    from ..spin import load_thesaurus, spin

    bases = sample_bases(samples_dir) or template_bases()
    leaders = _leaders()
    thesaurus = load_thesaurus()
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    recent: list[str] = []
    counts = {"original": 0, "reprint": 0, "spun": 0}
    size = 0
    for i in range(n):
        roll = rng.random()
        kind = ("original" if not recent or roll >= reprint_share + spun_share
                else "reprint" if roll < reprint_share else "spun")
        if kind == "original":
            text = (_with_background(vary(bases[i % len(bases)], i, seed), rng) if rng.random() < VARIANT_SHARE or len(leaders) < 2
                    else _generated(rng, leaders, date(2018, 1, 1) + timedelta(days=rng.randrange(2500))))
            recent = (recent + [text])[-50:]
        elif kind == "reprint":
            text = _reprint(rng.choice(recent), rng.choice(OUTLETS))
        else:
            text = spin(rng.choice(recent), 0.3, seed * 1_000_003 + i, thesaurus).rstrip("\n")
            text += "\n\n" + rng.choice(SPAM) + "\n"
        counts[kind] += 1
        data = text.encode("utf-8")
        (directory / f"{prefix}{i:06d}.txt").write_bytes(data)
        size += len(data)
    return RunCorpus(directory=directory, files=n, bytes=size, originals=counts["original"],
                     reprints=counts["reprint"], spun=counts["spun"])


def build_corpus(n: int, directory: Path, samples_dir: Path | None = None, seed: int = 0) -> Corpus:
    """Write ``n`` varied articles to ``directory`` as ``{i:06d}.txt``, one at a time."""
    bases = sample_bases(samples_dir) or template_bases()
    directory.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(n):
        text = vary(bases[i % len(bases)], i, seed)
        data = text.encode("utf-8")
        (directory / f"{i:06d}.txt").write_bytes(data)
        size += len(data)
    return Corpus(directory=directory, files=n, bytes=size)
