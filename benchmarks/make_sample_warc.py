"""Build ``src/communique/samples/samples.warc.gz``: a tiny WARC of the project's own sample pages.

    .venv/bin/python benchmarks/make_sample_warc.py [OUT]

Records (fixed ids and dates, so the output is the same on every run): the HTML sample
``sisi_abdullah_cairo.html`` as a response, one more fictional HTML article (Ruto receiving Abiy
Ahmed in Nairobi), a ``request`` record and an image response, which readers must skip.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "communique" / "samples"

RUTO_ABIY = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Ruto hosts Abiy at State House, Nairobi | Rift Valley Times</title>
<meta property="article:published_time" content="2024-05-21T10:00:00+03:00"></head>
<body><nav><a href="/">Home</a> | <a href="/africa">Africa</a> | <a href="/politics">Politics</a></nav>
<article><h1>Ruto hosts Abiy at State House, Nairobi</h1>
<p>NAIROBI — Kenyan President William Ruto hosted Ethiopian Prime Minister Abiy Ahmed at State House in Nairobi on Monday for talks on regional trade and the Lamu port corridor.</p>
<p>“Kenya and Ethiopia are one people divided only by a border, and our prosperity is shared,” Ruto said after the meeting.</p>
<p>Abiy described the corridor as a "lifeline" for landlocked Ethiopia. "We will complete the road and the railway together," he said.</p>
<p>Kenyan Foreign Affairs Cabinet Secretary Musalia Mudavadi also attended the talks.</p>
</article><footer>Share this | Follow us</footer></body></html>
"""

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f50000000049454e44ae426082"
)


def build(out: io.BufferedIOBase | io.BytesIO) -> None:
    writer = WARCWriter(out, gzip=True)
    pages = [
        ("https://example.org/nile-courier/sisi-abdullah-cairo", "3b0c1f0e-0000-4000-8000-000000000001",
         "2024-02-08T12:10:00Z", (SAMPLES / "sisi_abdullah_cairo.html").read_bytes()),
        ("https://example.org/rift-valley-times/ruto-abiy-nairobi", "3b0c1f0e-0000-4000-8000-000000000002",
         "2024-05-21T08:00:00Z", RUTO_ABIY.encode("utf-8")),
    ]
    for uri, rid, when, body in pages:
        req = writer.create_warc_record(
            uri, "request", payload=io.BytesIO(f"GET {uri} HTTP/1.1\r\nHost: example.org\r\n\r\n".encode()),
            warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:{rid[:-1]}f>", "WARC-Date": when},
        )
        writer.write_record(req)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict={"WARC-Record-ID": f"<urn:uuid:{rid}>", "WARC-Date": when},
        )
        writer.write_record(rec)
    img_headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    img = writer.create_warc_record(
        "https://example.org/logo.png", "response", payload=io.BytesIO(PNG_1PX), http_headers=img_headers,
        warc_headers_dict={"WARC-Record-ID": "<urn:uuid:3b0c1f0e-0000-4000-8000-000000000003>",
                           "WARC-Date": "2024-05-21T08:00:01Z"},
    )
    writer.write_record(img)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else SAMPLES / "samples.warc.gz"
    buf = io.BytesIO()
    build(buf)
    out.write_bytes(buf.getvalue())
    print(f"wrote {out} ({len(buf.getvalue())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
