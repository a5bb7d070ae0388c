"""Web pages by URL, served by a local HTTP server on 127.0.0.1 that the tests start.

No test reaches any other address: `_loopback_only` refuses every connection elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from test_load_formats import make_pdf

from variance.cli import main
from variance.errors import InputError
from variance.load import fetch, load_paths

ARTICLE = ("China is willing to cooperate, but cooperation must be bilateral, the minister "
           "said on Friday after five hours of talks in Beijing.")
SECOND = ("The two sides agreed to keep channels of communication open and to meet again "
          "before the end of the year, according to the statement.")
READOUT = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Readout of the meeting</title><script>document.cookie = "tracked=1";</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About the ministry</a></nav>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>Readout of the meeting</h1><p>{ARTICLE}</p><p>{SECOND}</p></article>
<script>alert("this never runs")</script><footer>Copyright the ministry</footer></body></html>"""
BIG = 30 * 1024 * 1024
REQUESTS: list[dict[str, str]] = []


class _Pages(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        REQUESTS.append({"path": self.path, **{k: v for k, v in self.headers.items()}})
        route = getattr(self, "page_" + self.path.strip("/").replace("-", "_").replace(".", "_"),
                        None)
        if route is None:
            self._send(404, b"<html><body>Not here</body></html>", "text/html")
        else:
            route()

    def page_readout_html(self) -> None:
        self._send(200, READOUT.encode(), "text/html; charset=utf-8",
                   Set_Cookie="session=abc; Path=/")

    def page_old(self) -> None:
        self.send_response(301)
        self.send_header("Location", "/readout.html")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def page_loop(self) -> None:
        self.send_response(302)
        self.send_header("Location", "/loop")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def page_to_file(self) -> None:
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def page_hang(self) -> None:
        time.sleep(3)  # longer than the tests' timeout: the page never answers in time

    def page_big(self) -> None:
        self._send(200, b"a" * BIG, "text/html")

    def page_big_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65533
        try:
            for _ in range(BIG // len(chunk) + 1):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its limit, as it should

    def page_liar(self) -> None:  # declares UTF-8, sends Windows-1252
        body = ("<html><body><article><p>" + ARTICLE.replace("minister", "ministre “très”")
                + "</p><p>" + SECOND + "</p></article></body></html>").encode("cp1252")
        self._send(200, body, "text/html; charset=utf-8")

    def page_latin_label(self) -> None:  # declares Latin-1, sends UTF-8
        body = ("<html><body><article><p>" + ARTICLE.replace("minister", "ministre “très”")
                + "</p><p>" + SECOND + "</p></article></body></html>").encode("utf-8")
        self._send(200, body, "text/html; charset=iso-8859-1")

    def page_photo_png(self) -> None:
        self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")

    def page_readout_pdf(self) -> None:
        self._send(200, self.server.pdf, "application/pdf")  # type: ignore[attr-defined]

    def page_plain(self) -> None:
        self._send(200, f"{ARTICLE}\n{SECOND}\n".encode(), "text/plain; charset=utf-8")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that stops reading at its limit is what the tests want


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    httpd = _Server(("127.0.0.1", 0), _Pages)
    httpd.pdf = make_pdf(tmp_path_factory.mktemp("served") / "r.pdf").read_bytes()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """Every connection goes to 127.0.0.1, and no proxy is consulted; short waits."""
    real = socket.create_connection

    def guarded(address, *args, **kwargs):
        if address[0] not in ("127.0.0.1", "localhost"):
            raise AssertionError(f"a test tried to reach {address[0]}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
    REQUESTS.clear()


def test_a_readout_page_gives_its_article_only_and_the_evidence_of_the_fetch(server):
    [doc] = load_paths([f"{server}/readout.html"])
    assert doc.id == "readout" and doc.path == f"{server}/readout.html"
    assert ARTICLE in doc.text and SECOND in doc.text
    for chrome in ("Home", "cookies", "alert", "Copyright"):
        assert chrome not in doc.text
    assert doc.sha256 == hashlib.sha256(READOUT.encode()).hexdigest()
    assert doc.fetch is not None
    assert (doc.fetch.status, doc.fetch.final_url, doc.fetch.redirects) == (
        200, f"{server}/readout.html", ())
    assert doc.fetch.content_type == "text/html"
    assert doc.fetch.fetched_at.endswith("Z") and doc.language == "en"


def test_one_request_per_url_naming_variance_and_no_cookie_sent_back(server):
    load_paths([f"{server}/readout.html", f"{server}/old"])
    assert [r["path"] for r in REQUESTS] == ["/readout.html", "/old", "/readout.html"]
    assert all(r["User-Agent"].startswith("variance/") for r in REQUESTS)
    assert not any("Cookie" in r for r in REQUESTS)


def test_a_redirect_is_followed_and_recorded(server):
    [doc] = load_paths([f"{server}/old"])
    assert doc.fetch.url == f"{server}/old"
    assert doc.fetch.final_url == f"{server}/readout.html"
    assert doc.fetch.redirects == (f"301 {server}/readout.html",)
    assert ARTICLE in doc.text


@pytest.mark.parametrize("page,message", [
    ("missing", "HTTP 404 Not Found"),
    ("hang", "no answer within 0.5 s"),
    ("big", f"page is {BIG:,} bytes, over the limit of 20,000,000 (raise it with --max-bytes)"),
    ("big-stream", "page is over the limit of 20,000,000 bytes (raise it with --max-bytes)"),
    ("photo.png", "content type image/png is not a web page, PDF, Word file or text"),
    ("loop", "too many redirects or a redirect loop (HTTP 302)"),
    ("to-file", "redirect to file:///etc/passwd refused (only http and https are followed)"),
], ids=["404", "never-answers", "30MB-declared", "30MB-streamed", "image", "loop", "file-redirect"])
def test_every_failure_is_one_line_naming_the_url(server, page, message):
    url = f"{server}/{page}"
    with pytest.raises(InputError) as info:
        load_paths([url])
    assert str(info.value) == f"{url}: {message}"


def test_a_server_that_is_not_there(server):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError, match=r": connection refused$"):
        load_paths([f"http://127.0.0.1:{port}/x"])


def test_a_page_declaring_one_charset_and_sending_another_is_read_by_its_bytes(server):
    warnings: list[str] = []
    [liar, mislabelled] = load_paths([f"{server}/liar", f"{server}/latin-label"],
                                     warn=warnings.append)
    for doc in (liar, mislabelled):
        assert "ministre “très” said" in doc.text
    assert warnings == [
        f"{server}/liar: declares charset utf-8 but the bytes are not utf-8; decoded by detection",
        f"{server}/latin-label: declares charset iso-8859-1 but sends UTF-8; decoded as utf-8"]


def test_with_strict_a_lying_charset_is_an_error(server):
    from variance.model import Options

    with pytest.raises(InputError, match="declares charset utf-8 but the bytes are not utf-8"):
        load_paths([f"{server}/liar", f"{server}/readout.html"], Options(strict=True))


def test_a_pdf_and_a_plain_text_by_url(server):
    pdf, plain = load_paths([f"{server}/readout.pdf", f"{server}/plain"])
    assert pdf.text.startswith("The foreign ministers met in Beijing")
    assert pdf.fetch.content_type == "application/pdf"
    assert plain.text == f"{ARTICLE}\n{SECOND}\n"


def test_cli_compares_urls_beside_files_and_a_bad_url_is_a_warning(server, tmp_path):
    local = tmp_path / "wire.txt"
    local.write_text(f"{ARTICLE}\nBoth sides agreed to keep channels of communication open.\n")
    result = CliRunner().invoke(main, ["align", "--json", "-q", f"{server}/readout.html",
                                       str(local)])
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)["documents"]
    assert documents[0]["fetch"] == {
        "url": f"{server}/readout.html", "final_url": f"{server}/readout.html", "status": 200,
        "fetched_at": documents[0]["fetch"]["fetched_at"], "redirects": [],
        "content_type": "text/html"}
    assert documents[1]["fetch"] is None
    result = CliRunner().invoke(main, ["align", f"{server}/missing", str(local),
                                       f"{server}/readout.html"])
    assert result.exit_code == 0
    assert f"variance: warning: {server}/missing: HTTP 404 Not Found" in result.stderr
    result = CliRunner().invoke(main, ["align", "--strict", f"{server}/missing", str(local)])
    assert result.exit_code == 2
    assert result.stderr == f"variance: error: {server}/missing: HTTP 404 Not Found\n"


def test_every_view_shows_where_and_when_a_page_was_fetched(server, tmp_path):
    local = tmp_path / "wire.txt"
    local.write_text(f"{ARTICLE}\n{SECOND}\n")
    url = f"{server}/old"
    text = CliRunner().invoke(main, ["align", "-q", url, str(local)])
    assert (f"fetched {server}/readout.html (HTTP 200, redirected from {url}) at "
            in " ".join(text.stdout.split()))
    page = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "-q", url, str(local), "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text()
    assert f"fetched {server}/readout.html (HTTP 200, redirected from {url}) at " in html


@pytest.mark.asyncio
async def test_the_tui_document_screen_says_where_the_page_was_fetched(server, tmp_path):
    from textual.widgets import Static

    from variance.model import Options
    from variance.pipeline import compare
    from variance.tui import make_app

    local = tmp_path / "wire.txt"
    local.write_text(f"{ARTICLE}\n{SECOND}\n")
    comparison = compare([f"{server}/old", str(local)], Options(artefacts=False))
    app = make_app(comparison=comparison)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        shown = str(app.screen.query_one("#document-source", Static).render())
    assert shown.startswith(f"fetched {server}/readout.html (HTTP 200, redirected from "
                            f"{server}/old) at ")
    assert "language en · sha256 " in shown
