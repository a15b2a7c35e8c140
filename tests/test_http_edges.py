"""HTTP edges against a real uvicorn server on 127.0.0.1: malformed requests get the JSON error
shape (never uvicorn's plain text), every response carries the security headers, and ids taken
from the input cannot make a link that leaves its page."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from communique.api import create_app
from communique.api.http import PROTOCOL
from communique.options import Options
from communique.store import Store
from communique.web.routes import _href
from live import serving
from test_store import make_clean

SECURITY = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    tmp = tmp_path_factory.mktemp("edges")
    opts = Options(db=f"sqlite:///{tmp / 'e.db'}", embeddings=False, progress="never")
    with Store.open(opts.db) as store:
        store.add_documents([make_clean("..", "Alpha met Beta in Lisbon."),
                             make_clean("../../../api/settings", "Gamma met Delta in Oslo.")])
        with serving(create_app(opts, store), log_level="critical", http=PROTOCOL) as port:
            yield "127.0.0.1", port


def _raw(server: tuple[str, int], request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``request`` as bytes; the status, headers and body of the answer."""
    with socket.create_connection(server, timeout=10) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


@pytest.mark.parametrize("request_bytes", [
    b"GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
    b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Evil: a\x00b\r\n\r\n",
    b"GET /api/health?" + b"q=" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"NOT A REQUEST AT ALL\r\n\r\n",
], ids=["bad-content-length", "nul-in-header", "100k-query", "garbage"])
def test_malformed_requests_get_the_error_shape(server: tuple[str, int], request_bytes: bytes) -> None:
    status, headers, body = _raw(server, request_bytes)
    assert status == 400
    assert headers["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert error["status"] == 400 and error["code"] == "bad_request"
    assert error["message"].startswith("malformed HTTP request: ")
    assert all(h in headers for h in SECURITY)


@pytest.mark.parametrize("path", ["/api/health", "/", "/static/style.css", "/api/nope", "/documents/nope", "/docs"])
def test_every_response_carries_the_security_headers(server: tuple[str, int], path: str) -> None:
    status, headers, _ = _raw(server, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    assert status in (200, 404)
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert ("'unsafe-inline'" in csp) == (path == "/docs")  # only the Swagger page runs inline script


def test_ids_from_the_input_make_links_that_stay_on_their_page(server: tuple[str, int]) -> None:
    assert _href("documents", "id", "../../../api/settings") == "/documents/..%2F..%2F..%2Fapi%2Fsettings"
    assert _href("documents", "id", "..") == "/documents/?id=.."
    assert _href("people", "name", "a/b?c") == "/people/a%2Fb%3Fc"
    for path, text in (("/documents/..%2F..%2F..%2Fapi%2Fsettings", "Gamma met Delta"), ("/documents/?id=..", "Alpha met Beta")):
        status, _, body = _raw(server, f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n".encode())
        assert status == 200 and text in body.decode(), path


def test_the_document_page_needs_no_inline_script() -> None:
    templates = Path(__file__).resolve().parents[1] / "src" / "communique" / "web" / "templates"
    for page in templates.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>" not in text and " style=" not in text and " on" + "click=" not in text, page.name
