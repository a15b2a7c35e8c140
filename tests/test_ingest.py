"""Ingest: every input kind, the title/date rules, and one clear Failure per bad input."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from communique.ingest import NO_ARTICLES, kind_of, read_bytes, read_paths, sniff
from communique.ingest.decode import decode, human_size
from communique.ingest.text import parse_text
from communique.options import Options
from communique.records import Failure, RawDocument

OPTS = Options()


def _read(*paths: str | Path, opts: Options = OPTS) -> list[RawDocument | Failure]:
    return list(read_paths(list(paths), opts))


def _docs(items: list[RawDocument | Failure]) -> list[RawDocument]:
    return [d for d in items if isinstance(d, RawDocument)]


def _fails(items: list[RawDocument | Failure]) -> list[Failure]:
    return [d for d in items if isinstance(d, Failure)]


# --- seeds and samples ----------------------------------------------------------------------


def test_seeds_ids_dates_titles(seeds_dir: Path, gold_dir: Path) -> None:
    items = _read(seeds_dir)
    docs = _docs(items)
    assert len(docs) == 5 and not _fails(items)
    assert [d.doc_id for d in docs] == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    for d in docs:
        gold = json.loads((gold_dir / f"{d.doc_id}.json").read_text(encoding="utf-8"))
        assert d.title == gold["title"], d.doc_id
        expected = date.fromisoformat(gold["publication_date"]) if gold["publication_date"] else None
        assert d.publication_date == expected, d.doc_id
        assert d.text == (seeds_dir / f"{d.doc_id}.txt").read_text(encoding="utf-8")
        assert d.kind == "txt" and d.source == str(seeds_dir / f"{d.doc_id}.txt")
    by_id = {d.doc_id: d for d in docs}
    assert by_id["000_286dfbfe54666b1b"].publication_date == date(2025, 1, 9)
    assert by_id["002_2c749cdfbc01d25b"].publication_date == date(2023, 12, 21)
    assert by_id["002_2c749cdfbc01d25b"].title is None
    seed2 = by_id["002_2c749cdfbc01d25b"]
    assert seed2.text[seed2.body_start :].startswith("TEHRAN, ")


def test_samples_every_kind(samples_dir: Path) -> None:
    items = _read(samples_dir)
    assert not _fails(items)
    docs = _docs(items)
    assert [(d.doc_id, d.kind) for d in docs] == [
        ("erdogan_tamim_ankara", "txt"),
        ("putin_tokayev_readout", "txt"),
        ("sample-kishida-albanese", "jsonl"),
        ("sample-lula-petro", "jsonl"),
        ("3b0c1f0e-0000-4000-8000-000000000001", "warc"),
        ("3b0c1f0e-0000-4000-8000-000000000002", "warc"),
        ("sisi_abdullah_cairo", "html"),
    ]
    by_id = {d.doc_id: d for d in docs}
    erdogan = by_id["erdogan_tamim_ankara"]
    assert erdogan.publication_date == date(2024, 3, 12)
    assert erdogan.title == 'Erdogan Receives Qatari Emir in Ankara, Vows "New Chapter" in Energy Ties'
    putin = by_id["putin_tokayev_readout"]
    assert putin.title == "Kassym-Jomart Tokayev Holds Talks with Vladimir Putin in Moscow"
    assert putin.publication_date is None
    sisi = by_id["sisi_abdullah_cairo"]
    assert sisi.title == "Sisi, King Abdullah discuss Gaza ceasefire in Cairo"
    assert sisi.publication_date == date(2024, 2, 8)
    assert sisi.html is not None and "<article>" in sisi.html
    assert "Ayman Safadi" in sisi.text and "<p>" not in sisi.text
    warc = by_id["3b0c1f0e-0000-4000-8000-000000000002"]
    assert warc.url == warc.source == "https://example.org/rift-valley-times/ruto-abiy-nairobi"
    assert warc.publication_date == date(2024, 5, 21)
    lula = by_id["sample-lula-petro"]
    assert lula.title == "Lula receives Petro in Brasilia" and lula.publication_date == date(2024, 4, 17)
    assert "Gustavo Petro" in lula.text


def test_directory_order_is_deterministic(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta talks were held in Rome on Friday.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Alpha talks were held in Oslo on Monday.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden text here.\n", encoding="utf-8")
    items = _read(tmp_path)
    assert [d.doc_id for d in _docs(items)] == ["a", "z"] and not _fails(items)


# --- plain text: header and title rules -------------------------------------------------------


def test_header_with_headline_title() -> None:
    raw = parse_text(" date 2024-06-03 Modi Meets Macron in Paris\n\nThe two leaders met on Monday.\n", "x", "x.txt")
    assert raw.publication_date == date(2024, 6, 3)
    assert raw.title == "Modi Meets Macron in Paris"
    assert raw.text[raw.body_start :] == "\nThe two leaders met on Monday.\n"


def test_header_followed_by_body_text_has_no_title() -> None:
    text = " date 2023-12-21 BERLIN, Chancellor Olaf Scholz received President Emmanuel Macron.\n\nMore text.\n"
    raw = parse_text(text, "x", "x.txt")
    assert raw.title is None and raw.publication_date == date(2023, 12, 21)
    assert raw.text[raw.body_start :].startswith("BERLIN, Chancellor")


@pytest.mark.parametrize(
    "rest",
    [
        "BAGHDAD (Reuters) - Iraq's prime minister met the Turkish president",
        "The president met the king in Amman on Sunday.",
        "ROME — Italy's prime minister hosted talks",
    ],
)
def test_header_rest_that_is_not_a_headline(rest: str) -> None:
    raw = parse_text(f" date 2022-02-02 {rest}\n", "x", "x.txt")
    assert raw.title is None and raw.text[raw.body_start :].startswith(rest)


def test_header_with_invalid_date_gives_no_date() -> None:
    raw = parse_text(" date 2023-13-45 Leaders Meet in Doha\n\nBody.\n", "x", "x.txt")
    assert raw.publication_date is None and raw.title == "Leaders Meet in Doha"


def test_title_after_site_furniture_without_header() -> None:
    text = "WorldPolitics\n\nThe Office of the President\n\nPresident Receives Visiting Premier\n\nThe president met the premier.\n"
    raw = parse_text(text, "x", "x.txt")
    assert raw.title == "President Receives Visiting Premier"
    assert raw.publication_date is None
    assert raw.text[raw.body_start :] == "\nThe president met the premier.\n"


def test_no_title_when_text_starts_with_a_sentence() -> None:
    raw = parse_text("The king met the president in Amman on Sunday.\n\nMore.\n", "x", "x.txt")
    assert raw.title is None and raw.body_start == 0


def test_date_in_body_is_never_taken() -> None:
    raw = parse_text("Talks in Tunis\n\nThe meeting was held on 2024-05-06 in Tunis.\n", "x", "x.txt")
    assert raw.publication_date is None


# --- decoding ------------------------------------------------------------------------------------


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbfLeaders Meet in Rabat\n\nThe king received the president.\n")
    (doc,) = _read(f)
    assert isinstance(doc, RawDocument)
    assert doc.text.startswith("Leaders Meet") and doc.title == "Leaders Meet in Rabat"


def test_utf16_with_bom(tmp_path: Path) -> None:
    f = tmp_path / "u16.txt"
    f.write_bytes("Talks in Seoul\n\nThe presidents met.\n".encode("utf-16"))
    (doc,) = _read(f)
    assert isinstance(doc, RawDocument) and doc.text == "Talks in Seoul\n\nThe presidents met.\n"


def test_legacy_encoding_detected(tmp_path: Path) -> None:
    body = ("Le président français a rencontré le chef d'État égyptien à l'Élysée. "
            "Ils ont évoqué la crise régionale et la coopération économique. ") * 3
    f = tmp_path / "latin.txt"
    f.write_bytes(body.encode("cp1252"))
    (doc,) = _read(f)
    assert isinstance(doc, RawDocument) and doc.text == body


def test_mojibake_is_repaired() -> None:
    broken = "The minister said â€œwe agreedâ€\x9d after the talks in SÃ£o Paulo."
    assert decode(broken.encode("utf-8")) == "The minister said “we agreed” after the talks in São Paulo."


def test_clean_utf8_is_left_exactly_as_is() -> None:
    text = "He said “Iraq’s security” matters — a lot.\u00a0Really.\r\n"
    assert decode(text.encode("utf-8")) == text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n \t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file (not text)"),
        (b"text\x00with\x00nuls" * 10, "binary file (not text)"),
        (bytes(range(128, 256)) * 20, "not valid UTF-8 (bad byte at offset 0) and no other text encoding fits"),
    ],
)
def test_bad_text_files_give_one_failure(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("The ministers met in Lima on Friday.\n", encoding="utf-8")
    items = _read(bad, good)
    assert items[0] == Failure(str(bad), reason)
    assert isinstance(items[1], RawDocument) and len(items) == 2


def test_file_over_max_bytes(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: the size check must not read the file
        fh.truncate(int(52.4 * 1024 * 1024))
    (fail,) = _read(big)
    assert fail == Failure(str(big), "file is 52.4 MB, over the 50.0 MB limit (setting max_bytes)")
    small = tmp_path / "small.txt"
    small.write_text("x" * 300, encoding="utf-8")
    (fail,) = _read(small, opts=OPTS.with_(max_bytes=100))
    assert fail == Failure(str(small), "file is 300 bytes, over the 100 bytes limit (setting max_bytes)")
    assert human_size(50 * 1024 * 1024) == "50.0 MB"


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.md").write_text("hello", encoding="utf-8")
    items = _read(tmp_path / "nope.txt", tmp_path / "empty")
    assert items == [
        Failure(str(tmp_path / "nope.txt"), "no such file or directory"),
        Failure(str(tmp_path / "empty"), NO_ARTICLES),
    ]
    assert NO_ARTICLES == "no articles found (looked for .txt, .html, .jsonl, .warc)"


def test_named_file_of_unknown_kind_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "page.php"
    page.write_text("<html><head><title>Talks in Hanoi</title></head><body><article><p>"
                    "The Vietnamese president received the Lao president in Hanoi on Tuesday.</p>"
                    "</article></body></html>", encoding="utf-8")
    note = tmp_path / "note.dat"
    note.write_text("Talks in Hanoi\n\nThe presidents met on Tuesday.\n", encoding="utf-8")
    (html_doc, text_doc) = _read(page, note)
    assert isinstance(html_doc, RawDocument) and html_doc.kind == "html" and "Lao president" in html_doc.text
    assert isinstance(text_doc, RawDocument) and text_doc.kind == "txt" and text_doc.title == "Talks in Hanoi"
    assert (html_doc.doc_id, text_doc.doc_id) == ("page", "note")


def test_kind_of_and_sniff() -> None:
    assert [kind_of(n) for n in ("a.TXT", "a.htm", "a.ndjson", "a.warc.gz", "a.arc", "a.pdf")] == [
        "txt", "html", "jsonl", "warc", "warc", None,
    ]
    assert sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(b'{"id": "1", "text": "x"}\n') == "jsonl"
    assert sniff(b"<!DOCTYPE html><html>") == "html"
    assert sniff(b"Plain words.") == "txt"


# --- HTML ------------------------------------------------------------------------------------------


def test_html_without_date_metadata_has_no_date(tmp_path: Path) -> None:
    f = tmp_path / "nodate.html"
    f.write_text("<html><head><title>Leaders meet in Baku</title></head><body><article>"
                 "<p>The Azerbaijani president received the Georgian prime minister in Baku on Friday, "
                 "and the two sides discussed energy transit and regional security at length.</p>"
                 "</article></body></html>", encoding="utf-8")
    (doc,) = _read(f)
    assert isinstance(doc, RawDocument)
    assert doc.publication_date is None and doc.title == "Leaders meet in Baku"
    assert doc.kind == "html" and doc.body_start == 0


# --- JSONL -----------------------------------------------------------------------------------------


def test_jsonl_malformed_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "T1", "date": "2024-01-02T10:00:00Z", "text": "The leaders met in Accra."}),
        '{"id": "a2", "text": "unterminated',
        "[1, 2]",
        json.dumps({"id": "a4", "title": "No body"}),
        "",
        json.dumps({"url": "https://example.org/x", "text": "Talks in Dakar.", "date": "not a date"}),
        json.dumps({"text": "No id, no url."}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(f)
    assert [type(i).__name__ for i in items] == ["RawDocument", "Failure", "Failure", "Failure", "RawDocument", "RawDocument"]
    first, bad_json, not_obj, no_body, by_url, anon = items
    assert isinstance(first, RawDocument) and first.doc_id == "a1" and first.publication_date == date(2024, 1, 2)
    assert first.title == "T1" and first.kind == "jsonl" and first.text == "The leaders met in Accra."
    assert isinstance(bad_json, Failure) and bad_json.source == f"{f}:2"
    assert bad_json.reason.startswith("malformed JSONL line: Unterminated string")
    assert not_obj == Failure(f"{f}:3", "malformed JSONL line: expected an object, got list")
    assert no_body == Failure(f"{f}:4", "JSONL record has no 'text' or 'html'")
    assert isinstance(by_url, RawDocument) and by_url.source == by_url.url == "https://example.org/x"
    assert by_url.publication_date is None and len(by_url.doc_id) == 16
    assert isinstance(anon, RawDocument) and anon.doc_id == "batch-7" and anon.source == f"{f}:7"


# --- WARC ------------------------------------------------------------------------------------------


def test_truncated_warc_keeps_documents_before_the_damage(samples_dir: Path, tmp_path: Path) -> None:
    data = (samples_dir / "samples.warc.gz").read_bytes()
    for cut in (len(data) - 40, len(data) * 2 // 3):
        f = tmp_path / f"cut{cut}.warc.gz"
        f.write_bytes(data[:cut])
        items = _read(f)
        fails = _fails(items)
        assert len(fails) == 1 and fails[0].source == str(f), cut
        assert fails[0].reason.startswith("truncated or corrupt WARC: "), fails[0].reason
        assert items[-1] == fails[0]
        assert _docs(items)[0].doc_id == "3b0c1f0e-0000-4000-8000-000000000001"


def test_garbage_warc(tmp_path: Path) -> None:
    f = tmp_path / "junk.warc"
    f.write_bytes(b"WARC/1.0\r\nthis is not a warc header block\r\n\r\n" * 3)
    (fail,) = _read(f)
    assert isinstance(fail, Failure) and fail.reason.startswith("truncated or corrupt WARC: ")


# --- bytes and stdin ---------------------------------------------------------------------------------


def test_read_bytes_uses_the_name(samples_dir: Path) -> None:
    html = (samples_dir / "sisi_abdullah_cairo.html").read_bytes()
    (doc,) = read_bytes(html, "upload.html", OPTS)
    assert isinstance(doc, RawDocument) and doc.doc_id == "upload" and doc.kind == "html"
    docs = list(read_bytes((samples_dir / "samples.warc.gz").read_bytes(), "x.warc.gz", OPTS))
    assert [d.kind for d in docs] == ["warc", "warc"]
    (fail,) = read_bytes(b"", "empty.txt", OPTS)
    assert fail == Failure("empty.txt", "empty file")
    (fail,) = read_bytes(b"x" * 200, "big.txt", OPTS.with_(max_bytes=100))
    assert isinstance(fail, Failure) and "over the 100 bytes limit" in fail.reason


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO(b"Talks in Lusaka\n\nThe presidents met on Monday.\n")

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    (doc,) = _read("-")
    assert isinstance(doc, RawDocument)
    assert doc.kind == "stdin" and doc.source == "<stdin>" and doc.doc_id.startswith("stdin-")
    assert doc.title == "Talks in Lusaka"


def test_record_over_max_bytes(samples_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    f.write_text(json.dumps({"id": "big", "text": "word " * 100}) + "\n"
                 + json.dumps({"id": "ok", "text": "Short."}) + "\n", encoding="utf-8")
    big, ok = _read(f, opts=OPTS.with_(max_bytes=200))
    assert isinstance(big, Failure) and big.source == f"{f}:1"
    assert big.reason.startswith("record is 5") and big.reason.endswith("over the 200 bytes limit (setting max_bytes)")
    assert isinstance(ok, RawDocument) and ok.doc_id == "ok"
    items = _read(samples_dir / "samples.warc.gz", opts=OPTS.with_(max_bytes=1000))
    assert [type(i).__name__ for i in items] == ["Failure", "RawDocument"]
    assert items[0].source == "https://example.org/nile-courier/sisi-abdullah-cairo"
    assert items[0].reason.startswith("record is ")  # type: ignore[union-attr]


@pytest.mark.parametrize("text", [" date 2024-01-01\r\nTalks in Rome\r\n\r\nBody.\r\n", " date 2024-01-01"])
def test_header_without_rest(text: str) -> None:
    raw = parse_text(text, "x", "x.txt")
    assert raw.publication_date == date(2024, 1, 1)
    assert not raw.text[raw.body_start :].startswith(" date")
    assert raw.title == ("Talks in Rome" if "Rome" in text else None)


# --- hostile input: every bad record is one named failure, and the rest is read -------------------

GOOD = '{"id": "good", "text": "President Alpha met Premier Beta in Lisbon on Monday."}\n'


@pytest.mark.parametrize("field", ["id", "title", "url", "text", "html"])
def test_jsonl_unpaired_surrogate_is_a_failure_naming_the_field(tmp_path: Path, field: str) -> None:
    bad = {"id": "x", "text": "Alpha met Beta."} | {field: "a\\ud800b"}
    line = "{" + ", ".join(f'"{k}": "{v}"' for k, v in bad.items()) + "}\n"
    f = tmp_path / "s.jsonl"
    f.write_text(line + GOOD, encoding="utf-8")
    items = _read(f)
    assert [d.doc_id for d in _docs(items)] == ["good"]
    (fail,) = _fails(items)
    assert fail.source == f"{f}:1" and f"field {field!r} holds an unpaired surrogate" in fail.reason


def test_jsonl_huge_number_and_deep_nesting_are_refused_by_setting(tmp_path: Path) -> None:
    f = tmp_path / "h.jsonl"
    f.write_text('{"id": "n", "n": ' + "9" * 3000 + ', "text": "Alpha met Beta."}\n'
                 + "[" * 50_000 + "]" * 50_000 + "\n" + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "\n" + GOOD)
    items = _read(f)
    assert [d.doc_id for d in _docs(items)] == ["good"]
    reasons = [x.reason for x in _fails(items)]
    assert reasons == [
        "malformed JSONL line: a number of 3000 digits, over the limit of 100 (setting max_number_digits)",
        "malformed JSONL line: nested 50000 deep, over the limit of 64 (setting max_json_depth)",
        "malformed JSONL line: nested 50000 deep, over the limit of 64 (setting max_json_depth)",
    ]
    assert _docs(_read(f, opts=OPTS.with_(max_number_digits=4300)))[0].doc_id == "n"


def test_deep_json_without_a_known_extension_and_on_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = ('{"a": ' * 50_000 + "1" + "}" * 50_000 + "\n").encode()
    f = tmp_path / "record.data"
    f.write_bytes(deep)
    assert "nested 50000 deep" in _fails(_read(f))[0].reason
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(deep)))
    (fail,) = _read("-")
    assert isinstance(fail, Failure) and fail.source == "<stdin>:1" and "nested 50000 deep" in fail.reason


def test_jsonl_line_without_end_is_not_kept_in_memory(tmp_path: Path) -> None:
    f = tmp_path / "long.jsonl"
    f.write_bytes(b'{"text": "' + b"a" * 3000 + b'"}\n' + GOOD.encode())
    items = _read(f, opts=OPTS.with_(max_bytes=1000))
    assert [x.reason for x in _fails(items)] == ["record is 3013 bytes, over the 1000 bytes limit (setting max_bytes)"]
    assert [d.doc_id for d in _docs(items)] == ["good"]


def test_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as fh:
        fh.write(b"President Alpha met Premier Beta in Lisbon.\n")
    (doc,) = _read(tmp_path)
    assert isinstance(doc, RawDocument)
    assert doc.source == f"{tmp_path}/caf\\xe9.txt" and doc.doc_id == "caf\\xe9"
    doc.source.encode("utf-8")  # storable


def test_a_line_over_max_line_chars_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "one-line.txt"
    f.write_text("Alpha met Beta. " * 20_000, encoding="utf-8")
    (fail,) = _read(f)
    assert isinstance(fail, Failure)
    assert fail.reason == "a line of 320,000 characters, over the limit of 200,000 (setting max_line_chars)"
    assert isinstance(_read(f, opts=OPTS.with_(max_line_chars=400_000))[0], RawDocument)


def _warc(records: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, charset in records:
        html = (f"<html><head><title>{url}</title></head><body><p>President Alpha met Premier Beta in Lisbon "
                "on Monday and the two leaders discussed trade, energy and the fisheries agreement.</p></body></html>")
        headers = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={charset}")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
    return buf.getvalue()


def test_warc_record_declaring_a_charset_that_is_no_text_encoding_does_not_spoil_the_rest(tmp_path: Path) -> None:
    f = tmp_path / "cs.warc.gz"
    f.write_bytes(_warc([("http://a.example/1", "undefined"), ("http://a.example/2", "punycode"),
                         ("http://a.example/3", "base64"), ("http://a.example/4", "utf-8")]))
    items = _read(f)
    assert not _fails(items)
    assert [d.url for d in _docs(items)] == [f"http://a.example/{i}" for i in (1, 2, 3, 4)]
    assert all("Alpha met Premier Beta" in d.text for d in _docs(items))


@pytest.mark.parametrize("gz", [True, False])
def test_warc_bomb_and_endless_header_end_the_file_with_one_short_failure(tmp_path: Path, gz: bool) -> None:
    f = tmp_path / ("bomb.warc.gz" if gz else "endless.warc")
    opener = gzip.open if gz else open
    with opener(f, "wb") as fh:
        fh.write(b"WARC/1.0\r\nWARC-Type: response\r\nX-Pad: ")
        for _ in range(20):
            fh.write(b"\0" * (1 << 20))
    (fail,) = _read(f)
    assert isinstance(fail, Failure)
    assert fail.reason == "truncated or corrupt WARC: holds over 8.0 MB without a line break"
    capped = _read(f, opts=OPTS.with_(max_archive_bytes=4 << 20))
    assert capped[0].reason == "truncated or corrupt WARC: expands past 4.0 MB (setting max_archive_bytes)"  # type: ignore[union-attr]


def test_failure_text_is_printable_and_bounded() -> None:
    f = Failure("in/\x1b[2Jevil\x07.txt", "cannot parse: " + "\x00" * 5 + "x" * 10_000)
    assert f.source == "in/\\x1b[2Jevil\\x07.txt"
    assert f.reason.startswith("cannot parse: \\x00\\x00") and len(f.reason) <= 300
    assert f.reason.endswith("characters in all)")
    assert Failure("a.jsonl:12", "r").file == "a.jsonl" and Failure("w.warc#rec-1", "r").file == "w.warc"


needs_unix = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and FIFOs")


@needs_unix
def test_folder_entries_that_are_not_files_are_named_and_links_stay_inside(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("President Alpha met Premier Beta in Lisbon.\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("root:x:0:0\n", encoding="utf-8")
    (root / "out.txt").symlink_to(tmp_path / "secret.txt")
    (root / "inside.txt").symlink_to(root / "a.txt")
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(root / "sub" / "pipe.txt")
    (root / ".hidden.txt").write_text("Gamma met Delta.\n", encoding="utf-8")
    (root / ".git").mkdir()
    notes: list[str] = []
    items = list(read_paths([root], OPTS, notes))
    assert sorted(d.source for d in _docs(items)) == [str(root / "a.txt"), str(root / "inside.txt")]
    reasons = {Path(f.source).name: f.reason for f in _fails(items)}
    assert reasons == {
        "out.txt": f"symbolic link to {tmp_path / 'secret.txt'}, outside the input folder: not followed",
        "dangling.txt": "broken symbolic link",
        "loop.txt": "symbolic link loop",
        "zero.txt": "symbolic link to /dev/zero, outside the input folder: not followed",
        "pipe.txt": "not a regular file (a FIFO)",
    }
    assert notes == [f"{root}: skipped 2 hidden files or folders (names starting with '.')"]
